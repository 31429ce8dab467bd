import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse pipeline`: the whole job in one command.
    struct Pipeline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seed (when the warehouse has no users yet), segment, and write the report.",
            discussion: """
            On a new database: seeds --users users, runs the segmentation with --k segments and writes the \
            report. On a warehouse that already has users, it segments and reports what is there (no seeding), \
            so running it again adds a run and refreshes the report.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: "Users to seed into a new warehouse.")
        var users: Int = 10_000

        @Option(parsing: .unconditional, help: "Seed of the generator and of the segmentation.")
        var seed: UInt64 = 42

        @Option(parsing: .unconditional, help: "Number of segments.")
        var k: Int = 4

        @Option(help: ArgumentHelp("The HTML report to write.", valueName: "path"))
        var out: String = "report.html"

        @Flag(help: "No progress bar.")
        var quiet = false

        private var seedConfiguration: SeedConfiguration { SeedConfiguration(users: users, seed: seed) }

        private var segmentationConfiguration: SegmentationConfiguration {
            var configuration = SegmentationConfiguration()
            configuration.k = k
            configuration.seed = seed
            return configuration
        }

        func validate() throws {
            if out.isEmpty { throw ValidationError("--out must not be empty") }
            do {
                try seedConfiguration.validate()
                try segmentationConfiguration.validate()
            } catch {
                throw ValidationError(String(describing: error))
            }
        }

        func run() throws {
            try ReportFileWriter.check(out, sparing: database.path)
            let store = try WarehouseStore(path: database.path, mode: .createIfMissing)
            let existing = try WarehouseInfo.userCount(store)
            if existing == 0 {
                let bar = ProgressBar(label: "seeding", unit: "users", quiet: quiet)
                let summary = try Seeder.run(store: store, configuration: seedConfiguration) { bar.update(done: $0, total: $1) }
                bar.finish()
                print("1/3 seeded \(summary.users) users, \(summary.likeRows) like rows in \(String(format1: summary.seconds)) s into \(store.path)")
            } else {
                print("1/3 \(store.path) already has \(existing) users: segmenting them (no seeding)")
            }
            let result = try SegmentationJob.run(store: store, configuration: segmentationConfiguration)
            var line = "2/3 run \(result.runID): \(result.settings.k) segments of \(result.users) users"
            if let ari = result.adjustedRandIndex { line += ", adjusted Rand index vs planted personas \(String(format1: ari * 100))%" }
            if let suggested = result.elbow?.suggestedK { line += ", elbow suggests k = \(suggested)" }
            print(line + " in \(String(format1: result.totalSeconds)) s")
            let report = try ReportBuilder.build(store: store, configuration: ReportConfiguration(run: .id(result.runID), seed: seed))
            let bytes = try ReportFileWriter.write(report.html, to: out, sparing: store.path)
            print("3/3 wrote \(out) (\(formatBytes(bytes)), \(report.charts.count) charts): open it in a browser")
        }
    }
}
