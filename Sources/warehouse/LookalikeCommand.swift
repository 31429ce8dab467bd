import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse lookalike`: the users outside a segment nearest to its centroid.
    struct Lookalike: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the N users outside a segment who are nearest to its centroid (a lookalike audience).",
            discussion: """
            Distances are Euclidean in the run's PCA space (pca_scores vs segment_centroids). Users placed later \
            by `warehouse assign` have no stored scores and are not candidates (they are counted). The CSV has \
            user_id, username, email, own_segment, own_segment_name, distance_to_segment_<S>; --format meta|google \
            writes hashed customer lists as `audience` does. --age, --gender, --country keep only the candidates they \
            pass (the segment itself is the run's, unfiltered); none passing is an error and nothing is written.
            """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var runOption: RunOption

        @Option(parsing: .unconditional, help: ArgumentHelp("The segment: its number or its name.", valueName: "segment"))
        var segment: SegmentChoice

        @Option(parsing: .unconditional, help: "How many users to write.")
        var size: Int

        @Option(help: "csv, meta or google.")
        var format: AudienceFormat = .csv

        @Option(parsing: .unconditional, help: ArgumentHelp("The file to write.", valueName: "path"))
        var out: String

        @Flag(help: "Replace an existing file.")
        var force = false

        @OptionGroup var filterOptions: UserFilterOptions

        @OptionGroup var json: JSONOption

        func jobConfiguration() throws -> LookalikeJob.Configuration {
            var configuration = LookalikeJob.Configuration(segment: segment, size: size, out: out)
            configuration.run = runOption.selector
            configuration.format = format
            configuration.force = force
            configuration.filter = try filterOptions.filter()
            return configuration
        }

        func validate() throws {
            do { try jobConfiguration().validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .readOnly)
            let summary = try LookalikeJob.run(store: store, databasePath: database.path, configuration: try jobConfiguration())
            print(try json.output(summary) { summary.render() })
        }
    }
}
