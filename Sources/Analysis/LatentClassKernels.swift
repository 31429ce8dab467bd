#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The counts regrouped by column and value, built once per fit: the M-step's sufficient
/// statistics are responsibility-weighted histograms of the counts, and summing them column by
/// column in this fixed order makes them independent of the thread count.
///
/// Column j's entries are `rows[columnStarts[j]..<columnStarts[j+1]]` with `values`, sorted by
/// value, then row; `totalOrder` lists the rows sorted by total, then row.
struct CountGroups {
    let columnStarts: [Int]
    let rows: [Int32]
    let values: [Int32]
    let totalOrder: [Int32]
    /// Row i's total n_i.
    let totalOfRow: [Int32]

    init(_ counts: CountMatrix) {
        let J = counts.columns
        var perColumn = [Int](repeating: 0, count: J + 1)
        for j in counts.columnIndices { perColumn[Int(j) + 1] += 1 }
        for j in 0..<J { perColumn[j + 1] += perColumn[j] }
        var next = perColumn
        var rows = [Int32](repeating: 0, count: counts.counts.count)
        var values = [Int32](repeating: 0, count: counts.counts.count)
        for i in 0..<counts.rows {
            for e in counts.rowStarts[i]..<counts.rowStarts[i + 1] {
                let j = Int(counts.columnIndices[e])
                rows[next[j]] = Int32(i)
                values[next[j]] = counts.counts[e]
                next[j] += 1
            }
        }
        // Within a column rows are ascending already; a stable sort by value keeps that.
        for j in 0..<J {
            let range = perColumn[j]..<perColumn[j + 1]
            let sorted = zip(values[range], rows[range]).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for (offset, pair) in sorted.enumerated() {
                values[range.lowerBound + offset] = pair.0
                rows[range.lowerBound + offset] = pair.1
            }
        }
        self.totalOfRow = counts.totals
        self.columnStarts = perColumn
        self.rows = rows
        self.values = values
        self.totalOrder = (0..<Int32(counts.rows)).sorted {
            counts.totals[Int($0)] != counts.totals[Int($1)] ? counts.totals[Int($0)] < counts.totals[Int($1)] : $0 < $1
        }
    }
}

/// One E-step's reductions.
struct ExpectationSums {
    /// ℓ = Σ_i ln Σ_c π_c p(x_i | α_c), multinomial coefficient included.
    var logLikelihood: Double
    /// E = −Σ_i Σ_c r_ic ln r_ic.
    var entropy: Double
    /// Σ_i r_ic per component.
    var sizes: [Double]
}

/// E-step: responsibilities r_ic = π_c p(x_i|α_c) / Σ_c' π_c' p(x_i|α_c'), computed in log
/// space (log-sum-exp around the largest term), written to `responsibilities` (n × k, OUT).
///
/// `logWeights[c]` = ln π_c (−∞ allowed for an empty component). Rows are processed in fixed
/// chunks, each chunk's sums in row order and the chunks reduced in order: the result does not
/// depend on `threads`.
func expectationStep(
    _ counts: CountMatrix, tables: DirichletMultinomialTables, logWeights: [Double], coefficients: [Double],
    responsibilities: inout [Double], threads: Int
) -> ExpectationSums {
    let k = tables.components, n = counts.rows
    precondition(responsibilities.count == n * k, "responsibilities hold \(responsibilities.count), expected \(n * k)")
    let chunks = RowChunks(count: n, size: 4096)
    var partialLL = [Double](repeating: 0, count: chunks.chunkCount)
    var partialEntropy = [Double](repeating: 0, count: chunks.chunkCount)
    var partialSizes = [Double](repeating: 0, count: chunks.chunkCount * k)
    let termLength = tables.termLength, totalLength = tables.totalLength
    counts.rowStarts.withUnsafeBufferPointer { startsBuffer in
    counts.columnIndices.withUnsafeBufferPointer { columnsBuffer in
    counts.counts.withUnsafeBufferPointer { countsBuffer in
    counts.totals.withUnsafeBufferPointer { totalsBuffer in
    tables.term.withUnsafeBufferPointer { termBuffer in
    tables.total.withUnsafeBufferPointer { totalBuffer in
    tables.columnOffsets.withUnsafeBufferPointer { offsetsBuffer in
    logWeights.withUnsafeBufferPointer { weightsBuffer in
    coefficients.withUnsafeBufferPointer { coefficientBuffer in
    responsibilities.withUnsafeMutableBufferPointer { rBuffer in
    partialLL.withUnsafeMutableBufferPointer { llBuffer in
    partialEntropy.withUnsafeMutableBufferPointer { entropyBuffer in
    partialSizes.withUnsafeMutableBufferPointer { sizesBuffer in
        let starts = startsBuffer.baseAddress.unsafelyUnwrapped
        let term = termBuffer.baseAddress.unsafelyUnwrapped, total = totalBuffer.baseAddress.unsafelyUnwrapped
        let offsets = offsetsBuffer.baseAddress.unsafelyUnwrapped, lw = weightsBuffer.baseAddress.unsafelyUnwrapped
        let r = rBuffer.baseAddress, ll = llBuffer.baseAddress.unsafelyUnwrapped
        let ent = entropyBuffer.baseAddress.unsafelyUnwrapped, sz = sizesBuffer.baseAddress.unsafelyUnwrapped
        let columns = columnsBuffer.baseAddress, values = countsBuffer.baseAddress
        let totals = totalsBuffer.baseAddress, coefficient = coefficientBuffer.baseAddress
        guard let r, let totals, let coefficient else { return }
        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
            var logp = [Double](repeating: 0, count: k)
            var chunkLL = 0.0, chunkEntropy = 0.0
            var sizes = [Double](repeating: 0, count: k)
            for i in chunks.range(chunk) {
                let lo = starts[i], hi = starts[i + 1], nTotal = Int(totals[i])
                var largest = -Double.infinity
                for c in 0..<k {
                    var s = lw[c] - total[c * totalLength + nTotal]
                    let block = c * termLength
                    if let columns, let values {
                        for e in lo..<hi { s += term[block + offsets[Int(columns[e])] + Int(values[e])] }
                    }
                    logp[c] = s
                    if s > largest { largest = s }
                }
                var sum = 0.0
                for c in 0..<k { sum += exp(logp[c] - largest) }
                let logSum = log(sum)
                chunkLL += largest + logSum + coefficient[i]
                for c in 0..<k {
                    let logR = logp[c] - largest - logSum
                    let value = exp(logR)
                    r[i * k + c] = value
                    sizes[c] += value
                    if value > 0 { chunkEntropy -= value * logR }
                }
            }
            ll[chunk] = chunkLL
            ent[chunk] = chunkEntropy
            for c in 0..<k { sz[chunk * k + c] = sizes[c] }
        }
    }}}}}}}}}}}}}
    var sizes = [Double](repeating: 0, count: k)
    for chunk in 0..<chunks.chunkCount {
        for c in 0..<k { sizes[c] += partialSizes[chunk * k + c] }
    }
    return ExpectationSums(
        logLikelihood: partialLL.reduce(0, +), entropy: partialEntropy.reduce(0, +), sizes: sizes
    )
}

/// Responsibility-weighted tail sums, the M-step's sufficient statistics (OUT, laid out like
/// the tables): `tails[c·termLength + offset_j + t] = Σ_i r_ic [x_ij > t]` for t < max_j and
/// `totalTails[c·totalLength + t] = Σ_i r_ic [n_i > t]` for t < max n.
///
/// Since ψ(x + α) − ψ(α) = Σ_{t<x} 1/(α + t), Σ_i r_i (ψ(x_i + α) − ψ(α)) = Σ_t tail[t] / (α + t):
/// the fixed point never touches the rows again. One task per column (and one for the totals),
/// each summing its rows in the fixed order of `CountGroups`: thread-independent.
func tailSums(
    groups: CountGroups, tables: DirichletMultinomialTables, responsibilities: [Double],
    tails: inout [Double], totalTails: inout [Double], threads: Int
) {
    let k = tables.components, J = tables.columns
    let termLength = tables.termLength, totalLength = tables.totalLength
    responsibilities.withUnsafeBufferPointer { rBuffer in
    tails.withUnsafeMutableBufferPointer { tailBuffer in
    totalTails.withUnsafeMutableBufferPointer { totalTailBuffer in
        guard let r = rBuffer.baseAddress, let tail = tailBuffer.baseAddress,
              let totalTail = totalTailBuffer.baseAddress else { return }
        forEachChunk(J + 1, threads: threads) { task in
            if task < J {
                let offset = tables.columnOffsets[task]
                let width = (task + 1 < J ? tables.columnOffsets[task + 1] : termLength) - offset
                var histogram = [Double](repeating: 0, count: k * width)
                for e in groups.columnStarts[task]..<groups.columnStarts[task + 1] {
                    let row = Int(groups.rows[e]), x = Int(groups.values[e])
                    for c in 0..<k { histogram[c * width + x] += r[row * k + c] }
                }
                for c in 0..<k {
                    var running = 0.0
                    let base = c * termLength + offset
                    tail[base + width - 1] = 0
                    var x = width - 1
                    while x >= 1 {
                        running += histogram[c * width + x]
                        tail[base + x - 1] = running
                        x -= 1
                    }
                }
            } else {
                var histogram = [Double](repeating: 0, count: k * totalLength)
                for row32 in groups.totalOrder {
                    let row = Int(row32), total = Int(groups.totalOfRow[row])
                    for c in 0..<k { histogram[c * totalLength + total] += r[row * k + c] }
                }
                for c in 0..<k {
                    var running = 0.0
                    let base = c * totalLength
                    totalTail[base + totalLength - 1] = 0
                    var t = totalLength - 1
                    while t >= 1 {
                        running += histogram[c * totalLength + t]
                        totalTail[base + t - 1] = running
                        t -= 1
                    }
                }
            }
        }
    }}}
}

/// M-step for α: Minka's fixed point for the Dirichlet-multinomial (Minka 2000, "Estimating a
/// Dirichlet distribution", eq. 55), per component c with weights r_ic:
///
///     α_cj ← α_cj · Σ_i r_ic [ψ(x_ij + α_cj) − ψ(α_cj)] / Σ_i r_ic [ψ(n_i + A_c) − ψ(A_c)]
///
/// evaluated on the tail sums, `iterations` times or until no α moves by more than 1e-10
/// relatively. α is floored at `LatentClass.minimumAlpha`; a component with no weight keeps its α.
func updateAlpha(
    alpha: inout [Double], tables: DirichletMultinomialTables, tails: [Double], totalTails: [Double], iterations: Int
) {
    let k = tables.components, J = tables.columns
    for c in 0..<k {
        for _ in 0..<iterations {
            var concentration = 0.0
            for j in 0..<J { concentration += alpha[c * J + j] }
            var denominator = 0.0
            let totalBase = c * tables.totalLength
            for t in 0..<(tables.totalLength - 1) { denominator += totalTails[totalBase + t] / (concentration + Double(t)) }
            guard denominator > 0 else { break }
            var largestChange = 0.0
            for j in 0..<J {
                let a = alpha[c * J + j]
                let base = c * tables.termLength + tables.columnOffsets[j]
                let width = (j + 1 < J ? tables.columnOffsets[j + 1] : tables.termLength) - tables.columnOffsets[j]
                var numerator = 0.0
                for t in 0..<(width - 1) { numerator += tails[base + t] / (a + Double(t)) }
                let updated = max(a * numerator / denominator, LatentClass.minimumAlpha)
                largestChange = max(largestChange, abs(updated - a) / a)
                alpha[c * J + j] = updated
            }
            if largestChange < 1e-10 { break }
        }
    }
}
