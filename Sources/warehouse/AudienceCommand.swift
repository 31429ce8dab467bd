import ArgumentParser
import WarehouseKit

extension AudienceFormat: ExpressibleByArgument {}

extension WarehouseCommand {
    /// `warehouse audience`: a segment's users, or the users most likely to engage with an
    /// interest, as a CSV or an ad platform's customer list.
    struct Audience: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a segment's users (or an interest's likeliest users) to a file: CSV, or Meta / Google customer lists of hashed identifiers.",
            discussion: """
            csv: user_id, username, email, segment, segment_name, distance (to the centroid), nearest first. \
            meta, google: the customer-list files Meta Custom Audiences and Google Ads Customer Match accept, one row \
            per person with every identifier the user has, normalised as each platform documents: meta \
            email,phone,fn,ln,ct,st,zip,country,dob,gen, all SHA-256; google Email,Phone,First Name,Last Name,Country,Zip, \
            Country and Zip not hashed (docs/audiences.md). Users with no e-mail, phone, or name with country and zip \
            are left out and counted; repeats of one person (same normalised e-mail or phone) are written once. \
            --age, --gender, --country keep only the users who match (applied when the members are read); a filter \
            that leaves nobody is refused and writes nothing. Written atomically; an existing file is refused unless --force. \
            --segment all writes run<R>-segment<S>.<format>.csv files into the directory --out. \
            --interest SUBCATEGORY --size N instead writes the N users with the highest predicted chance of at \
            least one positive interaction with it in --horizon (default 30d), whatever their segment: \
            1 − (1 − predicted share)^m, m = the user's expected interactions in the horizon at their past rate; \
            the CSV has user_id, username, email, chance, predicted_share, segment, segment_name.
            """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var runOption: RunOption

        @Option(parsing: .unconditional, help: ArgumentHelp("The segment: its number, its name, or 'all'.", valueName: "segment"))
        var segment: SegmentChoice?

        @Option(parsing: .unconditional, help: ArgumentHelp("A subcategory, by name or id: the users most likely to engage with it.",
                                                            valueName: "subcategory"))
        var interest: String?

        @Option(parsing: .unconditional, help: "With --interest: how many users to write.")
        var size: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp("With --interest: the chance is of at least one positive interaction in this long, e.g. 30d or 12h (default: 30d).",
                                                            valueName: "duration"))
        var horizon: String?

        @Option(help: "csv, meta or google.")
        var format: AudienceFormat = .csv

        @Option(name: .customLong("max-distance"), parsing: .unconditional,
                help: ArgumentHelp("Only users at most this far from the segment's centroid (PCA units).", valueName: "d"))
        var maxDistance: Double?

        @Option(name: .customLong("min-probability"), parsing: .unconditional,
                help: ArgumentHelp("Only users whose membership probability is at least p (latent-class runs).", valueName: "p"))
        var minProbability: Double?

        @Option(parsing: .unconditional, help: ArgumentHelp("The file to write (a directory for --segment all).", valueName: "path"))
        var out: String

        @Flag(help: "Replace an existing file.")
        var force = false

        @OptionGroup var filters: UserFilterOptions

        @OptionGroup var json: JSONOption

        /// The job the options ask for: a segment's audience, or an interest's.
        enum Job {
            case segment(AudienceJob.Configuration)
            case interest(InterestAudienceJob.Configuration)
        }

        func job() throws -> Job {
            guard let interest else {
                guard let segment else { throw ValidationError("audience needs --segment S (a segment's users) or --interest SUBCATEGORY --size N") }
                if let size { throw ValidationError("--size \(size) goes with --interest (the likeliest N users); a segment's audience is all its users") }
                if let horizon { throw ValidationError("--horizon '\(Format.excerpt(horizon))' goes with --interest SUBCATEGORY") }
                var configuration = AudienceJob.Configuration(segment: segment, out: out)
                configuration.run = runOption.selector
                configuration.format = format
                configuration.maxDistance = maxDistance
                configuration.minProbability = minProbability
                configuration.filter = try filters.filter()
                configuration.force = force
                return .segment(configuration)
            }
            if let segment { throw ValidationError("give --segment or --interest, not both (--segment '\(Format.excerpt(segment.description))', --interest '\(Format.excerpt(interest))')") }
            if let maxDistance { throw ValidationError("--max-distance \(maxDistance) goes with --segment, not --interest") }
            if let minProbability { throw ValidationError("--min-probability \(minProbability) goes with --segment, not --interest") }
            guard let size else { throw ValidationError("--interest needs --size N: how many users to write") }
            var configuration = InterestAudienceJob.Configuration(interest: SubcategoryChoice(interest), size: size, out: out)
            configuration.run = runOption.selector
            configuration.format = format
            if let horizon { configuration.horizonSeconds = try parseDuration(horizon, option: "--horizon") }
            configuration.filter = try filters.filter()
            configuration.force = force
            return .interest(configuration)
        }

        func validate() throws {
            do {
                switch try job() {
                case .segment(let configuration): try configuration.validate()
                case .interest(let configuration): try configuration.validate()
                }
            } catch let error as ValidationError { throw error } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            switch try job() {
            case .segment(let configuration):
                let summary = try AudienceJob.run(store: store, databasePath: database.path, configuration: configuration)
                print(try json.output(summary) { summary.render() })
            case .interest(let configuration):
                let summary = try InterestAudienceJob.run(store: store, databasePath: database.path, configuration: configuration)
                print(try json.output(summary) { summary.render() })
            }
        }
    }
}
