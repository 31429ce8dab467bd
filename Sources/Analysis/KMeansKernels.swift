/// The streaming passes of k-means over row-major data, one chunk of rows at a time.
///
/// Each kernel writes only the outputs of the rows and the partial slot of the chunk it is
/// given (IN: data, centroids; OUT: per-row labels/distances and per-chunk partials). Callers
/// reduce the partials in chunk order. Ties in the nearest-centroid search go to the lowest
/// centroid index (strict `<`), as in scikit-learn. All kernels assume valid input.

/// One fused Lloyd pass: assign every row to its nearest centroid and accumulate, per chunk, the
/// coordinate sums and the size of each cluster plus the number of rows whose label changed.
///
/// Rows go through `nearestCentroids` in pairs (chunk offsets 2m, 2m+1). The first row of each
/// pair is summed into one stack accumulator and the second into another, added at the end of
/// the chunk: a fixed order, and consecutive rows of one cluster do not queue on one memory cell.
///
/// OUT per chunk c: `partials[c·k·(d+1) ..< (c+1)·k·(d+1)]`, for cluster j the d coordinate sums
/// followed by the row count (as a Double, exact below 2⁵³), and `changes[c]`.
struct LloydStepKernel: DimensionVisitor {
    let x: UnsafePointer<Double>
    let lanes: UnsafePointer<SIMD2<Double>>
    let k: Int
    let chunks: RowChunks
    let labels: UnsafeMutablePointer<Int32>
    let partials: UnsafeMutablePointer<Double>
    let changes: UnsafeMutablePointer<Int>
    let threads: Int

    func visit<D: Dimension>(_ dimension: D) {
        let k = k, x = x, lanes = lanes, labels = labels
        let partials = partials, changes = changes, chunks = chunks
        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
            let width = k * (dimension.count + 1)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { buffer in
                // `d` is re-derived inside the closure so that specialisation folds it.
                let d = dimension.count
                guard let even = buffer.baseAddress else { return }
                let odd = even + width
                for slot in 0..<(2 * width) { even[slot] = 0 }
                var changed = 0
                let rows = chunks.range(chunk)
                var row = rows.lowerBound
                while row < rows.upperBound {
                    let a = x + row &* d
                    let paired = row &+ 1 < rows.upperBound
                    let b = paired ? a + d : a
                    let nearest = nearestCentroids(a, b, lanes, k: k, dimension)
                    let first = Int(truncatingIfNeeded: nearest.indices[0])
                    let target = even + first &* (d &+ 1)
                    for t in 0..<d { target[t] += a[t] }
                    target[d] += 1
                    let label = Int32(truncatingIfNeeded: first)
                    // Branch-free: early iterations change labels unpredictably.
                    changed &+= labels[row] != label ? 1 : 0
                    labels[row] = label
                    if paired {
                        let second = Int(truncatingIfNeeded: nearest.indices[1])
                        let target = odd + second &* (d &+ 1)
                        for t in 0..<d { target[t] += b[t] }
                        target[d] += 1
                        let label = Int32(truncatingIfNeeded: second)
                        changed &+= labels[row &+ 1] != label ? 1 : 0
                        labels[row &+ 1] = label
                    }
                    row &+= 2
                }
                let out = partials + chunk * width
                for slot in 0..<width { out[slot] = even[slot] + odd[slot] }
                changes[chunk] = changed
            }
        }
    }
}

/// Assign every row to its nearest centroid; write labels, optionally Euclidean distances, and
/// per chunk the sum of squared distances (the chunk's share of the inertia; rows at even chunk
/// offsets summed, rows at odd offsets summed, then the two added).
struct AssignKernel: DimensionVisitor {
    let x: UnsafePointer<Double>
    let lanes: UnsafePointer<SIMD2<Double>>
    let k: Int
    let chunks: RowChunks
    let labels: UnsafeMutablePointer<Int32>
    /// nil when the caller does not need per-row distances.
    let distances: UnsafeMutablePointer<Double>?
    let inertia: UnsafeMutablePointer<Double>
    let threads: Int

    func visit<D: Dimension>(_ dimension: D) {
        let k = k, x = x, lanes = lanes, labels = labels
        let distances = distances, inertia = inertia, chunks = chunks
        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
            let d = dimension.count  // derived inside the closure so specialisation folds it
            var total = SIMD2<Double>(repeating: 0)
            let rows = chunks.range(chunk)
            var row = rows.lowerBound
            while row < rows.upperBound {
                let a = x + row &* d
                let paired = row &+ 1 < rows.upperBound
                let nearest = nearestCentroids(a, paired ? a + d : a, lanes, k: k, dimension)
                labels[row] = Int32(truncatingIfNeeded: nearest.indices[0])
                distances?[row] = nearest.squaredDistances[0].squareRoot()
                if paired {
                    labels[row &+ 1] = Int32(truncatingIfNeeded: nearest.indices[1])
                    distances?[row &+ 1] = nearest.squaredDistances[1].squareRoot()
                    total += nearest.squaredDistances
                } else {
                    total[0] += nearest.squaredDistances[0]
                }
                row &+= 2
            }
            inertia[chunk] = total[0] + total[1]
        }
    }
}

/// For empty-cluster relocation: per chunk, the `m` rows farthest (squared distance) from the
/// centroid of their current label, ordered by distance descending then row ascending.
///
/// OUT per chunk c: `candidates[c·m ..< (c+1)·m]`, unused slots left as (−1, −1).
struct FarthestRowsKernel: DimensionVisitor {
    let x: UnsafePointer<Double>
    let centroids: UnsafePointer<Double>
    let labels: UnsafePointer<Int32>
    let m: Int
    let chunks: RowChunks
    let candidates: UnsafeMutablePointer<(distance: Double, row: Int)>
    let threads: Int

    func visit<D: Dimension>(_ dimension: D) {
        let x = x, centroids = centroids, labels = labels, m = m
        let candidates = candidates, chunks = chunks
        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
            let d = dimension.count  // derived inside the closure so specialisation folds it
            let best = candidates + chunk * m
            for slot in 0..<m { best[slot] = (-1, -1) }
            for row in chunks.range(chunk) {
                let centre = centroids + Int(labels[row]) * d
                let distance = squaredDistance(x + row * d, centre, dimension)
                // Rows come in ascending order, so a tie never displaces an earlier row.
                if distance <= best[m - 1].distance { continue }
                var slot = m - 1
                while slot > 0 && best[slot - 1].distance < distance {
                    best[slot] = best[slot - 1]
                    slot -= 1
                }
                best[slot] = (distance, row)
            }
        }
    }
}

/// k-means++ bookkeeping: `closest[i] ← min(closest[i], ‖xᵢ − centre‖²)` (or `=` when
/// `initialise`), and per chunk the sum of the new `closest` (the chunk's share of the potential).
struct ClosestDistanceKernel: DimensionVisitor {
    let x: UnsafePointer<Double>
    let centre: UnsafePointer<Double>
    let initialise: Bool
    let chunks: RowChunks
    let closest: UnsafeMutablePointer<Double>
    let chunkPotential: UnsafeMutablePointer<Double>
    let threads: Int

    func visit<D: Dimension>(_ dimension: D) {
        let x = x, centre = centre, initialise = initialise
        let closest = closest, chunkPotential = chunkPotential, chunks = chunks
        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
            let d = dimension.count  // derived inside the closure so specialisation folds it
            var total = 0.0
            for row in chunks.range(chunk) {
                let distance = squaredDistance(x + row * d, centre, dimension)
                let value = initialise || distance < closest[row] ? distance : closest[row]
                closest[row] = value
                total += value
            }
            chunkPotential[chunk] = total
        }
    }
}

/// k-means++ candidate scoring: per chunk and candidate t, Σᵢ min(closest[i], ‖xᵢ − cₜ‖²), the
/// chunk's share of the potential the candidate would leave if chosen.
///
/// OUT per chunk c: `potentials[c·L ..< (c+1)·L]` for L = `candidateCount`.
struct CandidatePotentialKernel: DimensionVisitor {
    let x: UnsafePointer<Double>
    /// L candidate centres, row-major L × d.
    let candidates: UnsafePointer<Double>
    let candidateCount: Int
    let closest: UnsafePointer<Double>
    let chunks: RowChunks
    let potentials: UnsafeMutablePointer<Double>
    let threads: Int

    func visit<D: Dimension>(_ dimension: D) {
        let x = x, candidates = candidates, count = candidateCount
        let closest = closest, potentials = potentials, chunks = chunks
        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
            // Accumulate on the stack: neighbouring chunks' outputs share cache lines.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { buffer in
                let d = dimension.count  // derived inside the closure so specialisation folds it
                guard let sums = buffer.baseAddress else { return }
                for t in 0..<count { sums[t] = 0 }
                for row in chunks.range(chunk) {
                    let point = x + row &* d
                    let current = closest[row]
                    for t in 0..<count {
                        let distance = squaredDistance(point, candidates + t &* d, dimension)
                        sums[t] += distance < current ? distance : current
                    }
                }
                let out = potentials + chunk * count
                for t in 0..<count { out[t] = sums[t] }
            }
        }
    }
}
