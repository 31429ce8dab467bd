#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The posterior predictive of a Dirichlet-multinomial mixture: the chance that a user's next
/// interaction falls in each column, given the user's counts and group.
///
/// Components c = 1…k have Dirichlet concentrations α_c (A_c = Σ_j α_cj) and mixing weights
/// w_gc that depend on the user's group g (an age group; one group for plain mixing weights).
/// For counts x (real numbers ≥ 0 allowed, n = Σ_j x_j):
///
///     r_c ∝ w_gc · DM(x | α_c),   ln DM(x | α) = lnΓ(A) − lnΓ(n + A) + Σ_j [lnΓ(x_j + α_j) − lnΓ(α_j)]
///     p_j = Σ_c r_c (x_j + α_cj) / (n + A_c)
///
/// (the multinomial coefficient is common to all c and cancels in r). A user with no counts gets
/// the group's prior mean Σ_c w_gc α_cj / A_c; a heavy user's p tends to their own shares. Each
/// p sums to 1 over j.
public struct DirichletMixturePredictor: Sendable {
    public let components: Int
    public let width: Int
    /// components × width, row-major.
    let alpha: [Double]
    let precision: [Double]
    /// lnΓ(α_cj) and lnΓ(A_c), precomputed.
    let logGammaAlpha: [Double]
    let logGammaPrecision: [Double]
    /// groups × components: ln w_gc (−∞ for a weight of 0).
    let logWeights: [Double]
    public let groups: Int

    /// - Parameters:
    ///   - alpha: k × J concentrations, every one finite and > 0.
    ///   - groupWeights: G × k mixing weights per group, finite and ≥ 0, each row with a positive sum
    ///     (rows are normalised here).
    /// - Throws: `AnalysisError.invalidParameter` naming the first bad value.
    public init(alpha: Matrix, groupWeights: Matrix) throws {
        guard alpha.rows >= 1, alpha.columns >= 1 else {
            throw AnalysisError.invalidParameter(name: "alpha", value: "\(alpha.rows)×\(alpha.columns)", requirement: "at least 1×1")
        }
        guard groupWeights.columns == alpha.rows, groupWeights.rows >= 1 else {
            throw AnalysisError.lengthMismatch(name: "group weight columns", count: groupWeights.columns, expected: alpha.rows)
        }
        for (index, a) in alpha.values.enumerated() where !(a.isFinite && a > 0) {
            throw AnalysisError.invalidParameter(name: "alpha[\(index / alpha.columns), \(index % alpha.columns)]", value: "\(a)",
                                                 requirement: "finite and > 0")
        }
        let k = alpha.rows
        var logWeights = [Double](repeating: -.infinity, count: groupWeights.values.count)
        for g in 0..<groupWeights.rows {
            let row = groupWeights.values[(g * k)..<((g + 1) * k)]
            for (offset, w) in row.enumerated() where !(w.isFinite && w >= 0) {
                throw AnalysisError.invalidParameter(name: "weight[\(g), \(offset)]", value: "\(w)", requirement: "finite and >= 0")
            }
            let sum = row.reduce(0, +)
            guard sum > 0 else {
                throw AnalysisError.invalidParameter(name: "weights of group \(g)", value: "0", requirement: "a positive sum")
            }
            for c in 0..<k where groupWeights.values[g * k + c] > 0 { logWeights[g * k + c] = log(groupWeights.values[g * k + c] / sum) }
        }
        components = k
        width = alpha.columns
        groups = groupWeights.rows
        self.alpha = alpha.values
        precision = (0..<k).map { c in alpha.values[(c * alpha.columns)..<((c + 1) * alpha.columns)].reduce(0, +) }
        logGammaAlpha = alpha.values.map(logGamma)
        logGammaPrecision = precision.map(logGamma)
        self.logWeights = logWeights
    }

    /// Writes p (see the type) for the counts `counts[offset..<offset + width]` of a user in
    /// `group` into `out` (`width` values); `membership` (k values) receives r.
    /// - Precondition: 0 ≤ group < groups, counts ≥ 0, the buffers large enough.
    public func predict(_ counts: [Double], offset: Int = 0, group: Int, membership: inout [Double], into out: inout [Double]) {
        precondition(group >= 0 && group < groups, "group \(group) outside 0..<\(groups)")
        precondition(counts.count >= offset + width && out.count >= width && membership.count >= components, "buffers too small")
        let J = width, k = components
        var n = 0.0
        for j in 0..<J { n += counts[offset + j] }
        var best = -Double.infinity
        for c in 0..<k {
            var value = logWeights[group * k + c]
            if value > -.infinity {
                value += logGammaPrecision[c] - logGamma(n + precision[c])
                for j in 0..<J where counts[offset + j] > 0 {
                    value += logGamma(counts[offset + j] + alpha[c * J + j]) - logGammaAlpha[c * J + j]
                }
            }
            membership[c] = value
            best = max(best, value)
        }
        var sum = 0.0
        for c in 0..<k {
            membership[c] = membership[c] > -.infinity ? exp(membership[c] - best) : 0
            sum += membership[c]
        }
        for j in 0..<J { out[j] = 0 }
        for c in 0..<k {
            let r = membership[c] / sum
            membership[c] = r
            guard r > 0 else { continue }
            let scale = r / (n + precision[c])
            for j in 0..<J { out[j] += scale * (counts[offset + j] + alpha[c * J + j]) }
        }
    }
}

/// lnΓ(x) for x > 0, through the reentrant `lgamma_r` (plain `lgamma` writes the global `signgam`,
/// a data race when rows are scored on several threads).
@inline(__always)
func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
}
