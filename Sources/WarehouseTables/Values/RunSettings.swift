import Analysis

/// How a run was made, as `segmentation_runs` stores it: the settings that, with the warehouse,
/// reproduce the run. Shared by runs of our own (`SegmentationConfiguration.settings`) and runs
/// imported from another engine (`ImportRunJob`).
public struct RunSettings: Sendable, Equatable {
    /// Segments, 1 … 1000.
    public var k: Int = 4
    /// Feature sets, in order (see `FeatureSet`).
    public var featureSets: [FeatureSet] = FeatureSet.defaultSets
    /// k-means restarts (1 for an imported run).
    public var nInit: Int = 10
    public var maxIterations: Int = 300
    /// Convergence tolerance relative to the mean per-component variance (scikit-learn's `tol`).
    public var tolerance: Double = 1e-4
    public var seed: UInt64 = 42
    /// The earlier run whose segment numbers this one takes; nil: segment 1 is the largest.
    public var alignTo: Int64?
    /// What a latent-class run's mixing weights depend on; nil: one set of weights (always for
    /// k-means and imported runs).
    public var covariates: LatentClassCovariate?
    /// How interactions were counted over time; nil: all-time likes.
    public var window: InteractionWindow?
    /// Worker threads (the engine's cores for an imported run); results do not depend on it.
    public var threads: Int = min(Parallelism.activeProcessorCount, 256)

    public init() {}

    /// Share of variance the automatic choice of PCA components must reach.
    public static let defaultVarianceTarget = 0.9

    /// The feature sets as stored in `segmentation_runs.features`, e.g. "category_share,age".
    public var featuresText: String {
        featureSets.map(\.rawValue).joined(separator: ",")
    }

    /// The settings' own ranges, named as the run table's columns (callers that take them from
    /// command-line options check them first, naming the options).
    public func validate() throws {
        func invalid(_ message: String) -> WarehouseError { .invalidArgument(message) }
        func range<T: Comparable>(_ name: String, _ value: T, _ range: ClosedRange<T>) throws {
            guard range.contains(value) else {
                throw invalid("\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            }
        }
        try range("k", k, RunRecord.kRange)
        try range("n_init", nInit, RunRecord.nInitRange)
        try range("max_iter", maxIterations, RunRecord.maxIterationsRange)
        try range("tol", tolerance, RunRecord.toleranceRange)
        guard seed <= UInt64(Int64.max) else { throw invalid("seed must be between 0 and \(Int64.max), got \(seed)") }
        try range("threads", threads, RunRecord.threadsRange)
        if let alignTo, alignTo < 1 { throw invalid("aligned_to must be a run id ≥ 1, got \(alignTo)") }
    }
}

/// Which users a silhouette is computed on: every clustered user up to `exactUpTo`, beyond it a
/// seeded uniform sample of `sampleSize` (the same sample for every k). O(n²) time on the rows
/// chosen, O(n) memory.
public struct SilhouetteRule: Sendable, Equatable {
    public var exactUpTo: Int = 20_000
    public var sampleSize: Int = 10_000

    public init(exactUpTo: Int = 20_000, sampleSize: Int = 10_000) {
        self.exactUpTo = exactUpTo
        self.sampleSize = sampleSize
    }

    /// Rows the silhouettes are computed on for `users` clustered users.
    public func rows(users: Int) -> Int {
        users <= exactUpTo ? users : sampleSize
    }
}

/// Runs an analysis step, turning its validation errors into one-line warehouse errors.
package func refusingAnalysisErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as AnalysisError {
        throw WarehouseError.invalidArgument(error.description)
    }
}
