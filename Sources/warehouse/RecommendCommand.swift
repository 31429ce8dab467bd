import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse recommend`: what to advertise to one user, or to every user.
    struct Recommend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The subcategories to advertise to a user (--user), or to every user (--all --out FILE).",
            discussion: """
            Ranked by the run's predictive model: the predicted share of the user's next likes in each subcategory, \
            from their own counts (as the run counts them: its window, weights and half-life) with their segments as \
            a prior; light users lean on their segments, heavy users on themselves. Only interests the user has not \
            liked yet, unless --include-liked. A user with no likes to go by gets what users of their age like next, \
            flagged. --all writes CSV: user_id,rank,subcategory_id,subcategory,score,basis (basis: history or prior). \
            `warehouse evaluate` measures this ranking against popularity, the user's history and their segment. \
            With --all, --age, --gender, --country give rows only to the users they pass (none passing: an error, \
            no file); they do not go with --user.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: "The user id.")
        var user: Int64?

        @Flag(help: "Every user, into --out (CSV).")
        var all = false

        @Option(help: ArgumentHelp("With --all: the CSV file to write.", valueName: "file"))
        var out: String?

        @Flag(help: "With --all: replace --out if it exists.")
        var force = false

        @OptionGroup var runOption: RunOption

        @Option(parsing: .unconditional, help: "Subcategories to suggest at most per user (1…1000).")
        var top: Int = 5

        @Flag(name: .customLong("include-liked"), help: "Also suggest interests the user already likes (default: only new ones).")
        var includeLiked = false

        @OptionGroup var filterOptions: UserFilterOptions
        @OptionGroup var threads: ThreadsOption
        @OptionGroup var json: JSONOption

        var options: RecommendOptions {
            var options = RecommendOptions(userID: user)
            options.run = runOption.selector
            options.top = top
            options.includeLiked = includeLiked
            options.all = all
            options.out = out
            options.force = force
            return options
        }

        /// `options` with the user filter parsed.
        func jobOptions() throws -> RecommendOptions {
            var options = options
            options.filter = try filterOptions.filter()
            return options
        }

        func validate() throws {
            do { try jobOptions().validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            if all {
                let store = try WarehouseStore(path: database.path, mode: .readOnly)
                let summary = try RecommendAllJob.run(store: store, options: try jobOptions(), threads: threads.count)
                print(try json.output(summary) { summary.render() })
                return
            }
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let recommendation = try RecommendJob.run(store: store, options: try jobOptions())
            print(try json.output(recommendation) { recommendation.render() })
        }
    }
}
