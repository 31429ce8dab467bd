import ArgumentParser
import WarehouseKit

extension SegmentationMethod: ExpressibleByArgument {}
extension LatentClassCovariate: ExpressibleByArgument {}

/// `--elbow 1...10`, `--elbow 2-8` or `--elbow off`.
struct ElbowRange: CustomStringConvertible, Sendable {
    static let accepted = "write LOW...HIGH or LOW-HIGH with whole numbers 1 ≤ LOW ≤ HIGH ≤ 100 (e.g. 1...10, 2-8), or 'off'"

    let range: ClosedRange<Int>?

    init(range: ClosedRange<Int>?) {
        self.range = range
    }

    var description: String { range.map { "\($0.lowerBound)...\($0.upperBound)" } ?? "off" }

    /// The range `argument` writes; throws, saying why and what is accepted, when it writes none
    /// (`CommandLineError` prints "--elbow got '<argument>': <that>").
    static func parse(_ argument: String) throws -> ElbowRange {
        if argument == "off" || argument == "none" { return ElbowRange(range: nil) }
        let separator = argument.contains("...") ? "..." : "-"
        let parts = argument.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]) else {
            if Int(argument) != nil {
                throw ValidationError("one k is not a sweep; \(accepted) (with --elbow off, --k alone is fitted)")
            }
            throw ValidationError("not a range; \(accepted)")
        }
        guard lower <= upper else { throw ValidationError("the range runs backwards (\(lower) > \(upper)); \(accepted)") }
        return ElbowRange(range: lower...upper)
    }
}

extension WarehouseCommand {
    /// `warehouse run-segmentation`: PCA + k-means over the warehouse, stored as a new run.
    struct RunSegmentation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Segment users by interests (PCA + k-means, with an elbow sweep) and store the run.",
            discussion: """
            Features (--features, comma-separated): \(FeatureSet.allCases.map(\.rawValue).joined(separator: ", ")). \
            The default, category_share, is each user's likes per category over their likes: segments follow \
            interests, not volume. Users with no likes are left out of the fit. Each segment's categories are \
            shown by lift: how many times as likely as everyone its users are to like one, shrunk toward 1 by \
            100 users (1 = like everyone); segment_profiles.lift stores the same per subcategory, the number \
            target, name and the report give.
            """)

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var fit: FitOptions

        @Option(parsing: .unconditional,
                help: ArgumentHelp("The k range of the elbow sweep: LOW...HIGH or LOW-HIGH within 1...100 (e.g. 2-8), or 'off' (default: 1...10).",
                                   valueName: "range"),
                transform: ElbowRange.parse)
        var elbow: ElbowRange = ElbowRange(range: 1...10)

        @Option(name: .customLong("silhouette-sample"), parsing: .unconditional, help: "Silhouettes are exact up to 20,000 users; beyond, computed on a seeded sample of this many.")
        var silhouetteSample: Int = 10_000

        @Option(name: .customLong("align-to"), parsing: .unconditional,
                help: "Number the segments like this earlier run's (matched on shared users).")
        var alignTo: Int64?

        @OptionGroup var window: WindowOptions
        @OptionGroup var threads: ThreadsOption
        @OptionGroup var json: JSONOption
        @OptionGroup var quiet: QuietOption

        func makeConfiguration() throws -> SegmentationConfiguration {
            var configuration = SegmentationConfiguration()
            configuration.window = try window.request()
            try fit.apply(to: &configuration)
            configuration.elbow = elbow.range
            configuration.silhouetteSampleSize = silhouetteSample
            if let threads = threads.count { configuration.threads = threads }
            configuration.alignTo = alignTo
            try configuration.validate()
            return configuration
        }

        func validate() throws {
            do { _ = try makeConfiguration() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let store = try WarehouseStore(path: database.path, mode: .mustExist)
            let showProgress = quiet.showsProgress
            let result = try SegmentationJob.run(store: store, configuration: try makeConfiguration()) { stage in
                if showProgress { printError("… \(stage)") }
            }
            let summary = SegmentationSummary(result)
            print(try json.output(summary) { summary.render() })
        }
    }
}
