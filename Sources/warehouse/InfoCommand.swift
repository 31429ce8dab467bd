import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse info`: what the warehouse holds.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the schema version, row counts, seed batches and segmentation runs.")

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var json: JSONOption

        func run() throws {
            let info = try InfoJob.run(store: WarehouseStore(path: database.path, mode: .readOnly))
            print(try json.output(info) { info.render() })
        }
    }
}
