#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each row's place in a fitted Dirichlet-multinomial mixture: the most probable component,
/// its posterior, the runner-up and its posterior.
public struct MixturePosteriors: Sendable, Equatable {
    /// Most probable component per row (lowest index on exact ties).
    public let labels: [Int32]
    /// Its posterior r_i,label in (0, 1].
    public let probabilities: [Double]
    /// Second most probable component, −1 when k = 1.
    public let runnerUp: [Int32]
    /// Its posterior (0 when k = 1).
    public let runnerUpProbabilities: [Double]
}

/// The posteriors of rows under a fixed mixture, by the fit's own E-step (same tables, same
/// log-sum-exp), so a row the mixture was fitted on gets its fitted posterior back (to rounding
/// in the order of the components):
///
///     r_ic = π_{g_i,c} DM(x_i | α_c) / Σ_c' π_{g_i,c'} DM(x_i | α_c')
///
/// - Parameters:
///   - alpha: k × J concentrations, all finite and > 0.
///   - weights: G × k mixing weights, finite and ≥ 0, each row with one > 0 (G = 1 without a covariate).
///   - groups: each row's group in 0..<G; nil when G = 1.
/// - Throws: `lengthMismatch` when the sizes disagree; `invalidParameter` for a bad α, weight or group.
public func latentClassPosteriors(
    _ counts: CountMatrix, alpha: Matrix, weights: Matrix, groups: [Int32]?, threads: Int = Parallelism.activeProcessorCount
) throws -> MixturePosteriors {
    try Validation.requireThreads(threads)
    let k = alpha.rows
    guard k >= 1 else { throw AnalysisError.invalidParameter(name: "components", value: "0", requirement: ">= 1") }
    guard alpha.columns == counts.columns else {
        throw AnalysisError.lengthMismatch(name: "alpha columns", count: alpha.columns, expected: counts.columns)
    }
    guard weights.columns == k, weights.rows >= 1 else {
        throw AnalysisError.lengthMismatch(name: "weight columns", count: weights.columns, expected: k)
    }
    for (index, a) in alpha.values.enumerated() where !(a.isFinite && a > 0) {
        throw AnalysisError.invalidParameter(name: "alpha[\(index / k), \(index % k)]", value: "\(a)", requirement: "finite and > 0")
    }
    for (index, w) in weights.values.enumerated() where !(w.isFinite && w >= 0) {
        throw AnalysisError.invalidParameter(name: "weight[\(index / k), \(index % k)]", value: "\(w)", requirement: "finite and >= 0")
    }
    for g in 0..<weights.rows where !((0..<k).contains { weights[g, $0] > 0 }) {
        throw AnalysisError.invalidParameter(name: "weights[\(g)]", value: "all 0", requirement: "at least one > 0")
    }
    if let groups {
        guard groups.count == counts.rows else {
            throw AnalysisError.lengthMismatch(name: "groups", count: groups.count, expected: counts.rows)
        }
        if let bad = groups.first(where: { $0 < 0 || Int($0) >= weights.rows }) {
            throw AnalysisError.invalidParameter(name: "group", value: "\(bad)", requirement: "in 0..<\(weights.rows)")
        }
    } else if weights.rows != 1 {
        throw AnalysisError.lengthMismatch(name: "groups", count: 0, expected: counts.rows)
    }
    guard counts.rows > 0 else { return MixturePosteriors(labels: [], probabilities: [], runnerUp: [], runnerUpProbabilities: []) }
    var tables = DirichletMultinomialTables(columnMaxima: counts.columnMaxima, maximumTotal: counts.maximumTotal, components: k)
    tables.fill(alpha: alpha.values)
    var responsibilities = [Double](repeating: 0, count: counts.rows * k)
    _ = expectationStep(counts, tables: tables, logWeights: weights.values.map { log($0) }, groups: groups,
                        coefficients: [Double](repeating: 0, count: counts.rows), responsibilities: &responsibilities,
                        threads: threads)
    let summary = summarizePosteriors(responsibilities, k: k, rows: counts.rows, threads: threads)
    return MixturePosteriors(labels: summary.labels, probabilities: summary.probabilities, runnerUp: summary.runnerUp,
                             runnerUpProbabilities: summary.runnerUpProbabilities)
}
