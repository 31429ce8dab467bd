import Randomness
import Testing
@testable import Population

/// The interactions the seed generates (generator v2): their period, their agreement with the
/// like rows, and the dynamics the model promises (weekly rhythm, kinds by persona, drift,
/// seasons), each checked with margins far beyond sampling noise at the sizes used.
@Suite("Interactions")
struct InteractionTests {
    static let asOf = CivilCalendar.days(year: 2026, month: 12, day: 1) * CivilCalendar.secondsPerDay - 1
    static let timeline = InteractionModel(days: 365, asOf: asOf)
    static let sample: UserBatch = generate(seed: 3, 1..<5_001)

    static func generate(seed: UInt64, _ ids: Range<Int64>, timeline: InteractionModel = timeline) -> UserBatch {
        var batch = UserBatch(reservingUsers: ids.count)
        PopulationModel.standard.generate(seed: seed, ids: ids, timeline: timeline, into: &batch)
        return batch
    }

    /// Every interaction as a tuple, ordered by user then key: how a batch is compared whatever its split.
    static func rows(_ batch: UserBatch) -> [[Int64]] {
        let r = batch.interactions
        var rows: [[Int64]] = []
        for i in 0..<r.count {
            let row: [Int64] = [r.userIDs[i], Int64(r.days[i]), Int64(r.seconds[i]), Int64(r.kinds[i]), Int64(r.subcategoryIDs[i]),
                                Int64(r.ordinals[i]), Int64(r.keywords[i])]
            rows.append(row)
        }
        return rows.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func theCalendarRoundTripsAndKnowsItsWeekdays() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.weekday(ofDay: 0) == 3)  // Thursday
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.isoDate(ofDay: CivilCalendar.days(year: 2024, month: 2, day: 29)) == "2024-02-29")
        #expect(CivilCalendar.weekday(ofDay: CivilCalendar.days(year: 2026, month: 12, day: 7)) == 0)  // a Monday
        for day in stride(from: Int64(0), through: 2_932_896, by: 997) {
            let (y, m, d) = CivilCalendar.date(ofDay: day)
            #expect(CivilCalendar.days(year: y, month: m, day: d) == day)
        }
        #expect(CivilCalendar.isoDateTime(ofSecond: 1_796_083_199) == "2026-11-30T23:59:59Z")
    }

    @Test func theSameSeedGivesTheSameInteractionsWhateverTheSplit() {
        let whole = Self.generate(seed: 9, 1..<201)
        var split = Self.generate(seed: 9, 1..<77)
        let rest = Self.generate(seed: 9, 77..<201)
        #expect(Self.rows(whole) == Self.rows(split) + Self.rows(rest))
        split = Self.generate(seed: 10, 1..<201)
        #expect(Self.rows(split) != Self.rows(whole))
        #expect(whole.personaChanges == Self.generate(seed: 9, 1..<77).personaChanges + rest.personaChanges)
    }

    @Test func aBatchIsInTheTablesKeyOrder() {
        let rows = Self.sample.interactions
        for index in 1..<rows.count {
            let a = [Int64(rows.days[index - 1]), rows.userIDs[index - 1], Int64(rows.seconds[index - 1]), Int64(rows.kinds[index - 1]),
                     Int64(rows.subcategoryIDs[index - 1]), Int64(rows.ordinals[index - 1])]
            let b = [Int64(rows.days[index]), rows.userIDs[index], Int64(rows.seconds[index]), Int64(rows.kinds[index]),
                     Int64(rows.subcategoryIDs[index]), Int64(rows.ordinals[index])]
            guard a.lexicographicallyPrecedes(b) else {
                Issue.record("row \(index) \(b) does not follow \(a)")
                return
            }
        }
    }

    @Test func everyInteractionIsInThePeriodAndTheLikesAgreeWithTheLikeRows() {
        let batch = Self.sample
        let rows = batch.interactions
        var likes: [Int64: [Int32: Int32]] = [:]
        for index in 0..<rows.count {
            let moment = Int64(rows.days[index]) * 86_400 + Int64(rows.seconds[index])
            #expect(moment > Self.asOf - 365 * 86_400 && moment <= Self.asOf)
            #expect((1...4).contains(rows.kinds[index]))
            #expect((rows.keywords[index] >= 0) == (rows.kinds[index] == 4))
            if rows.kinds[index] == 1 { likes[rows.userIDs[index], default: [:]][rows.subcategoryIDs[index], default: 0] += 1 }
        }
        var fromRows: [Int64: [Int32: Int32]] = [:]
        for index in 0..<batch.likeRowCount {
            fromRows[batch.likeUserIDs[index], default: [:]][batch.likeSubcategoryIDs[index]] = batch.likeCounts[index]
        }
        #expect(likes == fromRows)
        for (index, id) in batch.ids.enumerated() {
            #expect(Int32(likes[id]?.values.reduce(0, +) ?? 0) == batch.likedPosts[index])
        }
        // About 89 interactions per active user, as documented (65 likes and a third more).
        let perUser = Double(rows.count) / Double(batch.userCount)
        #expect(perUser > 75 && perUser < 100, "\(perUser) interactions per user")
    }

    @Test func weekendsAreBusierThanMidweek() {
        var perWeekday = [Int](repeating: 0, count: 7)
        for day in Self.sample.interactions.days { perWeekday[CivilCalendar.weekday(ofDay: Int64(day))] += 1 }
        // Weights 1.15 (Saturday) against 0.90 (Tuesday): 28 % more, on ~60,000 interactions a day.
        #expect(Double(perWeekday[5]) > 1.15 * Double(perWeekday[1]), "\(perWeekday)")
    }

    @Test func kindsFollowThePersona() {
        // Searches per like: foodies 0.25, sports fans 0.08 (persona at the end; drift moves 10 %).
        var likes = [Int](repeating: 0, count: 5), searches = [Int](repeating: 0, count: 5)
        var personaOf: [Int64: Int] = [:]
        for (index, id) in Self.sample.ids.enumerated() { personaOf[id] = Int(Self.sample.personaIDs[index]) }
        let rows = Self.sample.interactions
        for index in 0..<rows.count {
            let persona = personaOf[rows.userIDs[index]] ?? 0
            if rows.kinds[index] == 1 { likes[persona] += 1 }
            if rows.kinds[index] == 4 { searches[persona] += 1 }
        }
        let foodies = Double(searches[3]) / Double(likes[3]), sports = Double(searches[1]) / Double(likes[1])
        #expect(foodies > 2 * sports, "searches per like: foodies \(foodies), sports fans \(sports)")
    }

    @Test func aTenthOfUsersDriftAndTheirRecentInterestsFollowTheNewPersona() {
        let batch = Self.sample
        let active = batch.likedPosts.filter { $0 > 0 }.count
        let share = Double(batch.personaChanges.count) / Double(active)
        #expect(share > 0.08 && share < 0.12, "drift share \(share)")
        var index: [Int64: Int] = [:]
        for (row, id) in batch.ids.enumerated() { index[id] = row }
        // After the change, most likes fall in the new persona's category (home mass 8/(8 + 15/6) ≈ 0.76).
        var after = 0, afterInNew = 0
        let changes = Dictionary(uniqueKeysWithValues: batch.personaChanges.map { ($0.userID, $0) })
        let rows = batch.interactions
        for row in 0..<rows.count where rows.kinds[row] == 1 {
            guard let change = changes[rows.userIDs[row]] else { continue }
            let moment = Int64(rows.days[row]) * 86_400 + Int64(rows.seconds[row])
            guard moment >= change.at else { continue }
            after += 1
            if Catalog.categoryID(ofSubcategory: Int(rows.subcategoryIDs[row])) == Int(change.to) { afterInNew += 1 }
        }
        #expect(after > 1_000)
        #expect(Double(afterInNew) / Double(after) > 0.6, "\(afterInNew) of \(after) likes after a change in the new persona's category")
        for change in batch.personaChanges {
            #expect(change.from != change.to)
            #expect(batch.personaIDs[index[change.userID] ?? 0] == change.to)
        }
    }

    @Test func bakingPeaksInDecember() {
        // Baking (subcategory 11), amplitude 0.8, peak in December: weight 1.8 against 0.2 in June.
        var december = 0, june = 0, decemberAll = 0, juneAll = 0
        let rows = Self.sample.interactions
        for row in 0..<rows.count {
            let month = CivilCalendar.date(ofDay: Int64(rows.days[row])).month
            let baking = rows.subcategoryIDs[row] == 11
            if month == 12 { decemberAll += 1; if baking { december += 1 } }
            if month == 6 { juneAll += 1; if baking { june += 1 } }
        }
        #expect(Double(december) / Double(decemberAll) > 3 * Double(june) / Double(juneAll), "baking: Dec \(december)/\(decemberAll), Jun \(june)/\(juneAll)")
    }

    @Test func withoutATimelineTheLikesAreAsBefore() {
        var v1 = UserBatch(reservingUsers: 100)
        PopulationModel.standard.generate(seed: 4, ids: 1..<101, into: &v1)
        #expect(v1.interactions.count == 0 && v1.personaChanges.isEmpty)
        let v2 = Self.generate(seed: 4, 1..<101)
        // Identity, age, liked posts are drawn from the same streams either way.
        #expect(v1.usernames == v2.usernames && v1.ages == v2.ages && v1.likedPosts == v2.likedPosts)
    }
}
