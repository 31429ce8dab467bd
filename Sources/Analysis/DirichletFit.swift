#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Dirichlet α of a group of count rows under the Dirichlet-multinomial (Pólya) model, by
/// maximum likelihood (Minka 2000, "Estimating a Dirichlet distribution", eq. 55):
///
///     α_j ← α_j · Σ_i [ψ(x_ij + α_j) − ψ(α_j)] / Σ_i [ψ(n_i + A) − ψ(A)],   A = Σ_j α_j, n_i = Σ_j x_ij
///
/// started from the method of moments and swept until no α_j moves by more than 1e-7
/// relatively (at most `maximumSweeps`). Counts may be real (weighted, decayed interactions):
/// the Pólya likelihood is a ratio of Gamma functions, defined for any x ≥ 0. Rows with n = 0
/// carry no information and are skipped. Beyond `maximumRows` rows an evenly strided subset is
/// used (the estimate then costs the same at any population size; α from 4,000 rows is within a
/// few per cent, far finer than the ranking it feeds can tell).
///
/// Invariants of the result: every α_j in [`minimumAlpha`, `maximumPrecision`], A ≤
/// `maximumPrecision` to rounding (data with no over-dispersion send A to infinity: the cap keeps
/// it finite).
public enum DirichletFit {
    public static let minimumAlpha = 1e-4
    public static let maximumPrecision = 1e6
    public static let maximumRows = 4_000
    public static let maximumSweeps = 200

    /// α for the rows `rows` of `counts` (row-major, `width` columns, every entry finite and ≥ 0).
    /// With no row holding any count, α is the uniform `width × [1]` (no information: a flat prior).
    public static func alpha(counts: [Double], width: Int, rows: [Int]) -> [Double] {
        precondition(width >= 1, "DirichletFit needs at least one column")
        var used: [Int] = []
        used.reserveCapacity(min(rows.count, maximumRows))
        let stride = max(1, (rows.count + maximumRows - 1) / maximumRows)
        var index = 0
        while index < rows.count {
            let row = rows[index]
            var total = 0.0
            for j in 0..<width { total += counts[row * width + j] }
            if total > 0 { used.append(row) }
            index += stride
        }
        guard !used.isEmpty else { return [Double](repeating: 1, count: width) }
        var alpha = momentsStart(counts: counts, width: width, rows: used)
        var numerator = [Double](repeating: 0, count: width)
        for _ in 0..<maximumSweeps {
            let precision = alpha.reduce(0, +)
            let psiPrecision = digamma(precision)
            var denominator = 0.0
            for j in 0..<width { numerator[j] = 0 }
            let psiAlpha = alpha.map(digamma)
            for row in used {
                var total = 0.0
                for j in 0..<width {
                    let x = counts[row * width + j]
                    total += x
                    if x > 0 { numerator[j] += digamma(x + alpha[j]) - psiAlpha[j] }
                }
                denominator += digamma(total + precision) - psiPrecision
            }
            guard denominator > 0, denominator.isFinite else { break }
            var largestMove = 0.0
            for j in 0..<width {
                let updated = min(max(alpha[j] * numerator[j] / denominator, minimumAlpha), maximumPrecision)
                largestMove = max(largestMove, abs(updated - alpha[j]) / alpha[j])
                alpha[j] = updated
            }
            cap(&alpha)
            if largestMove <= 1e-7 { break }
        }
        return alpha
    }

    /// The method-of-moments start: mean shares m_j = Σ_i x_ij / Σ_i n_i and the precision A
    /// that matches the pooled spread of the rows' shares, from
    /// E Σ_j n_i (x_ij/n_i − m_j)² = (1 − Σ_j m_j²)(n_i + A)/(1 + A). Rows that spread no more
    /// than multinomial draws would (the ratio below is at most the number of rows) show no
    /// over-dispersion: the likelihood rises towards A = ∞, and the fixed point, which climbs
    /// large A very slowly (from A = J, 200 sweeps reached A ≈ 80 on multinomial rows whose
    /// likelihood peaks beyond 10⁵), must start there: A = `maximumPrecision`. A = J when one
    /// column holds every count (no spread can be measured). α_j = A · m_j, floored at `minimumAlpha`.
    static func momentsStart(counts: [Double], width: Int, rows: [Int]) -> [Double] {
        var mean = [Double](repeating: 0, count: width)
        var grand = 0.0
        for row in rows {
            for j in 0..<width { mean[j] += counts[row * width + j] }
        }
        for j in 0..<width { grand += mean[j] }
        for j in 0..<width { mean[j] /= grand }
        let q = 1 - mean.reduce(0) { $0 + $1 * $1 }
        var spread = 0.0
        for row in rows {
            var total = 0.0
            for j in 0..<width { total += counts[row * width + j] }
            for j in 0..<width {
                let delta = counts[row * width + j] / total - mean[j]
                spread += total * delta * delta
            }
        }
        let ratio = q > 0 ? spread / q : 0
        let rowCount = Double(rows.count)
        var precision = Double(width)
        if ratio > rowCount {
            let estimate = (grand - ratio) / (ratio - rowCount)
            if estimate.isFinite && estimate > 0 { precision = min(max(estimate, 1e-2), maximumPrecision) }
        } else if q > 0 {
            precision = maximumPrecision
        }
        var alpha = mean.map { max($0 * precision, minimumAlpha) }
        cap(&alpha)
        return alpha
    }

    /// Scales α down to a total of `maximumPrecision` when it is above it, every α_j kept at or
    /// above `minimumAlpha`; what the floors add back is taken off the largest α_j (at least the
    /// cap / J, so it stays far above its floor). The total is then the cap, to rounding.
    static func cap(_ alpha: inout [Double]) {
        let sum = alpha.reduce(0, +)
        guard sum > maximumPrecision else { return }
        for j in alpha.indices { alpha[j] = max(alpha[j] * maximumPrecision / sum, minimumAlpha) }
        let excess = alpha.reduce(0, +) - maximumPrecision
        if excess > 0, let largest = alpha.indices.max(by: { alpha[$0] < alpha[$1] }) { alpha[largest] -= excess }
    }
}
