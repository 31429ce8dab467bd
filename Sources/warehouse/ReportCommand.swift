import ArgumentParser
import Dispatch
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse report`: the analyst's charts as one self-contained HTML page.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the population and segmentation charts as one self-contained HTML page.",
            discussion: """
            The page holds inline SVG, CSS and one script of its own (no library, no font, nothing from the \
            network) and opens offline in any browser; with scripts off it is complete and static, the script \
            only adds interaction (tooltips, zoom, legends). It shows the population (ages, liked posts, favourite category by age \
            group) and one segmentation run (PCA map, elbow curve, segments, affinity of each interest, who the \
            segments are by age group, gender and country). --age, --gender, --country restrict the page to the users \
            they pass (population, segments' members and composition, sample; the page says so at the top); the \
            run's stored figures stay those of the run as fitted. None passing is an error and nothing is written.
            """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var runOption: RunOption

        @Option(help: ArgumentHelp("The HTML file to write (replaced atomically; never the database, a link or a device).", valueName: "path"))
        var out: String = "report.html"

        @Option(parsing: .unconditional, help: ArgumentHelp("Users sampled for the scatter plots (1…15000).", valueName: "n"))
        var sample: Int = 4_000

        @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the scatter-plot sample: the same seed gives the same page.", valueName: "s"))
        var seed: UInt64 = 42

        @OptionGroup var filterOptions: UserFilterOptions

        @OptionGroup var json: JSONOption

        func reportConfiguration() throws -> ReportConfiguration {
            var configuration = ReportConfiguration(run: runOption.selector, sampleSize: sample, seed: seed)
            configuration.filter = try filterOptions.filter()
            return configuration
        }

        func validate() throws {
            if out.isEmpty { throw ValidationError("--out must not be empty") }
            do { try reportConfiguration().validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let started = DispatchTime.now().uptimeNanoseconds
            try ReportFileWriter.check(out, sparing: database.path)
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let configuration = try reportConfiguration()
            let report = try ReportJob.run(store: store, configuration: configuration)
            let bytes = try ReportFileWriter.write(report.html, to: out, sparing: store.path)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            var summary = ReportSummary(path: out, bytes: bytes, charts: report.charts.count, runID: report.runID,
                                        users: report.users, seconds: seconds, segments: report.segmentNames)
            summary.filter = configuration.filter.isEmpty ? nil : configuration.filter.description
            print(try json.output(summary) { summary.render() })
        }
    }
}
