import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse info`: what the warehouse holds.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the schema version, row counts, seed batches and segmentation runs.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let info = try WarehouseInfo.read(WarehouseStore(path: database.path, mode: .readOnly))
            print("warehouse \(info.path): schema version \(info.schemaVersion), SQLite \(info.sqliteVersion)")
            print("tables:")
            for (table, rows) in info.tableCounts {
                print("  \(table.padding(to: 22)) \(rows)")
            }
            print("seed batches: \(info.seedBatches.count)")
            for batch in info.seedBatches {
                print("  #\(batch.id) seed \(batch.seed): \(batch.users) users (ids \(batch.firstUserID)–\(batch.lastUserID)), "
                    + "\(batch.likeRows) like rows, generator v\(batch.generatorVersion), \(batch.createdAt)")
            }
            print("segmentation runs: \(info.runs.count)")
            for run in info.runs {
                let optional: (Double?) -> String = { $0.map { String($0) } ?? "NULL" }
                print("  #\(run.id) \(run.createdAt) k=\(run.k) n_components=\(run.components) users=\(run.users) "
                    + "inertia=\(run.inertia) silhouette=\(optional(run.silhouette)) "
                    + "suggested_k=\(run.suggestedK.map(String.init) ?? "NULL") ari=\(optional(run.ari)) features=\(run.features)")
            }
        }
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters (never truncates).
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
