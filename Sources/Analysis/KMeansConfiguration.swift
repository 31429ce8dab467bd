/// Settings for `fitKMeans` (scikit-learn's `KMeans(init="k-means++", algorithm="lloyd")`).
public struct KMeansConfiguration: Sendable, Equatable {
    /// Number of clusters, 1 ≤ k ≤ n.
    public var k: Int
    /// Independent seeded runs; the one with the lowest inertia wins (≥ 1).
    public var nInit: Int
    /// Lloyd iterations per run (≥ 1).
    public var maxIterations: Int
    /// Relative tolerance (≥ 0): a run stops when the sum of squared centroid shifts is
    /// ≤ tolerance × (mean of the per-feature population variances).
    public var tolerance: Double
    /// Run r draws from `SplitMix64(seed: seed, r)`.
    public var seed: UInt64
    /// Threads for the chunked passes (≥ 1); results do not depend on it.
    public var threads: Int

    public init(
        k: Int, nInit: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4,
        seed: UInt64 = 0, threads: Int = Parallelism.activeProcessorCount
    ) {
        self.k = k
        self.nInit = nInit
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.threads = threads
    }
}

/// A fitted k-means clustering in canonical label order: cluster 0 is the largest, then by size
/// descending, ties broken by centroid coordinates compared lexicographically (ascending).
public struct KMeansResult: Sendable, Equatable {
    /// k × d cluster means, row j = centroid of label j.
    public let centroids: Matrix
    /// Label of each row, in 0..<k; each row's nearest centroid (lowest index on exact ties).
    public let labels: [Int32]
    /// Euclidean distance of each row to its centroid, in data units.
    public let distances: [Double]
    /// Σ squared distances of rows to their centroids (squared data units).
    public let inertia: Double
    /// Lloyd iterations of the winning run.
    public let iterations: Int
    /// Rows per label; sums to n. A 0 is possible only when the data has fewer than k distinct rows.
    public let clusterSizes: [Int]

    public init(centroids: Matrix, labels: [Int32], distances: [Double], inertia: Double, iterations: Int, clusterSizes: [Int]) {
        self.centroids = centroids
        self.labels = labels
        self.distances = distances
        self.inertia = inertia
        self.iterations = iterations
        self.clusterSizes = clusterSizes
    }
}
