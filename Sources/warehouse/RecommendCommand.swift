import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse recommend`: what to advertise to one user.
    struct Recommend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a user's segment, their own top interests, and the subcategories to advertise to them.",
            discussion: """
            Suggestions are the subcategories with the highest affinity index in the user's segment (at least \
            --min-index, liked by at least --min-support of its users) that the user has not liked yet \
            (--include-liked: those too), each with its reason. A user with no likes gets the population's most \
            popular interests, flagged as such.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: "The user id.")
        var user: Int64

        @OptionGroup var runOption: RunOption

        @Option(parsing: .unconditional, help: "Subcategories to suggest at most (1…1000).")
        var top: Int = 5

        @Option(name: .customLong("min-index"), parsing: .unconditional,
                help: "Lowest affinity index to suggest (100 = like everyone; 120 = 20% more likely than everyone).")
        var minIndex: Double = 120

        @Option(name: .customLong("min-support"), parsing: .unconditional, help: "Fewest users of the segment who must like a suggestion.")
        var minSupport: Int = 30

        @Flag(name: .customLong("include-liked"), help: "Also suggest interests the user already likes (default: only new ones).")
        var includeLiked = false

        @OptionGroup var json: JSONOption

        var options: RecommendOptions {
            var options = RecommendOptions(userID: user)
            options.run = runOption.selector
            options.top = top
            options.minIndex = minIndex
            options.minSupport = minSupport
            options.includeLiked = includeLiked
            return options
        }

        func validate() throws {
            if user < 1 { throw ValidationError("--user must be a user id ≥ 1, got \(user)") }
            do { try options.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let recommendation = try RecommendJob.run(store: store, options: options)
            print(try json.output(recommendation) { recommendation.render() })
        }
    }
}
