import ArgumentParser
import Dispatch
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
            var seeded: SeedingSummary?
            if existing == 0 {
                let bar = ProgressBar(label: "seeding", unit: "users", quiet: !quiet.showsProgress)
                let summary = try Seeder.run(store: store, configuration: seedConfiguration) { bar.update(done: $0, total: $1) }
                bar.finish()
                seeded = SeedingSummary(summary, database: store.path)
            }
            // Text is printed step by step, as each step ends; JSON once, at the end.
            let say = { (lines: [String]) in if !json.enabled { print(lines.joined(separator: "\n")) } }
            say(PipelineSummary.seedStep(seeded, existingUsers: existing, database: store.path))
            let result = try SegmentationJob.run(store: store, configuration: segmentationConfiguration)
            let run = PipelineSummary.Run(result)
            say(PipelineSummary.runStep(run))
            let started = DispatchTime.now().uptimeNanoseconds
            let report = try ReportBuilder.build(store: store, configuration: ReportConfiguration(run: .id(result.runID), seed: seed))
            let bytes = try ReportFileWriter.write(report.html, to: out, sparing: store.path)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let summary = PipelineSummary(
                database: store.path, seeded: seeded, existingUsers: existing, run: run,
                report: ReportSummary(path: out, bytes: bytes, charts: report.charts.count, runID: report.runID,
                                      users: report.users, seconds: seconds, segments: report.segmentNames))
            say(PipelineSummary.reportStep(summary.report))
            if json.enabled { print(try Format.json(summary)) }
        }
    }
}

/// What `warehouse pipeline` did, step by step: text (`render()`) or JSON (absent values `null`).
struct PipelineSummary: Encodable {
    /// The segmentation run, in brief (`run-segmentation --json` has everything).
    struct Run: Encodable {
        let runID: Int64
        let k: Int
        let users: Int
        @JSONNullable var adjustedRandIndex: Double?
        @JSONNullable var suggestedK: Int?
        let seconds: Double

        init(_ result: SegmentationResult) {
            runID = result.runID
            k = result.settings.k
            users = result.users
            adjustedRandIndex = result.adjustedRandIndex
            suggestedK = result.elbow?.suggestedK
            seconds = result.totalSeconds
        }
    }

    let database: String
    /// The seed, `null` when the warehouse already had users.
    @JSONNullable var seeded: SeedingSummary?
    /// Users the warehouse had before (0: it was seeded).
    let existingUsers: Int
    let run: Run
    let report: ReportSummary

    func render() -> String {
        (Self.seedStep(seeded, existingUsers: existingUsers, database: database) + Self.runStep(run) + Self.reportStep(report))
            .joined(separator: "\n")
    }

    static func seedStep(_ seeded: SeedingSummary?, existingUsers: Int, database: String) -> [String] {
        typealias F = Format
        guard let seeded else {
            return F.wrapped(["1/3 \(database) already has \(F.plural(existingUsers, "user")):", "segmenting them (no seeding)"],
                             lead: "", separator: " ", indent: "    ")
        }
        return F.wrapped(["1/3 seeded \(F.plural(seeded.users, "user")), \(F.plural(seeded.likeRows, "like row"))",
                          "in \(F.seconds(seeded.seconds)) into \(database)"], lead: "", separator: " ", indent: "    ")
    }

    static func runStep(_ run: Run) -> [String] {
        typealias F = Format
        var parts = ["2/3 run \(run.runID): \(F.plural(run.k, "segment")) of \(F.plural(run.users, "user"))"]
        if let ari = run.adjustedRandIndex { parts.append("adjusted Rand index vs planted personas \(F.score(ari))") }
        if let suggested = run.suggestedK { parts.append("elbow suggests k = \(suggested)") }
        parts[parts.count - 1] += " in \(F.seconds(run.seconds))"
        return F.wrapped(parts, lead: "", separator: ", ", indent: "    ")
    }

    static func reportStep(_ report: ReportSummary) -> [String] {
        typealias F = Format
        return F.wrapped(["3/3 wrote \(report.path) (\(F.bytes(report.bytes)), \(F.plural(report.charts, "chart"))):",
                          "open it in a browser"], lead: "", separator: " ", indent: "    ")
    }
}
