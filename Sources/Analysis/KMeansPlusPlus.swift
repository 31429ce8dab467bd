#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness

/// Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; greedy variant as in scikit-learn).
///
/// The first centre is a uniformly drawn row. Each further centre: draw L = 2 + ⌊ln k⌋ candidate
/// rows, each with probability proportional to D(x)², the squared distance to the nearest centre
/// chosen so far (inverse-CDF search on the running sum of D²); keep the candidate that leaves
/// the smallest potential Σ min(D², ‖x − c‖²) (the first on ties). Cost O(n·d·k·(L + 1)) in
/// chunked passes: one scoring pass for the L candidates and one update pass per centre.
///
/// The running sum is taken chunk by chunk (each chunk's own sum in row order, chunks in order),
/// so the draws are identical for every thread count.
///
/// - Returns: the k × d initial centroids, row-major.
/// - Precondition: 1 ≤ k ≤ n, finite data; `closest` has n entries (scratch, overwritten).
func kMeansPlusPlus(
    _ data: Matrix, k: Int, generator: inout SplitMix64, threads: Int, closest: inout [Double]
) -> [Double] {
    let n = data.rows, d = data.columns
    precondition(k >= 1 && k <= n && closest.count == n, "k-means++ needs 1 <= k <= n and n scratch slots")
    let chunks = RowChunks(count: n)
    let trials = 2 + Int(log(Double(k)))
    var centres = [Double](repeating: 0, count: k * d)
    var chunkPotential = [Double](repeating: 0, count: chunks.chunkCount)
    var candidatePotential = [Double](repeating: 0, count: chunks.chunkCount * trials)
    var candidates = [Double](repeating: 0, count: trials * d)

    let first = generator.uniformIndex(below: n)
    for t in 0..<d { centres[t] = data.values[first * d + t] }
    updateClosest(data, centre: Array(centres[0..<d]), initialise: true, chunks: chunks, closest: &closest, chunkPotential: &chunkPotential, threads: threads)
    var potential = chunkPotential.reduce(0, +)

    for centre in 1..<max(k, 1) {
        for trial in 0..<trials {
            let target = generator.uniform01() * potential
            let row = searchCumulative(closest, chunkTotals: chunkPotential, chunks: chunks, target: target)
            for t in 0..<d { candidates[trial * d + t] = data.values[row * d + t] }
        }
        data.values.withUnsafeBufferPointer { values in
            candidates.withUnsafeBufferPointer { candidateBuffer in
                closest.withUnsafeBufferPointer { closestBuffer in
                    candidatePotential.withUnsafeMutableBufferPointer { out in
                        guard let x = values.baseAddress, let c = candidateBuffer.baseAddress,
                              let cl = closestBuffer.baseAddress, let p = out.baseAddress else { return }
                        withDimension(d, CandidatePotentialKernel(
                            x: x, candidates: c, candidateCount: trials, closest: cl,
                            chunks: chunks, potentials: p, threads: threads
                        ))
                    }
                }
            }
        }
        var bestTrial = 0
        var bestPotential = Double.infinity
        for trial in 0..<trials {
            var total = 0.0
            for chunk in 0..<chunks.chunkCount { total += candidatePotential[chunk * trials + trial] }
            if total < bestPotential {
                bestPotential = total
                bestTrial = trial
            }
        }
        let chosen = Array(candidates[(bestTrial * d)..<((bestTrial + 1) * d)])
        for t in 0..<d { centres[centre * d + t] = chosen[t] }
        if centre + 1 < k {
            updateClosest(data, centre: chosen, initialise: false, chunks: chunks, closest: &closest, chunkPotential: &chunkPotential, threads: threads)
            potential = chunkPotential.reduce(0, +)
        }
    }
    return centres
}

/// The first row i whose running sum of `values[0...i]` reaches `target` (numpy's
/// `searchsorted(cumsum, target)`), clipped to the last row when rounding leaves `target` above
/// the total. The running sum is chunk totals in order plus a within-chunk running sum, the same
/// additions that produced `chunkTotals`, so a chosen chunk always contains the answer.
private func searchCumulative(_ values: [Double], chunkTotals: [Double], chunks: RowChunks, target: Double) -> Int {
    var before = 0.0
    for chunk in 0..<chunks.chunkCount {
        let total = chunkTotals[chunk]
        if before + total >= target {
            var running = 0.0
            for row in chunks.range(chunk) {
                running += values[row]
                if before + running >= target { return row }
            }
        }
        before += total
    }
    return chunks.count - 1
}

private func updateClosest(
    _ data: Matrix, centre: [Double], initialise: Bool, chunks: RowChunks,
    closest: inout [Double], chunkPotential: inout [Double], threads: Int
) {
    data.values.withUnsafeBufferPointer { values in
        centre.withUnsafeBufferPointer { centreBuffer in
            closest.withUnsafeMutableBufferPointer { closestBuffer in
                chunkPotential.withUnsafeMutableBufferPointer { potentialBuffer in
                    guard let x = values.baseAddress, let c = centreBuffer.baseAddress,
                          let cl = closestBuffer.baseAddress, let p = potentialBuffer.baseAddress else { return }
                    withDimension(data.columns, ClosestDistanceKernel(
                        x: x, centre: c, initialise: initialise, chunks: chunks,
                        closest: cl, chunkPotential: p, threads: threads
                    ))
                }
            }
        }
    }
}
