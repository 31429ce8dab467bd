#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How well one user's ranking found what the user went on to do (binary relevance):
///
///     P@3    = |relevant ∩ top 3| / 3
///     R@3    = |relevant ∩ top 3| / |relevant|
///     NDCG@5 = Σ_{r ≤ 5, item r relevant} 1/log2(r + 1)  /  Σ_{r ≤ min(|relevant|, 5)} 1/log2(r + 1)
///     hit@3  = 1 when any of the top 3 is relevant, else 0
///
/// (ranks r from 1). Sums of these over users, divided by the users, are the averages reported;
/// `+=` adds users. Undefined for a user with no relevant item: callers score only users with one.
public struct RankingMetrics: Sendable, Equatable {
    public var precisionAt3 = 0.0
    public var recallAt3 = 0.0
    public var ndcgAt5 = 0.0
    public var hitAt3 = 0.0

    public init() {}

    public init(precisionAt3: Double, recallAt3: Double, ndcgAt5: Double, hitAt3: Double) {
        self.precisionAt3 = precisionAt3
        self.recallAt3 = recallAt3
        self.ndcgAt5 = ndcgAt5
        self.hitAt3 = hitAt3
    }

    /// The names scripts read, in the order of `values`.
    public static let keys = ["p_at_3", "r_at_3", "ndcg_at_5", "hit_at_3"]

    public var values: [Double] { [precisionAt3, recallAt3, ndcgAt5, hitAt3] }

    /// 1/log2(r + 1) for r = 1…5, and its running sums (the ideal DCG of 1…5 relevant items).
    static let discounts: [Double] = (1...5).map { 1 / log2(Double($0) + 1) }
    static let idealDCG: [Double] = (0...5).map { count in discounts.prefix(count).reduce(0, +) }

    /// One user's metrics for the ranking `top[0..<ranked]` (best first) against the relevance
    /// mask `relevant[offset + column]`, which holds `relevantCount` ≥ 1 trues.
    public init(top: [Int32], ranked: Int, relevant: [Bool], offset: Int = 0, relevantCount: Int) {
        precondition(relevantCount >= 1, "ranking metrics need at least one relevant item")
        var inTop3 = 0
        var dcg = 0.0
        for rank in 0..<min(ranked, 5) where relevant[offset + Int(top[rank])] {
            if rank < 3 { inTop3 += 1 }
            dcg += Self.discounts[rank]
        }
        precisionAt3 = Double(inTop3) / 3
        recallAt3 = Double(inTop3) / Double(relevantCount)
        ndcgAt5 = dcg / Self.idealDCG[min(relevantCount, 5)]
        hitAt3 = inTop3 > 0 ? 1 : 0
    }

    public static func += (lhs: inout RankingMetrics, rhs: RankingMetrics) {
        lhs.precisionAt3 += rhs.precisionAt3
        lhs.recallAt3 += rhs.recallAt3
        lhs.ndcgAt5 += rhs.ndcgAt5
        lhs.hitAt3 += rhs.hitAt3
    }

    public static func - (lhs: RankingMetrics, rhs: RankingMetrics) -> RankingMetrics {
        RankingMetrics(precisionAt3: lhs.precisionAt3 - rhs.precisionAt3, recallAt3: lhs.recallAt3 - rhs.recallAt3,
                       ndcgAt5: lhs.ndcgAt5 - rhs.ndcgAt5, hitAt3: lhs.hitAt3 - rhs.hitAt3)
    }

    /// Every metric divided by `users` (0 for no users).
    public func mean(over users: Int) -> RankingMetrics {
        guard users > 0 else { return RankingMetrics() }
        let n = Double(users)
        return RankingMetrics(precisionAt3: precisionAt3 / n, recallAt3: recallAt3 / n, ndcgAt5: ndcgAt5 / n, hitAt3: hitAt3 / n)
    }
}
