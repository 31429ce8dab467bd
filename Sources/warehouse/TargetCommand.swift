import ArgumentParser
import WarehouseKit

extension AffinityRanking: ExpressibleByArgument {}

extension WarehouseCommand {
    /// `warehouse target`: each segment's audience and affinities, for advertising.
    struct Target: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank what each segment likes by affinity index, with support, size, ages and personas; store it.",
            discussion: """
            Affinity index = 100 × the segment's share of users who like an interest (or of its likes, --by likes) \
            ÷ the same share over everyone in the run; 100 is no different from everyone. Support counts show \
            how many users an index rests on; interests below --min-support are flagged. The profile is stored \
            in segment_audiences, segment_age_groups, segment_personas, segment_affinity and \
            segment_category_affinity.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .customLong("run"), help: ArgumentHelp("The run: a run id, or 'latest'.", valueName: "id|latest"))
        var runSelector: RunSelector = .latest

        @Option(help: "Show this segment only.")
        var segment: Int?

        @Option(help: "Subcategories shown per segment.")
        var top: Int = 10

        @Option(name: .customLong("by"), help: "Rank by the index on users who like it, or on likes.")
        var ranking: AffinityRanking = .users

        @Option(name: .customLong("min-support"), help: "Flag interests liked by fewer users (likes with --by likes) in the segment.")
        var minSupport: Int = 30

        @Flag(help: "Print JSON.")
        var json = false

        var options: TargetingOptions {
            var options = TargetingOptions()
            options.run = runSelector
            options.segment = segment
            options.top = top
            options.ranking = ranking
            options.minSupport = minSupport
            return options
        }

        func validate() throws {
            do { try options.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .mustExist)
            let view = try TargetingJob.run(store: store, options: options)
            print(json ? try view.json() : view.render())
        }
    }
}
