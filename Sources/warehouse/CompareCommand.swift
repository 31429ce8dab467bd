import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse compare A B`: how stable segments are between two runs.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two runs: adjusted Rand index, matched segments and their Jaccard overlap.",
            discussion: """
            Over the users both runs segment, segments are matched one to one so that the shared users are \
            as many as possible (Hungarian assignment); Jaccard = shared users / users in either segment.
            """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The first run: an id, or 'latest'.", valueName: "A"))
        var a: RunSelector

        @Argument(help: ArgumentHelp("The second run: an id, or 'latest'.", valueName: "B"))
        var b: RunSelector

        @OptionGroup var json: JSONOption

        func run() throws {
            let comparison = try CompareJob.run(store: WarehouseStore(path: database.path, mode: .readOnly), a, b)
            print(json.enabled ? try comparison.json() : Format.printableLines(comparison.render()))
        }
    }
}
