import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse recommend`: what to advertise to one user.
    struct Recommend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a user's segment, their own top interests, and the subcategories to advertise to them.",
            discussion: """
            Suggestions are the subcategories with the highest affinity index in the user's segment (at least \
            --min-index, liked by at least --min-support of its users), each with its reason.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The user id.")
        var user: Int64

        @Option(name: .customLong("run"), help: ArgumentHelp("The run: a run id, or 'latest'.", valueName: "id|latest"))
        var runSelector: RunSelector = .latest

        @Option(help: "Subcategories to suggest at most.")
        var top: Int = 5

        @Option(name: .customLong("min-index"), help: "Lowest affinity index to suggest (100 = like everyone).")
        var minIndex: Double = 120

        @Option(name: .customLong("min-support"), help: "Fewest users of the segment who must like a suggestion.")
        var minSupport: Int = 30

        @Flag(help: "Print JSON.")
        var json = false

        var options: RecommendationOptions {
            var options = RecommendationOptions(userID: user)
            options.run = runSelector
            options.top = top
            options.minIndex = minIndex
            options.minSupport = minSupport
            return options
        }

        func validate() throws {
            do { try options.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let recommendation = try Recommender.recommend(store: store, options: options)
            print(json ? try recommendation.json() : recommendation.render())
        }
    }
}
