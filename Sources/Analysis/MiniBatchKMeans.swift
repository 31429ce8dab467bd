import Randomness

/// Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering") with scikit-learn's
/// `MiniBatchKMeans` semantics, for populations too large for full Lloyd passes.
///
/// 1. Initialisation. A seeded uniform sample S of `initSize` rows (without replacement) is drawn
///    once; greedy k-means++ runs `nInit` times on S (run r from its own stream) and the centres
///    with the lowest inertia on S win (the earlier run on ties). Counts start at cⱼ = 0.
/// 2. Steps. Step s draws a batch B of b = min(batchSize, n) rows uniformly with replacement,
///    assigns each x ∈ B to its nearest centre (against the centres before the step), and moves
///    every centre j that received the rows Bⱼ (mⱼ = |Bⱼ| > 0) to the running mean of all rows it
///    was ever given:  Cⱼ ← (cⱼ·Cⱼ + Σ_{x∈Bⱼ} x) / (cⱼ + mⱼ),  cⱼ ← cⱼ + mⱼ.
///    This is Sculley's per-centre learning rate η = 1/cⱼ applied row by row, in closed form.
///    Optionally (reassignment ratio ρ > 0, checked after every 10·k rows seen and at every
///    step while a count is 0) each centre with cⱼ < ρ·maxᵢ cᵢ moves to a random row of B (at
///    most ⌊b/2⌋ centres, lowest counts first) and its count becomes the smallest remaining count.
/// 3. Stopping, after at most ⌊maxIterations·n/b⌋ steps (maxIterations passes over the data).
///    Step 1 is ignored; from step 2 on, with α = min(2b/(n + 1), 1), the per-row batch
///    inertia Iₛ = Σ_{x∈B} ‖x − C_label(x)‖² / b and the centre shift Δₛ = Σⱼ ‖Cⱼ′ − Cⱼ‖² are
///    smoothed as E ← (1 − α)·E + α·value (E starts at the step-2 value). Stop when
///    tolerance > 0 and E[Δ] ≤ tolerance × (mean per-feature variance of the data), or when
///    E[I] has not reached a new minimum for `maxNoImprovement` consecutive steps.
///    (current scikit-learn compares the raw Δₛ; the smoothed one is its documented intent and
///    does not stop on one lucky batch.)
/// 4. A final full assignment pass gives exact labels, distances and inertia for the returned
///    centres, then the canonical relabelling of `fitKMeans` (largest segment = label 0).
///    `iterations` in the result is the number of passes begun, ⌈steps·b/n⌉ (scikit-learn's
///    `n_iter_`).
///
/// Memory and time. The fit itself holds the k × d centres and counts, one b × d batch and
/// the initSize × d init sample; each step costs O(b·k·d), independent of n. Only the final
/// assignment (and, when tolerance > 0, the variance for the tolerance, and the finiteness
/// check) touch every row, sequentially in fixed chunks, so the data could be streamed for them;
/// the result still has n labels and n distances. Batches need random access to rows: in this
/// module the data is an in-memory `Matrix`, so the gain here is time, not memory.
///
/// Determinism. Streams `SplitMix64(seed:_:)` with keys for the init sample, each init run,
/// the batches and the reassignments. Steps run sequentially in a fixed order; only the
/// full-data passes are parallel, over fixed chunks reduced in chunk order, so the result is
/// bit-identical for every `threads`.
///
/// Throws when k < 1, batchSize < 1, initSize < k, nInit < 1, maxIterations < 1, tolerance or
/// reassignmentRatio < 0 or non-finite, maxNoImprovement < 0, threads < 1, d < 1, k > n, or the
/// data holds a non-finite value.
public func fitMiniBatchKMeans(_ data: Matrix, _ configuration: MiniBatchKMeansConfiguration) throws -> KMeansResult {
    try validate(data, configuration)
    let n = data.rows, d = data.columns, k = configuration.k, threads = configuration.threads
    let batchSize = min(configuration.batchSize, n)
    var absoluteTolerance = 0.0
    if configuration.tolerance > 0 {
        let stats = ColumnStatistics(data, threads: threads)
        absoluteTolerance = configuration.tolerance * stats.variances.reduce(0, +) / Double(d)
    }
    let initial = bestInitialCentroids(
        data, k: k, initSize: resolvedInitSize(configuration, n: n, batchSize: batchSize),
        nInit: configuration.nInit, seed: configuration.seed, threads: threads
    )
    let run = runMiniBatch(data, initial: initial, k: k, settings: MiniBatchSettings(
        batchSize: batchSize, maxSteps: maxSteps(passes: configuration.maxIterations, n: n, batchSize: batchSize),
        tolerance: absoluteTolerance, maxNoImprovement: configuration.maxNoImprovement,
        reassignmentRatio: configuration.reassignmentRatio, seed: configuration.seed
    ))
    var labels = [Int32](repeating: 0, count: n)
    var distances = [Double](repeating: 0, count: n)
    let inertia = assignRows(data, centroids: run.centroids, k: k, labels: &labels, distances: &distances, threads: threads)
    return canonicalResult(
        centroids: run.centroids, k: k, d: d, labels: labels, distances: distances, inertia: inertia,
        iterations: passesBegun(steps: run.steps, n: n, batchSize: batchSize), threads: threads
    )
}

/// ⌊passes·n/b⌋, saturating instead of overflowing.
func maxSteps(passes: Int, n: Int, batchSize: Int) -> Int {
    let (rows, overflow) = passes.multipliedReportingOverflow(by: n)
    return overflow ? Int.max / batchSize : rows / batchSize
}

/// ⌈steps·b/n⌉, the passes over the data begun by `steps` batches.
func passesBegun(steps: Int, n: Int, batchSize: Int) -> Int {
    let (rows, overflow) = steps.multipliedReportingOverflow(by: batchSize)
    if overflow { return Int((Double(steps) * Double(batchSize) / Double(n)).rounded(.up)) }
    return rows / n + (rows % n == 0 ? 0 : 1)
}

extension StreamKey {
    static let miniBatchInitSample: UInt64 = 0x3B47_0001
    static let miniBatchInitRun: UInt64 = 0x3B47_0002
    static let miniBatchBatches: UInt64 = 0x3B47_0003
    static let miniBatchReassign: UInt64 = 0x3B47_0004
}

/// scikit-learn's rule: the given size, else 3·b (3·k when that is below k), capped at n.
func resolvedInitSize(_ configuration: MiniBatchKMeansConfiguration, n: Int, batchSize: Int) -> Int {
    var size = configuration.initSize ?? 3 * batchSize
    if size < configuration.k { size = 3 * configuration.k }
    return min(size, n)
}

/// The best of `nInit` k-means++ seedings on one seeded sample of `initSize` rows, judged by
/// the inertia on that sample (earlier run on ties). - Returns: k × d centres, row-major.
func bestInitialCentroids(_ data: Matrix, k: Int, initSize: Int, nInit: Int, seed: UInt64, threads: Int) -> [Double] {
    var sampler = SplitMix64(seed: seed, StreamKey.miniBatchInitSample)
    let sample = initSize == data.rows
        ? data : data.gatherRows(sampleIndices(population: data.rows, count: initSize, generator: &sampler))
    var closest = [Double](repeating: 0, count: initSize)
    var labels = [Int32](repeating: 0, count: initSize)
    var distances = [Double](repeating: 0, count: initSize)
    var best: (centres: [Double], inertia: Double)?
    for run in 0..<nInit {
        var generator = SplitMix64(seed: seed, StreamKey.miniBatchInitRun, UInt64(run))
        let centres = kMeansPlusPlus(sample, k: k, generator: &generator, threads: threads, closest: &closest)
        let inertia = assignRows(sample, centroids: centres, k: k, labels: &labels, distances: &distances, threads: threads)
        if let current = best, !(inertia < current.inertia) { continue }
        best = (centres, inertia)
    }
    guard let winner = best else { preconditionFailure("nInit >= 1 was validated") }
    return winner.centres
}

private func validate(_ data: Matrix, _ configuration: MiniBatchKMeansConfiguration) throws {
    let c = configuration
    try Validation.requireThreads(c.threads)
    guard c.k >= 1 else {
        throw AnalysisError.invalidParameter(name: "n_clusters", value: "\(c.k)", requirement: ">= 1")
    }
    guard c.batchSize >= 1 else {
        throw AnalysisError.invalidParameter(name: "batch_size", value: "\(c.batchSize)", requirement: ">= 1")
    }
    if let initSize = c.initSize, initSize < c.k {
        throw AnalysisError.invalidParameter(name: "init_size", value: "\(initSize)", requirement: ">= n_clusters=\(c.k)")
    }
    guard c.nInit >= 1 else {
        throw AnalysisError.invalidParameter(name: "n_init", value: "\(c.nInit)", requirement: ">= 1")
    }
    guard c.maxIterations >= 1 else {
        throw AnalysisError.invalidParameter(name: "max_iter", value: "\(c.maxIterations)", requirement: ">= 1")
    }
    guard c.tolerance.isFinite, c.tolerance >= 0 else {
        throw AnalysisError.invalidParameter(name: "tol", value: "\(c.tolerance)", requirement: "finite and >= 0")
    }
    if let patience = c.maxNoImprovement, patience < 0 {
        throw AnalysisError.invalidParameter(name: "max_no_improvement", value: "\(patience)", requirement: ">= 0")
    }
    guard c.reassignmentRatio.isFinite, c.reassignmentRatio >= 0 else {
        throw AnalysisError.invalidParameter(
            name: "reassignment_ratio", value: "\(c.reassignmentRatio)", requirement: "finite and >= 0"
        )
    }
    try Validation.requireFeatures(data)
    guard data.rows >= c.k else {
        throw AnalysisError.moreClustersThanSamples(samples: data.rows, clusters: c.k)
    }
    try Validation.requireFinite(data, threads: c.threads)
}
