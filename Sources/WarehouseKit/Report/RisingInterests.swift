import Foundation
import WarehouseTables

/// What is rising for each segment lately: the interests whose members' positive interactions
/// grew most in the last 30 days against the 60 days before, relative to everyone's growth.
///
/// End moment E: the run's as-of (a windowed run), else the last moment of any interaction. Recent
/// range R = (E − 30 d, E], earlier range B = (E − 90 d, E − 30 d] (`RecentInterestCounts`). For
/// segment s and subcategory j, r = its members' positive interactions with j in R, b = in B; R_j,
/// B_j the same over every member of the run (everyone segmented, the report's filter applied).
/// - growth g = (r / 30) / (b / 60) − 1 = 2r / b − 1 (the daily rate against the 60 days before);
///   everyone's G_j = 2R_j / B_j − 1.
/// - relative growth ρ = (1 + g) / (1 + G_j) = (r / b) / (R_j / B_j).
/// - j is rising for s when r ≥ `minimumRecent` (20), b ≥ 1, the segment's own growth
///   g ≥ `minimumGrowth` (+10%: an interest that falls, even less than everyone's, is not rising), ρ ≥ `minimumRatio` (1.2) and
///   ln ρ ≥ 2 · √(1/r + 1/b): two standard errors of the log of a ratio of Poisson counts (the
///   segment's own noise; everyone's counts are far larger and ignored), so a jump of a few
///   interactions in a small segment does not stand out.
/// - Shown: up to `shown` (2) rising interests, highest ρ first (ties: lower subcategory id); none
///   is "nothing stands out".
/// Needs interactions from E − 90 d on: when the first interaction is later, the earlier range is
/// incomplete and the card says so instead of comparing.
struct RisingInterests: Sendable {
    struct Rising: Sendable, Equatable {
        let subcategoryID: Int
        /// g: the segment's growth, e.g. 0.35 for +35%.
        let growth: Double
        /// G_j: everyone's growth for the same interest.
        let everyoneGrowth: Double
        /// ρ = (1 + g) / (1 + G_j).
        let ratio: Double
        let recent: Int
        let earlier: Int
    }

    enum Status: Sendable, Equatable {
        /// The comparison was made (the list may be empty: nothing stands out).
        case compared
        /// Interactions start after E − 90 d: the moment they start (Unix seconds).
        case shortHistory(firstMoment: Int64)
    }

    static let recentDays: Int64 = 30
    static let earlierDays: Int64 = 60
    static let minimumRecent = 20
    static let minimumRatio = 1.2
    static let minimumGrowth = 0.1
    static let shown = 2

    /// E (Unix seconds).
    let end: Int64
    let status: Status
    /// `bySegment[s − 1]`: segment s's rising interests, at most `shown`.
    let bySegment: [[Rising]]

    /// Reads the counts of run `record`'s members `userIDs` (ascending) in `segments` (parallel):
    /// those the report's filter passes. nil when the warehouse holds no interaction.
    static func read(_ record: RunRecord, userIDs: [Int64], segments: [Int32], from store: WarehouseStore) throws -> RisingInterests? {
        guard let span = try InteractionsTable.span(store) else { return nil }
        let end = record.window?.asOf ?? span.upperBound
        let recent = recentDays * 86_400, earlier = earlierDays * 86_400
        guard span.lowerBound <= end - recent - earlier else {
            return RisingInterests(end: end, status: .shortHistory(firstMoment: span.lowerBound),
                                   bySegment: Array(repeating: [], count: record.k))
        }
        let counts = try RecentInterestCounts.read(userIDs: userIDs, segments: segments, k: record.k, end: end,
                                                   recentSeconds: recent, earlierSeconds: earlier, from: store)
        return RisingInterests(end: end, status: .compared, bySegment: rising(counts.cells, k: record.k))
    }

    /// The rising interests of each of segments 1…k from the counts, by the rule above.
    static func rising(_ cells: [RecentInterestCounts.Cell], k: Int) -> [[Rising]] {
        var everyone: [Int: (recent: Int, earlier: Int)] = [:]
        for cell in cells {
            let sum = everyone[cell.subcategoryID] ?? (0, 0)
            everyone[cell.subcategoryID] = (sum.recent + cell.recent, sum.earlier + cell.earlier)
        }
        var bySegment = [[Rising]](repeating: [], count: max(0, k))
        for cell in cells where cell.segment >= 1 && cell.segment <= k {
            guard cell.recent >= minimumRecent, cell.earlier >= 1, let all = everyone[cell.subcategoryID], all.recent > 0 else { continue }
            let r = Double(cell.recent), b = Double(cell.earlier)
            let ratio = (r / b) / (Double(all.recent) / Double(all.earlier))
            let noise = 2 * (1 / r + 1 / b).squareRoot()
            guard ratio.isFinite, ratio >= minimumRatio, 2 * r / b - 1 >= minimumGrowth, log(ratio) >= noise else { continue }
            bySegment[cell.segment - 1].append(Rising(
                subcategoryID: cell.subcategoryID, growth: 2 * r / b - 1,
                everyoneGrowth: 2 * Double(all.recent) / Double(all.earlier) - 1,
                ratio: ratio, recent: cell.recent, earlier: cell.earlier))
        }
        return bySegment.map { list in
            Array(list.sorted { $0.ratio != $1.ratio ? $0.ratio > $1.ratio : $0.subcategoryID < $1.subcategoryID }.prefix(shown))
        }
    }
}
