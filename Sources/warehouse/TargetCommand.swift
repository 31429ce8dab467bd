import ArgumentParser
import WarehouseKit

extension AffinityRanking: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension WarehouseCommand {
    /// `warehouse target`: each segment's audience and affinities, for advertising.
    struct Target: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank what each segment likes by lift, with support, size, ages and personas; store it.",
            discussion: """
            Lift = how many times as likely as everyone in the run the segment's users are to like an interest: \
            ((users liking + 100 × p) ÷ (users + 100)) ÷ p, p everyone's share who like it, so a handful of \
            keen users cannot top a list (1 is no different from everyone, 2 twice as likely). The same number \
            as name, the report and segment_profiles.lift. --by likes ranks by the likes index instead (100 × \
            the segment's share of its likes ÷ everyone's). The lists show only what the segment likes more \
            than everyone (lift above 1) unless --all is given. Support counts show how many users a figure \
            rests on; interests below --min-support are flagged. The profile is stored in segment_audiences, \
            segment_age_groups, segment_personas, segment_affinity and segment_category_affinity (columns \
            lift, and user_index and like_index, the raw ratios × 100). \
            --interest SUBCATEGORY instead ranks every segment for that interest by expected reach (Σ of the \
            members' predicted chance of at least one positive interaction in --horizon, default 30d), with its \
            lift beside it; nothing is stored. \
            --age, --gender, --country profile (or rank) only the members they pass, compared with every member of \
            the run they pass; a filtered profile is printed, never stored (the stored profile stays the unfiltered one).
            """)

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var runOption: RunOption

        @Option(parsing: .unconditional, help: "Show this segment only.")
        var segment: Int?

        @Option(parsing: .unconditional, help: "Subcategories shown per segment at most (1…10000).")
        var top: Int = 10

        @Option(name: .customLong("by"), help: "Rank by lift (users who like it, shrunk), or by the likes index (likes).")
        var ranking: AffinityRanking = .lift

        @Option(name: .customLong("min-support"), parsing: .unconditional,
                help: "Flag interests liked by fewer users (likes with --by likes) in the segment.")
        var minSupport: Int = 30

        @Option(parsing: .unconditional,
                help: "For a latent-class run: count members at least this probable as certain (0…1].")
        var certainty: Double = 0.9

        @Flag(help: "List every interest, also those the segment likes no more than everyone (lift 1 or below).")
        var all = false

        @Option(parsing: .unconditional, help: ArgumentHelp("Rank the segments for this subcategory (name or id) by expected reach and lift instead.",
                                                            valueName: "subcategory"))
        var interest: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("With --interest: the chance is of at least one positive interaction in this long, e.g. 30d or 12h (default: 30d).",
                                                            valueName: "duration"))
        var horizon: String?

        @OptionGroup var filterOptions: UserFilterOptions

        @OptionGroup var json: JSONOption

        var options: TargetOptions {
            var options = TargetOptions()
            options.run = runOption.selector
            options.segment = segment
            options.top = top
            options.ranking = ranking
            options.minSupport = minSupport
            options.certainty = certainty
            options.interest = interest.map(SubcategoryChoice.init)
            return options
        }

        /// `options` with the horizon and the user filter parsed.
        func jobOptions() throws -> TargetOptions {
            var options = options
            options.horizonSeconds = try horizon.map { try parseDuration($0, option: "--horizon") }
            options.filter = try filterOptions.filter()
            return options
        }

        func validate() throws {
            if all && interest != nil { throw ValidationError("--all goes with a segment's profile, not with --interest, which ranks every segment") }
            do { try jobOptions().validate() } catch let error as ValidationError { throw error } catch {
                throw ValidationError(String(describing: error))
            }
        }

        func run() throws {
            let options = try jobOptions()
            if options.interest != nil {
                let summary = try TargetInterestJob.run(store: try WarehouseStore(path: database.path, mode: .readOnly), options: options)
                print(try json.output(summary) { summary.render() })
                return
            }
            let store = try WarehouseStore(path: database.path, mode: .mustExist)
            let computed = try TargetJob.run(store: store, options: options)
            let view = all ? computed : computed.aboveAverageOnly()
            print(try json.output(view) { view.render() })
        }
    }
}
