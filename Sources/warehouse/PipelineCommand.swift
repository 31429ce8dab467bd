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

        @OptionGroup var quiet: QuietOption
        @OptionGroup var json: JSONOption

        private var configuration: PipelineConfiguration {
            var configuration = PipelineConfiguration()
            configuration.users = users
            configuration.seed = seed
            configuration.k = k
            configuration.out = out
            return configuration
        }

        func validate() throws {
            do {
                try configuration.validate()
            } catch {
                throw ValidationError(String(describing: error))
            }
        }

        func run() throws {
            try ReportFileWriter.check(out, sparing: database.path)
            let store = try WarehouseStore(path: database.path, mode: .createIfMissing)
            let bar = ProgressBar(label: "seeding", unit: "users", quiet: !quiet.showsProgress)
            // Text is printed step by step, as each step ends; JSON once, at the end.
            let summary = try PipelineJob.run(store: store, configuration: configuration,
                                              progress: { bar.update(done: $0, total: $1) }) { lines in
                bar.finish()
                if !json.enabled { print(Format.printableLines(lines.joined(separator: "\n"))) }
            }
            if json.enabled { print(try summary.json()) }
        }
    }
}
