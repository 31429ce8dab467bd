#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Bayes-optimal classifier of a known Dirichlet-multinomial mixture whose mixing weights
/// depend on a group (e.g. the age group): row i of group g goes to
///
///     argmax_p  ln w_gp + ln DM(x_i | α_p)
///
/// (the posterior mode; the multinomial coefficient is common to all p and left out). No rule
/// that sees only x_i and g classifies more rows correctly in expectation, so its agreement with
/// the true classes is the ceiling for any segmentation of the same data.
///
/// - Parameters:
///   - alpha: P × J concentrations (all > 0), row p = class p.
///   - groupWeights: G × P class probabilities per group (rows sum to 1; a 0 excludes the class).
///   - groups: each row's group in 0..<G.
/// - Returns: each row's class in 0..<P (lowest index on exact ties) and its posterior probability.
/// - Throws: `lengthMismatch` when `groups` or the matrices disagree in size; `invalidParameter`
///   for α ≤ 0 or non-finite, a weight < 0 or non-finite, or a group outside 0..<G.
public func bayesClassify(
    _ counts: CountMatrix, groups: [Int32], alpha: Matrix, groupWeights: Matrix,
    threads: Int = Parallelism.activeProcessorCount
) throws -> (labels: [Int32], probabilities: [Double]) {
    try Validation.requireThreads(threads)
    guard alpha.columns == counts.columns else {
        throw AnalysisError.lengthMismatch(name: "alpha columns", count: alpha.columns, expected: counts.columns)
    }
    guard alpha.rows >= 1 else { throw AnalysisError.invalidParameter(name: "classes", value: "0", requirement: ">= 1") }
    guard groupWeights.columns == alpha.rows else {
        throw AnalysisError.lengthMismatch(name: "group weight columns", count: groupWeights.columns, expected: alpha.rows)
    }
    guard groups.count == counts.rows else {
        throw AnalysisError.lengthMismatch(name: "groups", count: groups.count, expected: counts.rows)
    }
    for (index, a) in alpha.values.enumerated() where !(a.isFinite && a > 0) {
        throw AnalysisError.invalidParameter(name: "alpha[\(index / alpha.columns), \(index % alpha.columns)]", value: "\(a)", requirement: "finite and > 0")
    }
    for (index, w) in groupWeights.values.enumerated() where !(w.isFinite && w >= 0) {
        throw AnalysisError.invalidParameter(name: "weight[\(index / groupWeights.columns), \(index % groupWeights.columns)]", value: "\(w)", requirement: "finite and >= 0")
    }
    if let bad = groups.first(where: { $0 < 0 || Int($0) >= groupWeights.rows }) {
        throw AnalysisError.invalidParameter(name: "group", value: "\(bad)", requirement: "in 0..<\(groupWeights.rows)")
    }
    let P = alpha.rows, n = counts.rows
    var tables = DirichletMultinomialTables(columnMaxima: counts.columnMaxima, maximumTotal: counts.maximumTotal, components: P)
    tables.fill(alpha: alpha.values)
    let logWeights = groupWeights.values.map { log($0) }
    var labels = [Int32](repeating: 0, count: n)
    var probabilities = [Double](repeating: 0, count: n)
    let chunks = RowChunks(count: n, size: 4096)
    labels.withUnsafeMutableBufferPointer { labelBuffer in
        probabilities.withUnsafeMutableBufferPointer { probabilityBuffer in
            guard let l = labelBuffer.baseAddress, let q = probabilityBuffer.baseAddress else { return }
            forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                var logp = [Double](repeating: 0, count: P)
                for i in chunks.range(chunk) {
                    let g = Int(groups[i]), total = Int(counts.totals[i])
                    var bestClass = 0
                    for p in 0..<P {
                        var s = logWeights[g * P + p] - tables.total[p * tables.totalLength + total]
                        let block = p * tables.termLength
                        for e in counts.rowStarts[i]..<counts.rowStarts[i + 1] {
                            s += tables.term[block + tables.columnOffsets[Int(counts.columnIndices[e])] + Int(counts.counts[e])]
                        }
                        logp[p] = s
                        if s > logp[bestClass] { bestClass = p }
                    }
                    var sum = 0.0
                    for p in 0..<P { sum += exp(logp[p] - logp[bestClass]) }
                    l[i] = Int32(bestClass)
                    q[i] = 1 / sum
                }
            }
        }
    }
    return (labels, probabilities)
}
