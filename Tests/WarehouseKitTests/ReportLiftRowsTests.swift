import Testing
@testable import WarehouseKit

/// The lift heatmap keeps a page of a large catalogue to a few MB: at most `liftRowLimit` rows,
/// the interests whose lift departs most from 1 (over- or under-liked) in some segment.
@Suite struct ReportLiftRowsTests {
    @Test func aSmallCatalogueShowsEveryInterest() {
        let ids = Array(1...20)
        #expect(RunCharts.liftRows(ids, lift: [:], k: 4) == Set(ids))
    }

    @Test func aLargeCatalogueShowsTheInterestsThatDepartMost() {
        let ids = Array(1...500)
        var lift: [Int: [Int: Double]] = [1: [:], 2: [:]]
        for id in ids { lift[1]![id] = 1.0; lift[2]![id] = 1.0 }
        // 25 over-liked in segment 1, 25 under-liked in segment 2 (1/x departs as far as x), one NaN.
        let over = Array(stride(from: 7, through: 500, by: 20).prefix(25))
        let under = over.map { $0 + 3 }
        for (rank, id) in over.enumerated() { lift[1]![id] = 2.0 + Double(rank) }
        for (rank, id) in under.enumerated() { lift[2]![id] = 1 / (2.0 + Double(rank)) }
        lift[1]![2] = .nan
        let shown = RunCharts.liftRows(ids, lift: lift, k: 2)
        #expect(shown.count == RunCharts.liftRowLimit)
        // The 40 largest |ln lift|: 2.0+r for r = 5…24 in each direction (ties: the lower id first).
        let expected = Set(over.suffix(20) + under.suffix(20))
        #expect(shown == expected)
        #expect(!shown.contains(2))
    }
}
