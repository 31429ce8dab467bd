import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse export`: the warehouse as CSV files with a schema Apache Spark reads directly.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write users, likes and standardised features as CSV files with a schema.json that Spark reads.",
            discussion: """
            Writes users.csv, likes.csv, subcategories.csv, features.csv and schema.json (a Spark DDL string \
            and StructType JSON per file, plus the segmentation to reproduce) into a new directory, streaming \
            (memory does not grow with the warehouse) from one consistent snapshot. With --run, features.csv \
            holds that run's users and features scaled by its stored scaling, and schema.json its k, seed and \
            components; without, the default features scaled over all users with likes. Then: \
            scripts/spark-segmentation.sh DIR OUT and warehouse import-run OUT.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The directory to create (it must not exist, or be empty).", valueName: "dir"))
        var out: String

        @OptionGroup var runOption: OptionalRunOption
        @OptionGroup var threads: ThreadsOption
        @OptionGroup var json: JSONOption

        var exportConfiguration: ExportConfiguration {
            var configuration = ExportConfiguration(directory: out, run: runOption.selector)
            if let threads = threads.count { configuration.threads = threads }
            return configuration
        }

        func validate() throws {
            do { try exportConfiguration.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let summary = try ExportJob.run(store: store, configuration: exportConfiguration)
            print(try json.output(summary) { summary.render(database: database.db) })
        }
    }
}
