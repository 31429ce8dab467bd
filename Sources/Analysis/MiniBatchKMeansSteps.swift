import Randomness

/// The step loop's settings, resolved by `fitMiniBatchKMeans`.
struct MiniBatchSettings: Sendable {
    /// Rows per batch, 1 ≤ b ≤ n.
    let batchSize: Int
    /// Step budget (≥ 1).
    let maxSteps: Int
    /// Absolute, in squared data units; 0 disables the centre-shift test.
    let tolerance: Double
    let maxNoImprovement: Int?
    let reassignmentRatio: Double
    let seed: UInt64
}

/// The sequential step loop behind `fitMiniBatchKMeans` (steps 2 and 3 of its documentation):
/// draw a batch, assign and update, optionally reassign, check the smoothed stopping rules.
///
/// - Parameter initial: k × d starting centres, row-major.
/// - Returns: the final centres (k × d, row-major) and the number of steps run (≥ 1).
/// - Precondition: valid, finite input; 1 ≤ batchSize ≤ n; maxSteps ≥ 1.
func runMiniBatch(
    _ data: Matrix, initial: [Double], k: Int, settings: MiniBatchSettings
) -> (centroids: [Double], steps: Int) {
    let n = data.rows, d = data.columns, b = settings.batchSize
    precondition(
        k >= 1 && initial.count == k * d && b >= 1 && b <= n && settings.maxSteps >= 1,
        "mini-batch run given inconsistent settings"
    )
    var centroids = initial
    var previous = initial
    var counts = [Double](repeating: 0, count: k)
    var batch = [Double](repeating: 0, count: b * d)
    var labels = [Int32](repeating: 0, count: b)
    var sums = [Double](repeating: 0, count: k * d)
    var batchGenerator = SplitMix64(seed: settings.seed, StreamKey.miniBatchBatches)
    var reassignGenerator = SplitMix64(seed: settings.seed, StreamKey.miniBatchReassign)
    var monitor = MiniBatchConvergence(
        alpha: min(2 * Double(b) / (Double(n) + 1), 1),
        tolerance: settings.tolerance, maxNoImprovement: settings.maxNoImprovement
    )
    var rowsSinceReassignment = 0
    var steps = 0
    while steps < settings.maxSteps {
        steps += 1
        drawBatch(data, count: b, generator: &batchGenerator, into: &batch)
        // As scikit-learn, decide on the counts *before* this step's update.
        rowsSinceReassignment += b
        let reassignmentDue = counts.contains(0) || rowsSinceReassignment >= 10 * k
        if reassignmentDue { rowsSinceReassignment = 0 }
        for slot in 0..<(k * d) { previous[slot] = centroids[slot] }
        let inertia = miniBatchStep(batch, rows: b, k: k, centroids: &centroids, counts: &counts, labels: &labels, sums: &sums)
        if reassignmentDue && settings.reassignmentRatio > 0 {
            reassignLowCountCentres(
                batch, rows: b, ratio: settings.reassignmentRatio,
                centroids: &centroids, counts: &counts, generator: &reassignGenerator
            )
        }
        var shift = 0.0
        for slot in 0..<(k * d) {
            let delta = centroids[slot] - previous[slot]
            shift += delta * delta
        }
        if monitor.shouldStop(step: steps, batchInertiaPerRow: inertia / Double(b), shift: shift) { break }
    }
    return (centroids, steps)
}

/// OUT `batch` (count × d): `count` rows drawn uniformly with replacement, in draw order.
private func drawBatch(_ data: Matrix, count: Int, generator: inout SplitMix64, into batch: inout [Double]) {
    let n = data.rows, d = data.columns
    data.values.withUnsafeBufferPointer { values in
        batch.withUnsafeMutableBufferPointer { out in
            for slot in 0..<count {
                let row = generator.uniformIndex(below: n)
                for t in 0..<d { out[slot * d + t] = values[row * d + t] }
            }
        }
    }
}

/// One mini-batch step without reassignment (scikit-learn's `_mini_batch_step` with
/// `_minibatch_update_dense`): assign the batch to the current centres, then for every centre j
/// that received mⱼ > 0 rows, Cⱼ ← (cⱼ·Cⱼ + Σ rows) · (1 / (cⱼ + mⱼ)) and cⱼ ← cⱼ + mⱼ (the rows
/// added to cⱼ·Cⱼ in batch order). Centres that received nothing are unchanged.
///
/// IN: `batch` (rows × d). IN/OUT: `centroids` (k × d), `counts` (k). OUT (scratch): `labels`
/// (rows), `sums` (k × d).
/// - Returns: the batch inertia Σ ‖x − C_label(x)‖² against the centres before the update.
func miniBatchStep(
    _ batch: [Double], rows: Int, k: Int,
    centroids: inout [Double], counts: inout [Double], labels: inout [Int32], sums: inout [Double]
) -> Double {
    let d = centroids.count / k
    let chunks = RowChunks(count: rows)
    var partial = [Double](repeating: 0, count: chunks.chunkCount)
    let broadcast = BroadcastCentroids(centroids, k: k, d: d)
    batch.withUnsafeBufferPointer { values in
        broadcast.lanes.withUnsafeBufferPointer { laneBuffer in
            labels.withUnsafeMutableBufferPointer { labelBuffer in
                partial.withUnsafeMutableBufferPointer { partialBuffer in
                    guard let x = values.baseAddress, let c = laneBuffer.baseAddress,
                          let l = labelBuffer.baseAddress, let p = partialBuffer.baseAddress else { return }
                    // One thread: the batch is small and the step is sequential by design.
                    withDimension(d, AssignKernel(
                        x: x, lanes: c, k: k, chunks: chunks, labels: l, distances: nil, inertia: p, threads: 1
                    ))
                }
            }
        }
    }
    var members = [Int](repeating: 0, count: k)
    for slot in 0..<(k * d) { sums[slot] = centroids[slot] * counts[slot / d] }
    for row in 0..<rows {
        let j = Int(labels[row])
        for t in 0..<d { sums[j * d + t] += batch[row * d + t] }
        members[j] += 1
    }
    for j in 0..<k where members[j] > 0 {
        counts[j] += Double(members[j])
        let rate = 1 / counts[j]
        for t in 0..<d { centroids[j * d + t] = sums[j * d + t] * rate }
    }
    return partial.reduce(0, +)
}

/// scikit-learn's low-count reassignment: the centres with cⱼ < ratio · maxᵢ cᵢ (if more than
/// b/2, only the ⌊b/2⌋ with the lowest counts, lower index on ties) move, in ascending index
/// order, to distinct batch rows drawn uniformly (taken in ascending row order); their counts
/// become the smallest count among the centres that stay, so they are not reassigned at once
/// again (this also lowers their learning rate, as in scikit-learn).
func reassignLowCountCentres(
    _ batch: [Double], rows: Int, ratio: Double,
    centroids: inout [Double], counts: inout [Double], generator: inout SplitMix64
) {
    let k = counts.count, d = centroids.count / k
    guard let largest = counts.max() else { return }
    var moving = (0..<k).filter { counts[$0] < ratio * largest }
    if 2 * moving.count > rows {
        let byCount = (0..<k).sorted { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 < $1 }
        let allowed = Set(byCount.prefix(rows / 2))
        moving = moving.filter { allowed.contains($0) }
    }
    guard !moving.isEmpty else { return }
    let targets = sampleIndices(population: rows, count: moving.count, generator: &generator)
    for (centre, row) in zip(moving, targets) {
        for t in 0..<d { centroids[centre * d + t] = batch[row * d + t] }
    }
    let movingSet = Set(moving)
    guard let floor = (0..<k).filter({ !movingSet.contains($0) }).map({ counts[$0] }).min() else { return }
    for centre in moving { counts[centre] = floor }
}

/// scikit-learn's `_mini_batch_convergence`, with the centre shift smoothed like the inertia.
///
/// Step 1 is ignored (its inertia is against the initial centres). From step 2 on both series
/// are smoothed, E ← (1 − α)·E + α·value, starting at the step-2 value. Stop when tolerance > 0
/// and E[shift] ≤ tolerance, or when E[inertia] has not set a new minimum for
/// `maxNoImprovement` consecutive steps.
struct MiniBatchConvergence {
    let alpha: Double
    let tolerance: Double
    let maxNoImprovement: Int?
    private(set) var smoothedInertia: Double?
    private(set) var smoothedShift: Double?
    private var lowestInertia: Double?
    private var stepsWithoutImprovement = 0

    init(alpha: Double, tolerance: Double, maxNoImprovement: Int?) {
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxNoImprovement = maxNoImprovement
    }

    /// - Parameters:
    ///   - step: 1-based step number.
    ///   - batchInertiaPerRow: the step's batch inertia divided by the batch size.
    ///   - shift: Σⱼ ‖Cⱼ′ − Cⱼ‖² over the step (reassignments included).
    mutating func shouldStop(step: Int, batchInertiaPerRow: Double, shift: Double) -> Bool {
        if step == 1 { return false }
        let inertia: Double, smoothedMove: Double
        if let e = smoothedInertia, let s = smoothedShift {
            inertia = e * (1 - alpha) + batchInertiaPerRow * alpha
            smoothedMove = s * (1 - alpha) + shift * alpha
        } else {
            inertia = batchInertiaPerRow
            smoothedMove = shift
        }
        smoothedInertia = inertia
        smoothedShift = smoothedMove
        if tolerance > 0 && smoothedMove <= tolerance { return true }
        if let lowest = lowestInertia, !(inertia < lowest) {
            stepsWithoutImprovement += 1
        } else {
            stepsWithoutImprovement = 0
            lowestInertia = inertia
        }
        if let patience = maxNoImprovement, stepsWithoutImprovement >= patience { return true }
        return false
    }
}
