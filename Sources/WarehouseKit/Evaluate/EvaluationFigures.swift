import Analysis
import WarehouseTables

/// The figures of an evaluation: each ranker's mean metrics per variant, their 95% bootstrap
/// intervals, and their paired differences from the best baseline.
///
/// The best baseline of a variant and metric is the baseline (popularity, history, segment) with
/// the highest mean there (the first in that order on a tie). Intervals resample blocks of users
/// (`BlockBootstrap`), separately per variant (its own users); a difference is bootstrapped on
/// the per-block differences, so both rankers are scored on the same resampled users.
enum EvaluationFigures {
    static func compute(_ scoring: EvaluationScoring, resamples: Int, seed: UInt64) -> [EvaluationsTable.Metric] {
        let rankers = scoring.rankers, blocks = scoring.blocks
        let metricCount = RankingMetrics.keys.count
        var figures: [EvaluationsTable.Metric] = []
        for variant in EvaluationVariant.allCases {
            let v = variant.index
            let users = blocks.reduce(0) { $0 + $1.users[v] }
            let means = rankers.indices.map { r in
                blocks.reduce(into: RankingMetrics()) { $0 += $1.sums[v][r] }.mean(over: users).values
            }
            let best: [Int?] = (0..<metricCount).map { m in
                var choice: Int?
                for (r, ranker) in rankers.enumerated() where Ranker.baselines.contains(ranker) {
                    if choice.map({ means[r][m] > means[$0][m] }) ?? true { choice = r }
                }
                return choice
            }
            // Columns: for each ranker and metric, its value, then its difference from the best baseline.
            let columns = rankers.count * metricCount * 2
            var sums = [Double](repeating: 0, count: blocks.count * columns)
            for (b, block) in blocks.enumerated() {
                for r in rankers.indices {
                    let values = block.sums[v][r].values
                    for m in 0..<metricCount {
                        let column = (r * metricCount + m) * 2
                        sums[b * columns + column] = values[m]
                        if let reference = best[m] { sums[b * columns + column + 1] = values[m] - block.sums[v][reference].values[m] }
                    }
                }
            }
            let intervals = resamples > 0 && users > 0
                ? BlockBootstrap.intervals(sums: sums, columns: columns, users: blocks.map { $0.users[v] }, resamples: resamples,
                                           seed: seed &+ UInt64(v))
                : nil
            for (r, ranker) in rankers.enumerated() {
                for m in 0..<metricCount {
                    let column = (r * metricCount + m) * 2
                    let reference = best[m]
                    let compared = reference.map { rankers[$0] != ranker } ?? false
                    figures.append(EvaluationsTable.Metric(
                        variant: variant.rawValue, ranker: ranker.rawValue, metric: RankingMetrics.keys[m], users: users,
                        value: means[r][m], interval: intervals.map { $0[column].lower...max($0[column].lower, $0[column].upper) },
                        versus: reference.map { rankers[$0].rawValue },
                        difference: reference.map { means[r][m] - means[$0][m] },
                        differenceInterval: compared ? intervals.map { $0[column + 1].lower...max($0[column + 1].lower, $0[column + 1].upper) } : nil))
                }
            }
        }
        return figures
    }
}
