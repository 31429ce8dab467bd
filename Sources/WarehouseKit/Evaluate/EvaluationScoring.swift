import Analysis
import Population
import WarehouseTables

/// Every ranker's metrics, summed per block of consecutive users (see `BlockBootstrap`).
///
/// For each user, each ranker gives a score per subcategory; the ranking is by score, ties by
/// popularity, then by subcategory id (`TopRanking`), and its top 5 are scored against the
/// user's relevant subcategories (`RankingMetrics`), in each variant the user belongs to.
/// Blocks are scored in parallel, each into its own sums: the result does not depend on the
/// thread count.
struct EvaluationScoring {
    /// What one block of users adds up.
    struct Block: Sendable {
        /// [variant][ranker], variants in `EvaluationVariant.allCases` order.
        var sums: [[RankingMetrics]]
        /// [variant]: users scored.
        var users: [Int]
    }

    /// The per-user scorers: rows of `inputs.fit`, with the fit's segments.
    struct Scorers: Sendable {
        let inputs: EvaluationInputs
        /// Per data row: the segment (0..<k), or −1 when the fit left the user out.
        let segmentOfRow: [Int32]
        /// (k + 1) × s: each segment's share of its members' counts, then the population's.
        let segmentShares: [Double]
        let model: PredictiveModel
        let planted: PredictiveModel?
    }

    let rankers: [Ranker]
    let blocks: [Block]

    init(_ scorers: Scorers, rankers: [Ranker], threads: Int) {
        let n = scorers.inputs.fit.userCount
        let count = min(n, EvaluationConfiguration.blocks)
        self.rankers = rankers
        blocks = Parallelism.map(count, threads: threads) { block in
            Self.score(rows: (block * n / count)..<((block + 1) * n / count), scorers, rankers: rankers)
        }
    }

    private static func score(rows: Range<Int>, _ scorers: Scorers, rankers: [Ranker]) -> Block {
        let inputs = scorers.inputs
        let s = inputs.fit.subcategories.count
        let variants = EvaluationVariant.allCases.count
        var block = Block(sums: [[RankingMetrics]](repeating: [RankingMetrics](repeating: RankingMetrics(), count: rankers.count), count: variants),
                          users: [Int](repeating: 0, count: variants))
        var scores = [Double](repeating: 0, count: s)
        var membership = [Double](repeating: 0, count: max(scorers.model.predictor.components, scorers.planted?.predictor.components ?? 0))
        var top = [Int32](repeating: 0, count: 5)
        var eligible = [Bool](repeating: false, count: s)
        var relevantNew = [Bool](repeating: false, count: s)
        for i in rows where inputs.relevantCounts[i] > 0 {
            var newCount = 0
            let variantIndexes: [Int]
            if inputs.anyBefore[i] {
                for j in 0..<s {
                    eligible[j] = !inputs.before[i * s + j]
                    relevantNew[j] = eligible[j] && inputs.relevant[i * s + j]
                    if relevantNew[j] { newCount += 1 }
                }
                variantIndexes = newCount > 0 ? [0, 1] : [0]
            } else {
                variantIndexes = [2]
            }
            for index in variantIndexes { block.users[index] += 1 }
            for (r, ranker) in rankers.enumerated() {
                fill(ranker, row: i, scorers, membership: &membership, into: &scores)
                for index in variantIndexes {
                    let isNew = index == 1
                    let ranked = TopRanking.top(scores, tieBreak: inputs.popularity, eligible: isNew ? eligible : nil, count: 5, into: &top)
                    block.sums[index][r] += isNew
                        ? RankingMetrics(top: top, ranked: ranked, relevant: relevantNew, relevantCount: newCount)
                        : RankingMetrics(top: top, ranked: ranked, relevant: inputs.relevant, offset: i * s,
                                         relevantCount: Int(inputs.relevantCounts[i]))
                }
            }
        }
        return block
    }

    /// Writes ranker `ranker`'s scores for data row `i` into `out`.
    private static func fill(_ ranker: Ranker, row i: Int, _ scorers: Scorers, membership: inout [Double], into out: inout [Double]) {
        let inputs = scorers.inputs, s = out.count
        let counts = inputs.fit.subcategoryLikes
        switch ranker {
        case .popularity:
            for j in 0..<s { out[j] = inputs.popularity[j] }
        case .history:
            for j in 0..<s { out[j] = counts[i * s + j] }
        case .segment:
            let segment = scorers.segmentOfRow[i] >= 0 ? Int(scorers.segmentOfRow[i]) : scorers.segmentShares.count / s - 1
            for j in 0..<s { out[j] = scorers.segmentShares[segment * s + j] }
        case .model:
            let model = scorers.model
            model.predictor.predict(counts, offset: i * s, group: model.group(age: inputs.fit.ages[i]), membership: &membership, into: &out)
        case .planted:
            guard let planted = scorers.planted else { return }
            planted.predictor.predict(counts, offset: i * s, group: planted.group(age: inputs.fit.ages[i], gender: inputs.fit.genderGroup(i)), membership: &membership, into: &out)
        case .oracle:
            let known = inputs.truth?.preference(userID: inputs.fit.userIDs[i], at: inputs.asOf, horizonSeconds: inputs.horizonSeconds,
                                                 into: &out) ?? false
            if !known { for j in 0..<s { out[j] = inputs.popularity[j] } }
        }
    }
}
