/// One Lloyd run from given initial centroids (the private kernel behind `fitKMeans`).
///
/// Iteration i: assign each row to the nearest of the current centroids C and sum the rows of
/// each cluster (one fused pass); give every empty cluster the row farthest from its centre;
/// C' = cluster means. Stop after the iteration in which no label changed (strict convergence),
/// or when Σⱼ ‖C'ⱼ − Cⱼ‖² ≤ `tolerance` (absolute, squared data units), or after
/// `maxIterations`. Labels in `labels` are those of the last assignment, i.e. against the
/// centroids *before* the last update: the caller runs a final assignment.
///
/// - Parameters:
///   - initial: k × d starting centroids, row-major.
///   - labels: n scratch labels (overwritten; set to −1 first so iteration 1 counts all rows).
/// - Returns: the final centroids (k × d, row-major) and the number of iterations run.
/// - Precondition: valid, finite input; `maxIterations >= 1`.
func runLloyd(
    _ data: Matrix, initial: [Double], k: Int, maxIterations: Int, tolerance: Double,
    labels: inout [Int32], threads: Int
) -> (centroids: [Double], iterations: Int) {
    let n = data.rows, d = data.columns
    precondition(initial.count == k * d && labels.count == n && maxIterations >= 1, "Lloyd run given inconsistent buffers")
    let chunks = RowChunks(count: n)
    var centroids = initial
    let width = k * (d + 1)
    var partials = [Double](repeating: 0, count: chunks.chunkCount * width)
    var partialChanges = [Int](repeating: 0, count: chunks.chunkCount)
    for i in 0..<n { labels[i] = -1 }
    var iterations = 0

    while iterations < maxIterations {
        iterations += 1
        let broadcast = BroadcastCentroids(centroids, k: k, d: d)
        data.values.withUnsafeBufferPointer { values in
            broadcast.lanes.withUnsafeBufferPointer { laneBuffer in
                labels.withUnsafeMutableBufferPointer { labelBuffer in
                    partials.withUnsafeMutableBufferPointer { partialBuffer in
                        partialChanges.withUnsafeMutableBufferPointer { changeBuffer in
                            guard let x = values.baseAddress, let c = laneBuffer.baseAddress,
                                  let l = labelBuffer.baseAddress, let p = partialBuffer.baseAddress,
                                  let ch = changeBuffer.baseAddress else { return }
                            withDimension(d, LloydStepKernel(
                                x: x, lanes: c, k: k, chunks: chunks,
                                labels: l, partials: p, changes: ch, threads: threads
                            ))
                        }
                    }
                }
            }
        }
        // Reduce the chunk partials in chunk order.
        var sums = [Double](repeating: 0, count: k * d)
        var sizes = [Double](repeating: 0, count: k)
        var changed = 0
        for chunk in 0..<chunks.chunkCount {
            let base = chunk * width
            for j in 0..<k {
                for t in 0..<d { sums[j * d + t] += partials[base + j * (d + 1) + t] }
                sizes[j] += partials[base + j * (d + 1) + d]
            }
            changed += partialChanges[chunk]
        }
        var counts = sizes.map { Int($0) }
        let empty = (0..<k).filter { counts[$0] == 0 }
        if !empty.isEmpty {
            relocateEmptyClusters(data, centroids: centroids, labels: labels, empty: empty, sums: &sums, counts: &counts, threads: threads)
        }
        var shift = 0.0
        for j in 0..<k {
            // A cluster emptied by relocation itself (pathological) keeps its old centroid.
            guard counts[j] > 0 else { continue }
            let size = Double(counts[j])
            var moved = 0.0
            for t in 0..<d {
                let updated = sums[j * d + t] / size
                let delta = updated - centroids[j * d + t]
                moved += delta * delta
                centroids[j * d + t] = updated
            }
            shift += moved
        }
        if changed == 0 || shift <= tolerance { break }
    }
    return (centroids, iterations)
}

/// scikit-learn's empty-cluster rule: the m empty clusters, in ascending index order, take the
/// m rows farthest from the centroid they were just assigned to (distance descending, row
/// ascending on ties). Each such row moves its coordinates from its cluster's sum to the empty
/// cluster's (which becomes exactly that row); labels are left for the next assignment to fix.
private func relocateEmptyClusters(
    _ data: Matrix, centroids: [Double], labels: [Int32], empty: [Int],
    sums: inout [Double], counts: inout [Int], threads: Int
) {
    let d = data.columns
    let m = empty.count
    let chunks = RowChunks(count: data.rows)
    var candidates = [(distance: Double, row: Int)](repeating: (-1, -1), count: chunks.chunkCount * m)
    data.values.withUnsafeBufferPointer { values in
        centroids.withUnsafeBufferPointer { centroidBuffer in
            labels.withUnsafeBufferPointer { labelBuffer in
                candidates.withUnsafeMutableBufferPointer { candidateBuffer in
                    guard let x = values.baseAddress, let c = centroidBuffer.baseAddress,
                          let l = labelBuffer.baseAddress, let out = candidateBuffer.baseAddress else { return }
                    withDimension(d, FarthestRowsKernel(
                        x: x, centroids: c, labels: l, m: m, chunks: chunks, candidates: out, threads: threads
                    ))
                }
            }
        }
    }
    let farthest = candidates
        .filter { $0.row >= 0 }
        .sorted { $0.distance != $1.distance ? $0.distance > $1.distance : $0.row < $1.row }
    for (index, cluster) in empty.enumerated() where index < farthest.count {
        let row = farthest[index].row
        let origin = Int(labels[row])
        for t in 0..<d {
            let value = data.values[row * d + t]
            sums[origin * d + t] -= value
            sums[cluster * d + t] = value
        }
        counts[origin] -= 1
        counts[cluster] = 1
    }
}
