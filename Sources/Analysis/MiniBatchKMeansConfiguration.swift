/// Settings for `fitMiniBatchKMeans` (scikit-learn's `MiniBatchKMeans(init="k-means++")`).
///
/// The defaults are scikit-learn's, except `nInit` (3, its pre-1.4 default: the extra
/// initialisations cost only k-means++ on the init sample) and `tolerance`, which is compared
/// with an exponentially smoothed centre shift (see `fitMiniBatchKMeans`).
public struct MiniBatchKMeansConfiguration: Sendable, Equatable {
    /// Number of clusters, 1 ≤ k ≤ n.
    public var k: Int
    /// Rows per mini-batch (≥ 1), drawn uniformly with replacement; values above n act as n.
    public var batchSize: Int
    /// Rows of the seeded sample (without replacement) on which k-means++ runs and the `nInit`
    /// initialisations are compared. nil: 3 × batch size, or 3 × k if that is smaller than k;
    /// always capped at n. Must be ≥ k when given.
    public var initSize: Int?
    /// k-means++ initialisations on the init sample; the one with the lowest inertia on that
    /// sample is the start (≥ 1).
    public var nInit: Int
    /// Upper bound on the passes over the data (epochs, ≥ 1): at most
    /// ⌊maxIterations × n / batchSize⌋ mini-batch steps.
    public var maxIterations: Int
    /// Relative tolerance (≥ 0, 0 disables): stop when the smoothed Σⱼ ‖ΔCⱼ‖² per step is
    /// ≤ tolerance × (mean of the per-feature population variances).
    public var tolerance: Double
    /// Stop after this many consecutive steps without a new minimum of the smoothed per-row
    /// batch inertia (≥ 0; nil disables).
    public var maxNoImprovement: Int?
    /// A centre whose count falls below this fraction of the largest count is moved to a random
    /// row of the current batch (≥ 0; 0 disables). Checked every 10·k rows seen, and at every
    /// step while some centre has count 0.
    public var reassignmentRatio: Double
    /// All generators derive from this seed with `SplitMix64(seed:_:)`, one stream per purpose.
    public var seed: UInt64
    /// Threads for the full-data passes (≥ 1); results do not depend on it.
    public var threads: Int

    public init(
        k: Int, batchSize: Int = 1024, initSize: Int? = nil, nInit: Int = 3, maxIterations: Int = 100,
        tolerance: Double = 0, maxNoImprovement: Int? = 10, reassignmentRatio: Double = 0.01,
        seed: UInt64 = 0, threads: Int = Parallelism.activeProcessorCount
    ) {
        self.k = k
        self.batchSize = batchSize
        self.initSize = initSize
        self.nInit = nInit
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.maxNoImprovement = maxNoImprovement
        self.reassignmentRatio = reassignmentRatio
        self.seed = seed
        self.threads = threads
    }
}
