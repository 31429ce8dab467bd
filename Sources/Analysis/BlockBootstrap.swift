import Randomness

/// Percentile bootstrap intervals for means over users, resampling blocks of users.
///
/// Users are dealt into B blocks (the caller sums each block's per-user values and counts its
/// users). One resample draws B blocks with replacement; its estimate of a column's mean is
/// Σ_b sum_b / Σ_b users_b over the drawn blocks. The interval is the 2.5th and 97.5th
/// percentiles of `resamples` such estimates. With one user per block this is the ordinary
/// bootstrap of a mean; with blocks of iid users it is the same bootstrap at B/n of the cost
/// (a million users in 1,000 blocks), since block sums are themselves iid. Paired comparisons
/// bootstrap the column of per-block differences, so both sides see the same resampled users.
///
/// Deterministic: the draws depend only on `seed`.
public enum BlockBootstrap {
    /// Intervals (lower, upper) for each of the `columns` columns of `sums` (blocks × columns,
    /// row-major), block user counts `users`. Columns with no users give (0, 0).
    public static func intervals(sums: [Double], columns: Int, users: [Int], resamples: Int, seed: UInt64,
                                 level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        let blocks = users.count
        precondition(sums.count == blocks * columns, "sums must hold blocks × columns values")
        guard blocks > 0, resamples > 0, columns > 0 else { return Array(repeating: (0, 0), count: columns) }
        var generator = SplitMix64(seed: seed, 0xB007)
        var estimates = [Double](repeating: 0, count: resamples * columns)
        var totals = [Double](repeating: 0, count: columns)
        for resample in 0..<resamples {
            for c in 0..<columns { totals[c] = 0 }
            var drawnUsers = 0
            for _ in 0..<blocks {
                let b = generator.uniformIndex(below: blocks)
                drawnUsers += users[b]
                for c in 0..<columns { totals[c] += sums[b * columns + c] }
            }
            for c in 0..<columns { estimates[resample * columns + c] = drawnUsers > 0 ? totals[c] / Double(drawnUsers) : 0 }
        }
        let tail = (1 - level) / 2
        var column = [Double](repeating: 0, count: resamples)
        return (0..<columns).map { c in
            for r in 0..<resamples { column[r] = estimates[r * columns + c] }
            column.sort()
            return (percentile(column, tail), percentile(column, 1 - tail))
        }
    }

    /// The q-quantile of sorted `values`, linear between order statistics (numpy's default).
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        let position = q * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        let fraction = position - Double(below)
        return values[below] + (values[above] - values[below]) * fraction
    }
}
