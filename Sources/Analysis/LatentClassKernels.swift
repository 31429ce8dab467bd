#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The counts regrouped by column, built once per fit: the M-step's sufficient statistics are
/// responsibility-weighted histograms of the counts, and summing them column by column in this
/// fixed order makes them independent of the thread count.
///
/// Column j's entries are `rows[columnStarts[j]..<columnStarts[j+1]]`, rows ascending (so the
/// responsibilities are read in memory order), each with `valueIndex`: the position of its count
/// among the column's distinct counts `columnValues[columnValueStarts[j]..<columnValueStarts[j+1]]`
/// (ascending). `totalIndex[i]` is row i's total's position in the distinct totals `totalValues`.
/// Linear time: counting passes, no comparison sort.
struct CountGroups {
    let columnStarts: [Int]
    let rows: [Int32]
    let valueIndex: [Int32]
    let columnValueStarts: [Int]
    let columnValues: [Int32]
    let totalValues: [Int32]
    let totalIndex: [Int32]

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
        let maxima = counts.columnMaxima
        var valueStarts = [0]
        var distinct: [Int32] = []
        var index = [Int32](repeating: 0, count: values.count)
        for j in 0..<J {
            var position = [Int32](repeating: -1, count: maxima[j] + 1)
            for e in perColumn[j]..<perColumn[j + 1] { position[Int(values[e])] = 0 }
            let first = distinct.count
            for x in 0...maxima[j] where position[x] == 0 {
                position[x] = Int32(distinct.count - first)
                distinct.append(Int32(x))
            }
            for e in perColumn[j]..<perColumn[j + 1] { index[e] = position[Int(values[e])] }
            valueStarts.append(distinct.count)
        }
        var totalPosition = [Int32](repeating: -1, count: counts.maximumTotal + 1)
        for n in counts.totals { totalPosition[Int(n)] = 0 }
        var totals: [Int32] = []
        for n in 0...counts.maximumTotal where totalPosition[n] == 0 {
            totalPosition[n] = Int32(totals.count)
            totals.append(Int32(n))
        }
        self.columnStarts = perColumn
        self.rows = rows
        self.valueIndex = index
        self.columnValueStarts = valueStarts
        self.columnValues = distinct
        self.totalValues = totals
        self.totalIndex = counts.totals.map { totalPosition[Int($0)] }
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
    /// Σ_{i in g} r_ic per group g and component c (G × k, row-major; G = 1 without groups).
    var groupSizes: [Double]
}

/// E-step: responsibilities r_ic = π_c p(x_i|α_c) / Σ_c' π_c' p(x_i|α_c'), computed in log
/// space (log-sum-exp around the largest term), written to `responsibilities` (n × k, OUT).
///
/// `logWeights[g·k + c]` = ln π_{g,c}, the mixing weights of row group g (G × k; −∞ allowed
/// for an empty component); row i uses group `groups[i]`, or group 0 when `groups` is nil (then
/// G = 1 and `logWeights` has k entries). Rows are processed in fixed chunks, each chunk's sums in
/// row order and the chunks reduced in order: the result does not depend on `threads`.
func expectationStep(
    _ counts: CountMatrix, tables: DirichletMultinomialTables, logWeights: [Double], groups: [Int32]? = nil,
    coefficients: [Double], responsibilities: inout [Double], threads: Int
) -> ExpectationSums {
    let k = tables.components, n = counts.rows
    let groupCount = logWeights.count / max(k, 1)
    precondition(responsibilities.count == n * k, "responsibilities hold \(responsibilities.count), expected \(n * k)")
    precondition(logWeights.count == groupCount * k && groupCount >= 1, "logWeights hold \(logWeights.count), not G × \(k)")
    precondition(groups == nil || groups?.count == n, "groups hold \(groups?.count ?? 0), expected \(n)")
    precondition(groups != nil || groupCount == 1, "\(groupCount) groups of weights but no row groups")
    let rowGroups = groups ?? []
    let chunks = RowChunks(count: n, size: 4096)
    var partialLL = [Double](repeating: 0, count: chunks.chunkCount)
    var partialEntropy = [Double](repeating: 0, count: chunks.chunkCount)
    let stride = groupCount * k
    var partialSizes = [Double](repeating: 0, count: chunks.chunkCount * stride)
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
    rowGroups.withUnsafeBufferPointer { groupBuffer in
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
        // An empty array may still have a base address: only use it when there are groups.
        let rowGroup = groups == nil ? nil : groupBuffer.baseAddress
        guard let r, let totals, let coefficient else { return }
        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
            let logp = UnsafeMutablePointer<Double>.allocate(capacity: k)
            let sizes = UnsafeMutablePointer<Double>.allocate(capacity: stride)
            sizes.initialize(repeating: 0, count: stride)
            logp.initialize(repeating: 0, count: k)
            defer {
                logp.deallocate()
                sizes.deallocate()
            }
            var chunkLL = 0.0, chunkEntropy = 0.0
            for i in chunks.range(chunk) {
                let lo = starts[i], hi = starts[i + 1], nTotal = Int(totals[i])
                let weightBase = rowGroup.map { Int($0[i]) * k } ?? 0
                var largest = -Double.infinity
                for c in 0..<k {
                    var s = lw[weightBase + c] - total[c * totalLength + nTotal]
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
                    sizes[weightBase + c] += value
                    if value > 0 { chunkEntropy -= value * logR }
                }
            }
            ll[chunk] = chunkLL
            ent[chunk] = chunkEntropy
            for index in 0..<stride { sz[chunk * stride + index] = sizes[index] }
        }
    }}}}}}}}}}}}}}
    var groupSizes = [Double](repeating: 0, count: stride)
    for chunk in 0..<chunks.chunkCount {
        for index in 0..<stride { groupSizes[index] += partialSizes[chunk * stride + index] }
    }
    var sizes = [Double](repeating: 0, count: k)
    for g in 0..<groupCount {
        for c in 0..<k { sizes[c] += groupSizes[g * k + c] }
    }
    return ExpectationSums(
        logLikelihood: partialLL.reduce(0, +), entropy: partialEntropy.reduce(0, +), sizes: sizes, groupSizes: groupSizes
    )
}

/// Responsibility-weighted tail sums, the M-step's sufficient statistics, at the distinct
/// values only (OUT): with v_1 < v_2 < … the distinct non-zero counts of column j,
/// `tails[c·columnValueCount + columnValueStarts[j] + i] = Σ_r r_rc [x_rj ≥ v_i]`, and likewise
/// `totalTails` over the distinct totals.
///
/// Since ψ(x + α) − ψ(α) = Σ_{t<x} 1/(α + t), Σ_r r_r (ψ(x_r + α) − ψ(α)) = Σ_i S_i · Σ_{v_{i−1} ≤ t < v_i} 1/(α + t)
/// (v_0 = 0): the fixed point never touches the rows again, and costs one term per distinct
/// value. One task per column (and one for the totals), each summing its rows in the fixed order
/// of `CountGroups`: thread-independent.
func tailSums(groups: CountGroups, k: Int, responsibilities: [Double], tails: inout [Double], totalTails: inout [Double], threads: Int) {
    let J = groups.columnStarts.count - 1
    let valueCount = groups.columnValues.count, totalCount = groups.totalValues.count
    responsibilities.withUnsafeBufferPointer { rBuffer in
    tails.withUnsafeMutableBufferPointer { tailBuffer in
    totalTails.withUnsafeMutableBufferPointer { totalTailBuffer in
        guard let r = rBuffer.baseAddress else { return }
        let tail = tailBuffer.baseAddress, totalTail = totalTailBuffer.baseAddress
        forEachChunk(J + 1, threads: threads) { task in
            if task < J {
                guard let tail else { return }
                let first = groups.columnValueStarts[task], width = groups.columnValueStarts[task + 1] - first
                guard width > 0 else { return }
                var histogram = [Double](repeating: 0, count: k * width)
                histogram.withUnsafeMutableBufferPointer { h in
                    groups.rows.withUnsafeBufferPointer { rows in
                        groups.valueIndex.withUnsafeBufferPointer { index in
                            for e in groups.columnStarts[task]..<groups.columnStarts[task + 1] {
                                let row = Int(rows[e]), d = Int(index[e])
                                for c in 0..<k { h[c * width + d] += r[row * k + c] }
                            }
                        }
                    }
                }
                for c in 0..<k {
                    var running = 0.0
                    var i = width - 1
                    while i >= 0 {
                        running += histogram[c * width + i]
                        tail[c * valueCount + first + i] = running
                        i -= 1
                    }
                }
            } else {
                guard let totalTail, totalCount > 0 else { return }
                var histogram = [Double](repeating: 0, count: k * totalCount)
                histogram.withUnsafeMutableBufferPointer { h in
                    groups.totalIndex.withUnsafeBufferPointer { index in
                        for row in 0..<index.count {
                            let d = Int(index[row])
                            for c in 0..<k { h[c * totalCount + d] += r[row * k + c] }
                        }
                    }
                }
                for c in 0..<k {
                    var running = 0.0
                    var i = totalCount - 1
                    while i >= 0 {
                        running += histogram[c * totalCount + i]
                        totalTail[c * totalCount + i] = running
                        i -= 1
                    }
                }
            }
        }
    }}}
}

/// Σ_{t=a}^{b−1} 1/(α + t): summed directly for short runs, as ψ(α + b) − ψ(α + a) for long ones.
@inline(__always)
func reciprocalRun(_ alpha: Double, from a: Int, to b: Int) -> Double {
    if b - a <= 24 {
        var sum = 0.0
        for t in a..<b { sum += 1 / (alpha + Double(t)) }
        return sum
    }
    return digamma(alpha + Double(b)) - digamma(alpha + Double(a))
}

/// ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic
/// series ln x − 1/(2x) − Σ B_2n / (2n x^2n) to x⁻¹⁰ (absolute error below 1e-13 after the
/// recurrence's roundings; the fixed point needs far less).
func digamma(_ x: Double) -> Double {
    var value = x, shift = 0.0
    while value < 10 {
        shift -= 1 / value
        value += 1
    }
    let inverse = 1 / value, inverse2 = inverse * inverse
    let series = inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 / 132))))
    return shift + log(value) - 0.5 * inverse - series
}

/// M-step for α: Minka's fixed point for the Dirichlet-multinomial (Minka 2000, "Estimating a
/// Dirichlet distribution", eq. 55), per component c with weights r_ic:
///
///     α_cj ← α_cj · Σ_i r_ic [ψ(x_ij + α_cj) − ψ(α_cj)] / Σ_i r_ic [ψ(n_i + A_c) − ψ(A_c)]
///
/// evaluated on the tail sums, each of the first `LatentClassPrecision.stepsPerMStep` sweeps followed
/// by one safeguarded Newton step on the precision
/// s = Σ_j α_j at fixed mean α/s (`LatentClassPrecision`: reaches the large s of data without
/// over-dispersion geometrically, bounded by `LatentClassPrecision.maximumPrecision`), `iterations`
/// times or until no α moves by more than 1e-10 relatively. Neither step lowers the M-step
/// objective, so EM stays monotone. α is floored at `LatentClass.minimumAlpha`; a component with
/// no weight keeps its α.
func updateAlpha(alpha: inout [Double], groups: CountGroups, k: Int, tails: [Double], totalTails: [Double], iterations: Int) {
    let J = groups.columnStarts.count - 1
    let valueCount = groups.columnValues.count, totalCount = groups.totalValues.count
    for c in 0..<k {
        for iteration in 0..<iterations {
            var concentration = 0.0
            for j in 0..<J { concentration += alpha[c * J + j] }
            var denominator = 0.0
            var previous = 0
            for i in 0..<totalCount {
                let v = Int(groups.totalValues[i])
                denominator += totalTails[c * totalCount + i] * reciprocalRun(concentration, from: previous, to: v)
                previous = v
            }
            guard denominator > 0 else { break }
            var largestChange = 0.0
            for j in 0..<J {
                let a = alpha[c * J + j]
                var numerator = 0.0
                previous = 0
                for i in groups.columnValueStarts[j]..<groups.columnValueStarts[j + 1] {
                    let v = Int(groups.columnValues[i])
                    numerator += tails[c * valueCount + i] * reciprocalRun(a, from: previous, to: v)
                    previous = v
                }
                let updated = max(a * numerator / denominator, LatentClass.minimumAlpha)
                largestChange = max(largestChange, abs(updated - a) / a)
                alpha[c * J + j] = updated
            }
            // The precision step evaluates logs (f itself) for its safeguard: ~10× a sweep's cost,
            // so only the first `LatentClassPrecision.stepsPerMStep` sweeps get one.
            let precisionChange = iteration < LatentClassPrecision.stepsPerMStep
                ? LatentClassPrecision.step(alpha: &alpha, c: c, groups: groups, tails: tails, totalTails: totalTails)
                : LatentClassPrecision.bound(alpha: &alpha, c: c, columns: J)
            if max(largestChange, precisionChange) < 1e-10 { break }
        }
    }
}
