#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Dirichlet-multinomial (Pólya) distribution of a count vector x with total n = Σ_j x_j:
///
///     ln p(x | α) = ln n! − Σ_j ln x_j!  +  lnΓ(A) − lnΓ(n + A)  +  Σ_j [lnΓ(x_j + α_j) − lnΓ(α_j)]
///
/// with A = Σ_j α_j, every α_j > 0. The first two terms (the multinomial coefficient) do not
/// depend on α; `coefficient` computes them, `DirichletMultinomialTables` the rest.
public enum DirichletMultinomial {
    /// ln p(x | α) evaluated directly with `lgamma`, term by term (the reference the tables are
    /// tested against; O(J) per call). - Precondition: `x.count == alpha.count`, x ≥ 0, α > 0.
    public static func logProbability(_ x: [Int], alpha: [Double]) -> Double {
        precondition(x.count == alpha.count, "x has \(x.count) entries, alpha \(alpha.count)")
        let n = x.reduce(0, +)
        let total = alpha.reduce(0, +)
        var value = lgamma(Double(n) + 1) + lgamma(total) - lgamma(Double(n) + total)
        for (j, count) in x.enumerated() {
            value += lgamma(Double(count) + alpha[j]) - lgamma(alpha[j]) - lgamma(Double(count) + 1)
        }
        return value
    }

    /// ln n! − Σ_j ln x_j! for every row of `counts` (zero counts contribute 0).
    public static func coefficients(_ counts: CountMatrix) -> [Double] {
        var out = [Double](repeating: 0, count: counts.rows)
        for i in 0..<counts.rows {
            var value: Double = lgamma(Double(counts.totals[i]) + 1)
            for e in counts.rowStarts[i]..<counts.rowStarts[i + 1] { value -= lgamma(Double(counts.counts[e]) + 1) as Double }
            out[i] = value
        }
        return out
    }
}

/// Cumulative log tables that turn each α-dependent term of the Dirichlet-multinomial
/// log-probability into one lookup, for k components at once.
///
/// For integer x ≥ 0, lnΓ(x + α) − lnΓ(α) = Σ_{t<x} ln(α + t) (from Γ(z + 1) = zΓ(z)), so
///
///     term[c][j][x] = Σ_{t<x} ln(α_cj + t)      for x in 0...max_j (the column's largest count)
///     total[c][n]   = Σ_{t<n} ln(A_c + t)       for n in 0...max n
///
/// and ln p(x | α_c) − coefficient = Σ_{j: x_j > 0} term[c][j][x_j] − total[c][n]: only the
/// non-zero counts contribute (term[·][·][0] = 0). Building costs k·(Σ_j max_j + max n) logs;
/// rebuild whenever α changes. Cumulative sums add one rounding per step (relative error about
/// x·2⁻⁵³ against `lgamma`, far below the 1e-9 the comparison script asks for).
struct DirichletMultinomialTables {
    let components: Int
    let columns: Int
    /// Start of column j's block within one component's `term` block; block length max_j + 1.
    let columnOffsets: [Int]
    /// Length of one component's `term` block: Σ_j (max_j + 1).
    let termLength: Int
    /// Length of one component's `total` block: max n + 1.
    let totalLength: Int
    var term: [Double]
    var total: [Double]

    init(columnMaxima: [Int], maximumTotal: Int, components: Int) {
        var offsets = [Int](repeating: 0, count: columnMaxima.count)
        var length = 0
        for (j, maximum) in columnMaxima.enumerated() {
            offsets[j] = length
            length += maximum + 1
        }
        self.components = components
        self.columns = columnMaxima.count
        self.columnOffsets = offsets
        self.termLength = length
        self.totalLength = maximumTotal + 1
        self.term = [Double](repeating: 0, count: components * length)
        self.total = [Double](repeating: 0, count: components * (maximumTotal + 1))
    }

    /// Refills the tables from `alpha` (components × columns, row-major, all > 0).
    mutating func fill(alpha: [Double]) {
        precondition(alpha.count == components * columns, "alpha has \(alpha.count) values, expected \(components * columns)")
        for c in 0..<components {
            var concentration = 0.0
            for j in 0..<columns {
                let a = alpha[c * columns + j]
                concentration += a
                let start = c * termLength + columnOffsets[j]
                let end = j + 1 < columns ? c * termLength + columnOffsets[j + 1] : (c + 1) * termLength
                var sum = 0.0
                term[start] = 0
                var t = 0
                for index in (start + 1)..<max(start + 1, end) {
                    sum += log(a + Double(t))
                    term[index] = sum
                    t += 1
                }
            }
            var sum = 0.0
            let base = c * totalLength
            total[base] = 0
            for n in 1..<max(1, totalLength) {
                sum += log(concentration + Double(n - 1))
                total[base + n] = sum
            }
        }
    }
}
