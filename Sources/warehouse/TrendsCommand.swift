import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse trends --runs 3,5,7`: segments over time.
    struct Trends: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Segments over time: each segment's size per as-of moment and the flows between consecutive runs.",
            discussion: """
            Make one run per moment with run-segmentation --as-of, each aligned to the one before with --align-to, \
            then: warehouse trends --runs 1,2,3. Runs are ordered by their as-of moment.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The runs, comma-separated: ids or 'latest' (at least two).", valueName: "ids"))
        var runs: String

        @OptionGroup var json: JSONOption

        func run() throws {
            var selectors: [RunSelector] = []
            for text in runs.split(separator: ",", omittingEmptySubsequences: false) {
                guard let selector = RunSelector(argument: String(text).trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--runs entry '\(text)' is not a run id or 'latest'")
                }
                selectors.append(selector)
            }
            let summary = try TrendsJob.run(store: WarehouseStore(path: database.path, mode: .readOnly), runs: selectors)
            print(json.enabled ? try summary.json() : Format.printableLines(summary.render()))
        }
    }
}
