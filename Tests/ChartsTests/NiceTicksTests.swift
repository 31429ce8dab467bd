import Testing
@testable import Charts

@Suite("Nice ticks")
struct NiceTicksTests {
    @Test func unitIntervalGivesFifths() {
        #expect(niceTicks(lower: 0, upper: 1, count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func ninetySevenRoundsToTwenties() {
        #expect(niceTicks(lower: 0, upper: 97, count: 5) == [0, 20, 40, 60, 80, 100])
    }

    @Test func ticksCoverTheDomainAndAreEvenlySpaced() throws {
        for (lower, upper) in [(0.0, 1.0), (-3.7, 12.2), (1e-4, 3e-4), (12_345.0, 987_654.0), (-1e6, -2e5)] {
            let set = niceTickSet(lower: lower, upper: upper, count: 6)
            let ticks = set.values
            let first = try #require(ticks.first), last = try #require(ticks.last)
            #expect(first <= lower && last >= upper)
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                #expect(abs((b - a) - set.step) <= set.step * 1e-9)
            }
            #expect(ticks.count >= 3 && ticks.count <= 13)
        }
    }

    @Test func negativeRange() {
        #expect(niceTicks(lower: -10, upper: -1, count: 5) == [-10, -8, -6, -4, -2, 0])
        #expect(niceTicks(lower: -1, upper: 1, count: 5) == [-1, -0.5, 0, 0.5, 1])
    }

    @Test func reversedBoundsAreSwapped() {
        #expect(niceTicks(lower: 1, upper: 0, count: 5) == niceTicks(lower: 0, upper: 1, count: 5))
    }

    @Test func zeroWidthDomainDoesNotCrash() {
        let atZero = niceTicks(lower: 0, upper: 0, count: 5)
        #expect(atZero.count >= 2 && atZero.contains(0))
        let atFive = niceTicks(lower: 5, upper: 5, count: 5)
        #expect(atFive.count >= 2 && (atFive.first ?? 99) <= 5 && (atFive.last ?? -99) >= 5)
        #expect(atFive.allSatisfy { $0.isFinite })
    }

    @Test func nonFiniteOrTinyCountInput() {
        #expect(niceTicks(lower: .nan, upper: 1).isEmpty)
        #expect(niceTicks(lower: 0, upper: .infinity).isEmpty)
        #expect(niceTicks(lower: 0, upper: 10, count: 0).count >= 2)
    }

    @Test func decimalTicksHaveNoDrift() {
        let ticks = niceTicks(lower: 0.1, upper: 0.7, count: 7)
        #expect(ticks.contains(0.3) && ticks.contains(0.6))
    }

    @Test func farFromZeroDoesNotTrap() {
        let ticks = niceTicks(lower: 1e20, upper: 1e20 + 1e6, count: 5)
        #expect(ticks.allSatisfy { $0.isFinite })
    }

    @Test func logTicksAtPowersOfTen() {
        #expect(logTicks(lower: 1, upper: 100_000).values == [1, 10, 100, 1000, 10_000, 100_000])
    }

    @Test func logTicksAddTwoAndFiveOnShortRanges() {
        #expect(logTicks(lower: 1, upper: 100).values == [1, 2, 5, 10, 20, 50, 100])
    }

    @Test func logTicksThinLongRanges() {
        let ticks = logTicks(lower: 1e-6, upper: 1e12, count: 6).values
        #expect(ticks.count <= 8 && ticks.count >= 3)
    }

    @Test func logTicksRejectNonPositive() {
        #expect(logTicks(lower: 0, upper: 10).values.isEmpty)
        #expect(logTicks(lower: -1, upper: 10).values.isEmpty)
    }

    @Test func integerTicksAreIntegers() {
        let set = integerTicks(lower: 2, upper: 12, count: 12)
        #expect(set.values == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(integerTicks(lower: 1, upper: 3, count: 10).values == [1, 2, 3])
    }
}
