import Randomness

/// Mean silhouette coefficient of one labelling (scikit-learn's `silhouette_score`, Euclidean).
///
/// For row i in cluster A: a(i) = mean distance to the other rows of A, b(i) = the smallest mean
/// distance to the rows of another cluster, s(i) = (b − a) / max(a, b); a row alone in its
/// cluster scores 0 (as does a row with a = b = 0). The score is the mean of s over the rows, in
/// [−1, 1], unitless. Labels may be any Int32 values (only equality matters).
///
/// When n > `sampleSize` the score is computed on a uniform sample without replacement of
/// `sampleSize` rows drawn from `SplitMix64(seed:_:)` with the given seed (scikit-learn's
/// `sample_size`); otherwise it is exact. Cost O(m²·d) time, O(m) memory for m evaluated rows:
/// distances are streamed one row at a time, never stored as a matrix.
///
/// Throws when the lengths differ, `sampleSize < 2`, `threads < 1`, the data has no columns or a
/// non-finite value, or the evaluated rows carry fewer than 2 or more than m − 1 distinct labels
/// (the score is undefined there, as in scikit-learn).
public func silhouetteScore(
    _ data: Matrix, labels: [Int32], sampleSize: Int = 20_000, seed: UInt64 = 0,
    threads: Int = Parallelism.activeProcessorCount
) throws -> Double {
    try Validation.requireThreads(threads)
    guard labels.count == data.rows else {
        throw AnalysisError.lengthMismatch(name: "labels", count: labels.count, expected: data.rows)
    }
    guard sampleSize >= 2 else {
        throw AnalysisError.invalidParameter(name: "sample_size", value: "\(sampleSize)", requirement: ">= 2")
    }
    try Validation.requireFeatures(data)
    try Validation.requireFinite(data, threads: threads)

    var rows = data
    var subset = labels
    if data.rows > sampleSize {
        var generator = SplitMix64(seed: seed, StreamKey.silhouetteSample)
        let indices = sampleIndices(population: data.rows, count: sampleSize, generator: &generator)
        rows = data.gatherRows(indices)
        subset = indices.map { labels[$0] }
    }
    // Dense codes 0..<L in order of first appearance of each distinct label value.
    var code: [Int32: Int32] = [:]
    var dense = [Int32](repeating: 0, count: subset.count)
    for (i, label) in subset.enumerated() {
        if let known = code[label] {
            dense[i] = known
        } else {
            let next = Int32(code.count)
            code[label] = next
            dense[i] = next
        }
    }
    guard code.count >= 2, code.count <= rows.rows - 1 else {
        throw AnalysisError.invalidLabelCount(labels: code.count, samples: rows.rows)
    }
    return silhouetteScores(rows, labelings: [dense], clusterCounts: [code.count], threads: threads)[0]
}

/// Mean silhouette coefficients of several labellings of the same rows, computing every
/// pairwise distance once.
///
/// Row i's distances to all rows are computed into a buffer, then for each labelling the
/// per-cluster distance sums are read off it: labelling ℓ's rows are pre-sorted by label, so a
/// cluster's sum is a contiguous run of gathered distances (four partial sums, combined in a
/// fixed order). Rows are split into fixed chunks, per-row coefficients are stored and averaged
/// in row order, so the result is identical for any `threads`.
///
/// A labelling with fewer than 2 occupied clusters (where the coefficient is undefined) scores
/// 0; `silhouetteScore` rejects that case instead.
///
/// - Precondition: `labelings.count == clusterCounts.count`; every labelling has `data.rows`
///   labels in `0..<clusterCounts[ℓ]`; finite data; `data.rows >= 1`.
public func silhouetteScores(
    _ data: Matrix, labelings: [[Int32]], clusterCounts: [Int],
    threads: Int = Parallelism.activeProcessorCount
) -> [Double] {
    precondition(labelings.count == clusterCounts.count, "one cluster count per labelling")
    let n = data.rows
    precondition(n >= 1, "silhouette needs at least one row")
    let plans = zip(labelings, clusterCounts).map { SilhouettePlan(labels: $0, clusterCount: $1, rows: n) }
    guard !plans.isEmpty else { return [] }
    var coefficients = [Double](repeating: 0, count: plans.count * n)
    // Column-major copy (d × n): a point's distance row is then built from contiguous
    // columns, two rows per SIMD step.
    let d = data.columns
    var columns = [Double](repeating: 0, count: d * n)
    for i in 0..<n {
        for t in 0..<d { columns[t * n + i] = data.values[i * d + t] }
    }
    let chunks = RowChunks(count: n, size: 32)
    columns.withUnsafeBufferPointer { columnBuffer in
        coefficients.withUnsafeMutableBufferPointer { output in
            guard let xs = columnBuffer.baseAddress, let out = output.baseAddress else { return }
            silhouetteRows(columns: xs, n: n, d: d, plans: plans, chunks: chunks, coefficients: out, threads: threads)
        }
    }
    return (0..<plans.count).map { l in
        guard plans[l].occupiedClusters >= 2 else { return 0 }
        var sum = 0.0
        for i in 0..<n { sum += coefficients[l * n + i] }
        return sum / Double(n)
    }
}

/// One labelling prepared for the kernel: rows ordered by label, with cluster boundaries.
struct SilhouettePlan: Sendable {
    let labels: [Int32]
    let clusterCount: Int
    /// Row indices sorted by label (stable).
    let order: [Int32]
    /// Cluster c's rows are `order[starts[c] ..< starts[c + 1]]`.
    let starts: [Int]
    let occupiedClusters: Int

    init(labels: [Int32], clusterCount: Int, rows: Int) {
        precondition(labels.count == rows, "labelling has \(labels.count) labels for \(rows) rows")
        precondition(clusterCount >= 1, "cluster count must be >= 1")
        var sizes = [Int](repeating: 0, count: clusterCount)
        for label in labels {
            precondition(label >= 0 && Int(label) < clusterCount, "label \(label) outside 0..<\(clusterCount)")
            sizes[Int(label)] += 1
        }
        var starts = [Int](repeating: 0, count: clusterCount + 1)
        for c in 0..<clusterCount { starts[c + 1] = starts[c] + sizes[c] }
        var next = Array(starts[0..<clusterCount])
        var order = [Int32](repeating: 0, count: rows)
        for (row, label) in labels.enumerated() {
            order[next[Int(label)]] = Int32(row)
            next[Int(label)] += 1
        }
        self.labels = labels
        self.clusterCount = clusterCount
        self.order = order
        self.starts = starts
        self.occupiedClusters = sizes.filter { $0 > 0 }.count
    }
}

/// Per chunk of rows: distances to all rows, then s(i) for every labelling.
/// IN: `columns` (d × n, column-major). OUT: `coefficients[ℓ·n + i]` for the chunk's rows i.
///
/// The distance to row j is Σₜ (x_jt − x_it)² accumulated over t in order from 0, then its
/// square root: the same operations, in the same order, as `squaredDistance`.
private func silhouetteRows(
    columns: UnsafePointer<Double>, n: Int, d: Int, plans: [SilhouettePlan], chunks: RowChunks,
    coefficients: UnsafeMutablePointer<Double>, threads: Int
) {
    let maxClusters = plans.map(\.clusterCount).max() ?? 1
    forEachChunk(chunks.chunkCount, threads: threads) { chunk in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n + maxClusters) { scratch in
            guard let distance = scratch.baseAddress else { return }
            let sums = distance + n
            for i in chunks.range(chunk) {
                distanceRow(to: i, columns: columns, n: n, d: d, into: distance)
                for (l, plan) in plans.enumerated() {
                    coefficients[l &* n &+ i] = silhouetteCoefficient(
                        row: i, distances: distance, plan: plan, sums: sums
                    )
                }
            }
        }
    }
}

/// distance[j] = √(Σₜ (x_jt − x_it)²), two rows j at a time in SIMD lanes.
@inline(__always)
private func distanceRow(to i: Int, columns: UnsafePointer<Double>, n: Int, d: Int, into distance: UnsafeMutablePointer<Double>) {
    let raw = UnsafeMutableRawPointer(distance)
    var j = 0
    while j &+ 2 <= n {
        var sum = SIMD2<Double>(repeating: 0)
        for t in 0..<d {
            let column = columns + t &* n
            let pair = UnsafeRawPointer(column + j).loadUnaligned(as: SIMD2<Double>.self)
            let diff = pair - SIMD2(repeating: column[i])
            sum = sum + diff * diff
        }
        raw.storeBytes(of: sum.squareRoot(), toByteOffset: j &* 8, as: SIMD2<Double>.self)
        j &+= 2
    }
    if j < n {
        var sum = 0.0
        for t in 0..<d {
            let diff = columns[t &* n &+ j] - columns[t &* n &+ i]
            sum += diff * diff
        }
        distance[j] = sum.squareRoot()
    }
}

/// s(i) for one labelling from row i's distances to every row.
@inline(__always)
private func silhouetteCoefficient(
    row: Int, distances: UnsafeMutablePointer<Double>, plan: SilhouettePlan, sums: UnsafeMutablePointer<Double>
) -> Double {
    plan.order.withUnsafeBufferPointer { orderBuffer -> Double in
        guard let order = orderBuffer.baseAddress else { return 0 }
        for c in 0..<plan.clusterCount {
            // Four interleaved partial sums (a fixed association) hide the add latency.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var j = plan.starts[c]
            let end = plan.starts[c + 1]
            while j &+ 4 <= end {
                s0 += distances[Int(order[j])]
                s1 += distances[Int(order[j &+ 1])]
                s2 += distances[Int(order[j &+ 2])]
                s3 += distances[Int(order[j &+ 3])]
                j &+= 4
            }
            while j < end {
                s0 += distances[Int(order[j])]
                j &+= 1
            }
            sums[c] = (s0 + s1) + (s2 + s3)
        }
        let own = Int(plan.labels[row])
        let ownSize = plan.starts[own + 1] - plan.starts[own]
        guard ownSize > 1 else { return 0 }
        // The row's distance to itself is 0, so the own-cluster sum needs no correction.
        let a = sums[own] / Double(ownSize - 1)
        var b = Double.infinity
        for c in 0..<plan.clusterCount where c != own {
            let size = plan.starts[c + 1] - plan.starts[c]
            if size > 0 { b = min(b, sums[c] / Double(size)) }
        }
        guard b.isFinite else { return 0 }
        let scale = max(a, b)
        return scale > 0 ? (b - a) / scale : 0
    }
}
