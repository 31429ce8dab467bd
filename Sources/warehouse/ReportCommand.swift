import ArgumentParser
import Dispatch
import WarehouseKit

extension RunSelector: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }

    public var defaultValueDescription: String { description }
}

extension WarehouseCommand {
    /// `warehouse report`: the analyst's charts as one self-contained HTML page.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the population and segmentation charts as one self-contained HTML page.",
            discussion: """
            The page holds inline SVG and CSS only (no script, no font, nothing from the network) and opens \
            offline in any browser. It shows the population (ages, liked posts, favourite category by age \
            group) and one segmentation run (PCA map, elbow curve, segments, lift of each interest).
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .customLong("run"), help: ArgumentHelp("The run to show: a run id, or 'latest'.", valueName: "id|latest"))
        var runSelector: RunSelector = .latest

        @Option(help: ArgumentHelp("The HTML file to write (replaced atomically; never the database, a link or a device).", valueName: "path"))
        var out: String = "report.html"

        @Option(help: ArgumentHelp("Users sampled for the PCA scatter plots (1…20000).", valueName: "n"))
        var sample: Int = 4_000

        @Option(help: ArgumentHelp("Seed of the scatter-plot sample: the same seed gives the same page.", valueName: "s"))
        var seed: UInt64 = 42

        var reportConfiguration: ReportConfiguration {
            ReportConfiguration(run: runSelector, sampleSize: sample, seed: seed)
        }

        func validate() throws {
            if out.isEmpty { throw ValidationError("--out must not be empty") }
            do { try reportConfiguration.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let started = DispatchTime.now().uptimeNanoseconds
            try ReportFileWriter.check(out, sparing: database.path)
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let report = try ReportBuilder.build(store: store, configuration: reportConfiguration)
            let bytes = try ReportFileWriter.write(report.html, to: out, sparing: store.path)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let runText = report.runID.map { "run #\($0)" } ?? "no run yet"
            print("wrote \(out) (\(formatBytes(bytes)), \(report.charts.count) charts, \(runText)) in \(String(format1: seconds)) s")
        }
    }
}

/// 1536 → "1.5 KB"; 2_300_000 → "2.2 MB" (binary units).
func formatBytes(_ bytes: Int) -> String {
    switch bytes {
    case (1 << 20)...: return String(format1: Double(bytes) / Double(1 << 20)) + " MB"
    case (1 << 10)...: return String(format1: Double(bytes) / Double(1 << 10)) + " KB"
    default: return "\(bytes) bytes"
    }
}
