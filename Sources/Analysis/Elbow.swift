import Randomness

/// Settings for `elbowSweep`.
public struct ElbowConfiguration: Sendable, Equatable {
    /// The cluster counts to try (lower bound ≥ 1).
    public var ks: ClosedRange<Int>
    /// k-means is fitted on a seeded uniform sample of this many rows (all rows if n ≤ it).
    public var sampleSize: Int
    /// k-means runs per k.
    public var nInit: Int
    /// Rows (a seeded uniform sample of all rows) on which silhouettes are computed; ≥ 2.
    public var silhouetteSampleSize: Int
    public var maxIterations: Int
    public var tolerance: Double
    public var seed: UInt64
    public var threads: Int

    public init(
        ks: ClosedRange<Int> = 1...10, sampleSize: Int = 100_000, nInit: Int = 3,
        silhouetteSampleSize: Int = 10_000, maxIterations: Int = 300, tolerance: Double = 1e-4,
        seed: UInt64 = 0, threads: Int = Parallelism.activeProcessorCount
    ) {
        self.ks = ks
        self.sampleSize = sampleSize
        self.nInit = nInit
        self.silhouetteSampleSize = silhouetteSampleSize
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.threads = threads
    }
}

public struct ElbowPoint: Sendable, Equatable {
    public let k: Int
    /// Σ squared distances of ALL rows to the nearest of the centroids fitted on the sample.
    public let inertia: Double
    /// Mean silhouette on the silhouette sample; nil for k = 1 (undefined).
    public let silhouette: Double?

    public init(k: Int, inertia: Double, silhouette: Double?) {
        self.k = k
        self.inertia = inertia
        self.silhouette = silhouette
    }
}

public struct ElbowResult: Sendable, Equatable {
    /// One point per k, ascending.
    public let points: [ElbowPoint]
    /// The Kneedle knee of (k, inertia) (see `findKnee`), nil for "no clear knee".
    public let suggestedK: Int?

    public init(points: [ElbowPoint], suggestedK: Int?) {
        self.points = points
        self.suggestedK = suggestedK
    }
}

/// The elbow method: k-means for every k in `ks`, inertia on all rows, silhouette on a sample,
/// and the knee of the inertia curve.
///
/// Seeds, all derived from `configuration.seed` with `SplitMix64(seed:_:)`: the fit sample, the
/// silhouette sample, and k's k-means seed each have their own stream, so adding a k to the
/// range does not change the other points. Silhouettes of all k share one pass over the
/// pairwise distances of the silhouette sample (`silhouetteScores`). Deterministic for any
/// thread count.
///
/// Throws when `ks.lowerBound < 1`, `ks.upperBound` exceeds the fitted rows, `sampleSize < 1`,
/// `silhouetteSampleSize < 2`, the data has no rows, no columns or a non-finite value, or a
/// k-means setting is invalid (see `fitKMeans`).
public func elbowSweep(_ data: Matrix, _ configuration: ElbowConfiguration) throws -> ElbowResult {
    let c = configuration
    try Validation.requireThreads(c.threads)
    guard c.ks.lowerBound >= 1 else {
        throw AnalysisError.invalidParameter(name: "ks", value: "\(c.ks)", requirement: "a range of k >= 1")
    }
    guard c.sampleSize >= 1 else {
        throw AnalysisError.invalidParameter(name: "sample_size", value: "\(c.sampleSize)", requirement: ">= 1")
    }
    guard c.silhouetteSampleSize >= 2 else {
        throw AnalysisError.invalidParameter(name: "silhouette_sample_size", value: "\(c.silhouetteSampleSize)", requirement: ">= 2")
    }
    try Validation.requireFeatures(data)
    let fitRows = min(data.rows, c.sampleSize)
    guard fitRows >= c.ks.upperBound else {
        throw AnalysisError.moreClustersThanSamples(samples: fitRows, clusters: c.ks.upperBound)
    }
    try Validation.requireFinite(data, threads: c.threads)

    let fitData: Matrix
    if data.rows > c.sampleSize {
        var generator = SplitMix64(seed: c.seed, StreamKey.elbowFitSample)
        fitData = data.gatherRows(sampleIndices(population: data.rows, count: c.sampleSize, generator: &generator))
    } else {
        fitData = data
    }
    let silhouetteData: Matrix
    if data.rows > c.silhouetteSampleSize {
        var generator = SplitMix64(seed: c.seed, StreamKey.elbowSilhouetteSample)
        silhouetteData = data.gatherRows(sampleIndices(population: data.rows, count: c.silhouetteSampleSize, generator: &generator))
    } else {
        silhouetteData = data
    }

    var inertias: [Double] = []
    var labelings: [[Int32]] = []
    var clusterCounts: [Int] = []
    for k in c.ks {
        var seeder = SplitMix64(seed: c.seed, StreamKey.elbowRun, UInt64(k))
        let fit = try fitKMeans(fitData, KMeansConfiguration(
            k: k, nInit: c.nInit, maxIterations: c.maxIterations, tolerance: c.tolerance,
            seed: seeder.next(), threads: c.threads
        ))
        inertias.append(assignToNearest(data, centroids: fit.centroids, threads: c.threads).inertia)
        if k >= 2 {
            labelings.append(assignToNearest(silhouetteData, centroids: fit.centroids, threads: c.threads).labels)
            clusterCounts.append(k)
        }
    }
    let silhouettes = silhouetteScores(silhouetteData, labelings: labelings, clusterCounts: clusterCounts, threads: c.threads)
    var points: [ElbowPoint] = []
    var next = 0
    for (index, k) in c.ks.enumerated() {
        var silhouette: Double?
        if k >= 2 {
            silhouette = silhouettes[next]
            next += 1
        }
        points.append(ElbowPoint(k: k, inertia: inertias[index], silhouette: silhouette))
    }
    let knee = findKnee(x: c.ks.map(Double.init), y: inertias)
    return ElbowResult(points: points, suggestedK: knee.map { c.ks.lowerBound + $0 })
}
