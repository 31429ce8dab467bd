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
            shown by likes index: 100 × the segment's share of likes there ÷ everyone's (100 = like everyone); \
            segment_profiles.lift stores the same ratio ÷ 100.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: "Number of segments.")
        var k: Int = 4

        @Option(help: ArgumentHelp(
            "kmeans: PCA + k-means on --features; latent-class: a Dirichlet-multinomial mixture on the subcategory like counts (the --elbow range becomes a BIC sweep).",
            valueName: "kmeans|latent-class"))
        var method: SegmentationMethod = .kmeans

        @Option(help: ArgumentHelp(
            "With --method latent-class: mixing weights per age group (a concomitant variable); default: one set for everyone.",
            valueName: "age-group"))
        var covariates: LatentClassCovariate?

        @Option(help: "Feature sets, comma-separated.")
        var features: String = FeatureSet.defaultSets.map(\.rawValue).joined(separator: ",")

        @Option(parsing: .unconditional, help: "PCA components to keep (default: the fewest explaining ≥ 90% of the variance, at least 2).")
        var components: Int?

        @Option(name: .customLong("n-init"), parsing: .unconditional, help: "k-means restarts; the lowest inertia wins.")
        var nInit: Int = 10

        @Option(name: .customLong("max-iter"), parsing: .unconditional, help: ArgumentHelp(
            "kmeans: maximum Lloyd iterations per restart (default: 300); latent-class: maximum EM iterations per start (default: 200)."))
        var maxIter: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp(
            "Convergence tolerance. kmeans: relative to the mean variance of the PCA scores (default: 1e-4); latent-class: relative change of the log-likelihood (default: 1e-8)."))
        var tol: Double?

        @Option(parsing: .unconditional, help: "Seed for k-means++ and every sample: the same seed gives the same run.")
        var seed: UInt64 = 42

        @Option(parsing: .unconditional,
                help: ArgumentHelp("The k range of the elbow sweep: LOW...HIGH or LOW-HIGH within 1...100 (e.g. 2-8), or 'off' (default: 1...10).",
                                   valueName: "range"),
                transform: ElbowRange.parse)
        var elbow: ElbowRange = ElbowRange(range: 1...10)

        @Option(name: .customLong("silhouette-sample"), parsing: .unconditional, help: "Silhouettes are exact up to 20,000 users; beyond, computed on a seeded sample of this many.")
        var silhouetteSample: Int = 10_000

        @Option(name: .customLong("mini-batch"), parsing: .unconditional,
                help: ArgumentHelp("Fit k-means with mini-batches of this many users (faster on large populations).", valueName: "size"))
        var miniBatch: Int?

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
            configuration.k = k
            configuration.method = method
            configuration.covariates = covariates
            configuration.featureSets = try FeatureSet.parse(features)
            configuration.components = components
            configuration.nInit = nInit
            // Each method's own iteration limit and tolerance: the one its fit uses (and the run stores).
            if method == .latentClass {
                if let maxIter { configuration.latentClassMaxIterations = maxIter }
                if let tol { configuration.latentClassTolerance = tol }
            } else {
                if let maxIter { configuration.maxIterations = maxIter }
                if let tol { configuration.tolerance = tol }
            }
            configuration.seed = seed
            configuration.elbow = elbow.range
            configuration.silhouetteSampleSize = silhouetteSample
            if let threads = threads.count { configuration.threads = threads }
            configuration.alignTo = alignTo
            configuration.miniBatchSize = miniBatch
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
