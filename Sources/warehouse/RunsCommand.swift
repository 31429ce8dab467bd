import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse runs`: every segmentation run.
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every segmentation run with its parameters and scores (inertia, silhouette, ARI).")

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var json: JSONOption

        func run() throws {
            let catalogue = try RunsJob.run(store: WarehouseStore(path: database.path, mode: .readOnly))
            print(try json.output(catalogue) { catalogue.render() })
        }
    }
}
