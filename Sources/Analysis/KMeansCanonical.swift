/// The canonical order of k clusters: size descending, then centroid coordinates ascending
/// (lexicographically, first feature first), then the old label. The same partition therefore
/// gets the same labels whatever run or seed produced it, and label 0 is the largest segment.
///
/// - Returns: `order[new] = old`.
func canonicalOrder(sizes: [Int], centroids: [Double], d: Int) -> [Int] {
    let k = sizes.count
    return (0..<k).sorted { a, b in
        if sizes[a] != sizes[b] { return sizes[a] > sizes[b] }
        for t in 0..<d where centroids[a * d + t] != centroids[b * d + t] {
            return centroids[a * d + t] < centroids[b * d + t]
        }
        return a < b
    }
}

/// Builds the `KMeansResult` with labels permuted into canonical order.
func canonicalResult(
    centroids: [Double], k: Int, d: Int, labels: [Int32], distances: [Double],
    inertia: Double, iterations: Int, threads: Int
) -> KMeansResult {
    var sizes = [Int](repeating: 0, count: k)
    for label in labels { sizes[Int(label)] += 1 }
    let order = canonicalOrder(sizes: sizes, centroids: centroids, d: d)
    var newLabelOf = [Int32](repeating: 0, count: k)
    var orderedCentroids = [Double](repeating: 0, count: k * d)
    var orderedSizes = [Int](repeating: 0, count: k)
    for (new, old) in order.enumerated() {
        newLabelOf[old] = Int32(new)
        orderedSizes[new] = sizes[old]
        for t in 0..<d { orderedCentroids[new * d + t] = centroids[old * d + t] }
    }
    var relabelled = labels
    let chunks = RowChunks(count: labels.count)
    relabelled.withUnsafeMutableBufferPointer { buffer in
        newLabelOf.withUnsafeBufferPointer { mapBuffer in
            guard let out = buffer.baseAddress, let map = mapBuffer.baseAddress else { return }
            forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                for row in chunks.range(chunk) { out[row] = map[Int(out[row])] }
            }
        }
    }
    return KMeansResult(
        centroids: Matrix(rows: k, columns: d, values: orderedCentroids),
        labels: relabelled, distances: distances, inertia: inertia,
        iterations: iterations, clusterSizes: orderedSizes
    )
}
