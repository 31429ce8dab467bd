import ArgumentParser
import WarehouseKit

extension AudienceFormat: ExpressibleByArgument {}

extension WarehouseCommand {
    /// `warehouse audience`: a segment's users as a CSV or an ad platform's customer list.
    struct Audience: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a segment's users to a file: CSV, or Meta / Google customer lists of hashed e-mails.",
            discussion: """
            csv: user_id, username, email, segment, segment_name, distance (to the centroid), nearest first. \
            meta, google: the customer-list files Meta Custom Audiences and Google Ads Customer Match accept: \
            SHA-256 (lowercase hex) of the e-mail trimmed and lower-cased, under the header each platform \
            documents (docs/audiences.md). Written atomically; an existing file is refused unless --force. \
            --segment all writes run<R>-segment<S>.<format>.csv files into the directory --out.
            """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var runOption: RunOption

        @Option(parsing: .unconditional, help: ArgumentHelp("The segment: its number, its name, or 'all'.", valueName: "segment"))
        var segment: SegmentChoice

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

        @OptionGroup var json: JSONOption

        var jobConfiguration: AudienceJob.Configuration {
            var configuration = AudienceJob.Configuration(segment: segment, out: out)
            configuration.run = runOption.selector
            configuration.format = format
            configuration.maxDistance = maxDistance
            configuration.minProbability = minProbability
            configuration.force = force
            return configuration
        }

        func validate() throws {
            do { try jobConfiguration.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let summary = try AudienceJob.run(store: store, databasePath: database.path, configuration: jobConfiguration)
            print(try json.output(summary) { summary.render() })
        }
    }
}
