import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse import-run DIR`: a segmentation computed by Spark, stored as a run.
    struct ImportRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-run",
            abstract: "Store a segmentation computed elsewhere (e.g. by scripts/spark-segmentation.sh) as a run.",
            discussion: """
            The round trip: warehouse export, scripts/spark-segmentation.sh, warehouse import-run (docs/spark.md). \
            DIR holds meta.json and the assignments (user_id, segment 1…k, distance) as one CSV file or a \
            directory of Spark part files. The engine's partition is kept; features, PCA, centroids, distances, \
            inertia and profiles are recomputed here so the run is complete in every table. Provenance goes to \
            segmentation_runs.engine and .source. Nothing is written unless every check passes.
            """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The result directory (meta.json and assignments).", valueName: "dir"))
        var directory: String

        @Option(name: .customLong("align-to"), parsing: .unconditional,
                help: "Number the segments like this earlier run's (matched on shared users).")
        var alignTo: Int64?

        @Option(name: .customLong("silhouette-sample"), parsing: .unconditional,
                help: "Users the silhouette is computed on (a seeded sample beyond).")
        var silhouetteSample: Int = 10_000

        @OptionGroup var threads: ThreadsOption
        @OptionGroup var json: JSONOption
        @OptionGroup var quiet: QuietOption

        var importConfiguration: ImportRunConfiguration {
            var configuration = ImportRunConfiguration(directory: directory, alignTo: alignTo)
            configuration.silhouetteSampleSize = silhouetteSample
            if let threads = threads.count { configuration.threads = threads }
            return configuration
        }

        func validate() throws {
            do { try importConfiguration.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .mustExist)
            let showProgress = quiet.showsProgress
            let summary = try ImportRunJob.run(store: store, configuration: importConfiguration) { stage in
                if showProgress { printError("… \(stage)") }
            }
            print(try json.output(summary) { summary.render(database: database.db) })
        }
    }
}
