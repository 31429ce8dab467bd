import Randomness

/// k-means clustering with scikit-learn's semantics: greedy k-means++ seeding, Lloyd iterations
/// with a relative tolerance, empty-cluster relocation, a final assignment so labels match the
/// returned centroids, and the lowest-inertia run of `nInit`.
///
/// Run r (0-based) seeds from `SplitMix64(seed: configuration.seed, r)`; every pass is chunked
/// with thread-independent boundaries, so the result is a pure function of the data and the
/// configuration minus `threads`. On equal inertia the earlier run wins. Labels are then made
/// canonical (see `KMeansResult`).
///
/// Throws when k < 1, k > n, nInit < 1, maxIterations < 1, tolerance < 0 or non-finite,
/// threads < 1, d < 1, or the data holds a non-finite value.
public func fitKMeans(_ data: Matrix, _ configuration: KMeansConfiguration) throws -> KMeansResult {
    try validate(data, configuration)
    let n = data.rows, d = data.columns, k = configuration.k, threads = configuration.threads
    let stats = ColumnStatistics(data, threads: threads)
    let meanVariance = stats.variances.reduce(0, +) / Double(d)
    let absoluteTolerance = configuration.tolerance * meanVariance

    var closest = [Double](repeating: 0, count: n)
    var labels = [Int32](repeating: -1, count: n)
    var distances = [Double](repeating: 0, count: n)
    var best: (centroids: [Double], labels: [Int32], distances: [Double], inertia: Double, iterations: Int)?

    for run in 0..<configuration.nInit {
        var generator = SplitMix64(seed: configuration.seed, UInt64(run))
        let initial = kMeansPlusPlus(data, k: k, generator: &generator, threads: threads, closest: &closest)
        let fitted = runLloyd(
            data, initial: initial, k: k, maxIterations: configuration.maxIterations,
            tolerance: absoluteTolerance, labels: &labels, threads: threads
        )
        let inertia = assignRows(data, centroids: fitted.centroids, k: k, labels: &labels, distances: &distances, threads: threads)
        if let current = best, !(inertia < current.inertia) { continue }
        if let previous = best {
            // Recycle the losing buffers for the next run instead of allocating.
            best = (fitted.centroids, labels, distances, inertia, fitted.iterations)
            labels = previous.labels
            distances = previous.distances
        } else {
            best = (fitted.centroids, labels, distances, inertia, fitted.iterations)
            labels = [Int32](repeating: -1, count: n)
            distances = [Double](repeating: 0, count: n)
        }
    }
    guard let winner = best else {
        preconditionFailure("nInit >= 1 was validated, so at least one run exists")
    }
    return canonicalResult(
        centroids: winner.centroids, k: k, d: d, labels: winner.labels, distances: winner.distances,
        inertia: winner.inertia, iterations: winner.iterations, threads: threads
    )
}

/// Assigns each row to its nearest centroid (lowest index on exact ties).
///
/// - Returns: labels in 0..<centroids.rows, Euclidean distances to the assigned centroid, and
///   the inertia Σ distance² (summed per fixed chunk, chunks in order: thread-independent).
/// - Precondition: `centroids.rows >= 1`, `centroids.columns == data.columns`; finite input.
public func assignToNearest(
    _ data: Matrix, centroids: Matrix, threads: Int = Parallelism.activeProcessorCount
) -> (labels: [Int32], distances: [Double], inertia: Double) {
    precondition(centroids.rows >= 1, "assignToNearest needs at least one centroid")
    precondition(centroids.columns == data.columns, "centroids have \(centroids.columns) columns, data \(data.columns)")
    var labels = [Int32](repeating: 0, count: data.rows)
    var distances = [Double](repeating: 0, count: data.rows)
    let inertia = assignRows(data, centroids: centroids.values, k: centroids.rows, labels: &labels, distances: &distances, threads: threads)
    return (labels, distances, inertia)
}

/// The fused assignment pass: labels, distances and the chunk-ordered inertia.
func assignRows(
    _ data: Matrix, centroids: [Double], k: Int, labels: inout [Int32], distances: inout [Double], threads: Int
) -> Double {
    let chunks = RowChunks(count: data.rows)
    var partial = [Double](repeating: 0, count: chunks.chunkCount)
    let broadcast = BroadcastCentroids(centroids, k: k, d: data.columns)
    data.values.withUnsafeBufferPointer { values in
        broadcast.lanes.withUnsafeBufferPointer { laneBuffer in
            labels.withUnsafeMutableBufferPointer { labelBuffer in
                distances.withUnsafeMutableBufferPointer { distanceBuffer in
                    partial.withUnsafeMutableBufferPointer { partialBuffer in
                        guard let x = values.baseAddress, let c = laneBuffer.baseAddress,
                              let l = labelBuffer.baseAddress, let p = partialBuffer.baseAddress else { return }
                        withDimension(data.columns, AssignKernel(
                            x: x, lanes: c, k: k, chunks: chunks, labels: l,
                            distances: distanceBuffer.baseAddress, inertia: p, threads: threads
                        ))
                    }
                }
            }
        }
    }
    return partial.reduce(0, +)
}

private func validate(_ data: Matrix, _ configuration: KMeansConfiguration) throws {
    try Validation.requireThreads(configuration.threads)
    guard configuration.k >= 1 else {
        throw AnalysisError.invalidParameter(name: "n_clusters", value: "\(configuration.k)", requirement: ">= 1")
    }
    guard configuration.nInit >= 1 else {
        throw AnalysisError.invalidParameter(name: "n_init", value: "\(configuration.nInit)", requirement: ">= 1")
    }
    guard configuration.maxIterations >= 1 else {
        throw AnalysisError.invalidParameter(name: "max_iter", value: "\(configuration.maxIterations)", requirement: ">= 1")
    }
    guard configuration.tolerance.isFinite, configuration.tolerance >= 0 else {
        throw AnalysisError.invalidParameter(name: "tol", value: "\(configuration.tolerance)", requirement: "finite and >= 0")
    }
    try Validation.requireFeatures(data)
    guard data.rows >= configuration.k else {
        throw AnalysisError.moreClustersThanSamples(samples: data.rows, clusters: configuration.k)
    }
    try Validation.requireFinite(data, threads: configuration.threads)
}
