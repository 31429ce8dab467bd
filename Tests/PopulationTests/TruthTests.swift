import Randomness
import Testing
@testable import Population

/// The planted truth (`PopulationModel.preference(seed:userID:…)`) against the generator it is
/// recomputed from: the same persona switch as the reported `PersonaChange`s, the same
/// preference vectors as the streams give, the generator's month rule, and interactions that
/// follow it.
@Suite("Truth")
struct TruthTests {
    static let model = PopulationModel.standard
    static let day = CivilCalendar.secondsPerDay
    /// 2026-11-30T23:59:59Z, the seed's default as-of: the day slots end at 23:59:59.
    static let asOf = CivilCalendar.days(year: 2026, month: 12, day: 1) * day - 1
    static let timeline = InteractionModel(days: 365, asOf: asOf)

    static func truth(seed: UInt64, user: Int64, at moment: Int64, horizon: Int64 = 30 * day,
                      timeline: InteractionModel = timeline) -> (persona: Int, shares: [Double])? {
        var out = [Double](repeating: -1, count: model.subcategories.count)
        guard let persona = model.preference(seed: seed, userID: user, timeline: timeline, at: moment, horizonSeconds: horizon, into: &out) else {
            return nil
        }
        return (persona, out)
    }

    /// The generator's own draw of a preference: from `field`'s stream with persona id `persona`'s α.
    static func drawn(seed: UInt64, user: Int64, persona: Int32, field: UserField) -> [Double] {
        var p = [Double](repeating: 0, count: model.subcategories.count)
        var stream = UserStreams(seed: seed, userID: user).stream(field)
        model.dirichlets[Int(persona) - 1].sample(into: &p, using: &stream)
        return p
    }

    /// The largest difference of two vectors' entries.
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func thePersonaSwitchesExactlyWhenTheGeneratorSaysItDoes() throws {
        var batch = UserBatch(reservingUsers: 2_000)
        Self.model.generate(seed: 3, ids: 1..<2_001, timeline: Self.timeline, into: &batch)
        let changes = Dictionary(uniqueKeysWithValues: batch.personaChanges.map { ($0.userID, $0) })
        #expect(changes.count > 100)
        let flat = InteractionModel(days: 365, asOf: Self.asOf, seasons: [])
        for (row, user) in batch.ids.enumerated() {
            let atEnd = Self.truth(seed: 3, user: user, at: Self.asOf)
            guard batch.likedPosts[row] > 0 else {
                #expect(atEnd == nil, "user \(user) has no liked posts, so no preference")
                continue
            }
            #expect(atEnd?.persona == Int(batch.personaIDs[row]), "user \(user)")
            let start = Self.timeline.periodStart
            guard let change = changes[user] else {
                #expect(Self.truth(seed: 3, user: user, at: start)?.persona == Int(batch.personaIDs[row]))
                continue
            }
            // Before the change the first preference, from the change on the drifted one (no seasons: p itself).
            let before = try #require(Self.truth(seed: 3, user: user, at: change.at - 1, horizon: 1, timeline: flat))
            let after = try #require(Self.truth(seed: 3, user: user, at: change.at, horizon: 1, timeline: flat))
            #expect(before.persona == Int(change.from) && after.persona == Int(change.to), "user \(user): \(change)")
            #expect(Self.distance(before.shares, Self.drawn(seed: 3, user: user, persona: change.from, field: .preference)) < 1e-14)
            #expect(Self.distance(after.shares, Self.drawn(seed: 3, user: user, persona: change.to, field: .driftPreference)) < 1e-14)
        }
    }

    @Test func monthSharesFollowTheGeneratorsSlots() {
        let t = Self.timeline
        let october31 = CivilCalendar.days(year: 2026, month: 10, day: 31) * Self.day
        // Slots end at 23:59:59; a slot's month is that of its midpoint (about noon of its last day).
        let halves = t.monthShares(after: october31 - 1, seconds: 2 * Self.day)
        #expect(halves[10] == 0.5 && halves[11] == 0.5)
        let noon = t.monthShares(after: october31 + Self.day / 2, seconds: Self.day)
        #expect(halves.sum() == 1 && noon[10] == 43_199.0 / 86_400 && noon[11] == 43_201.0 / 86_400)
        // After the period: the civil months of the continued slots (December has 31 days).
        let after = t.monthShares(after: Self.asOf, seconds: 32 * Self.day)
        #expect(after[12] == 31.0 / 32 && after[1] == 1.0 / 32)
        // Within the period the rule is `slotMonths`: the slot d's month, for every slot.
        for d in 0..<t.days {
            let shares = t.monthShares(after: t.asOf - Int64(d + 1) * Self.day, seconds: Self.day)
            #expect(shares[Int(t.slotMonths[d])] == 1, "slot \(d)")
        }
    }

    @Test func theSeasonsMixMonthByMonth() throws {
        // Baking (index 10) peaks in December (factor 1.8), is low in June (0.2); a user's p is reweighted.
        let user: Int64 = 5
        let flat = InteractionModel(days: 365, asOf: Self.asOf, seasons: [])
        let p = try #require(Self.truth(seed: 8, user: user, at: Self.asOf, horizon: 1, timeline: flat)).shares
        let december = try #require(Self.truth(seed: 8, user: user, at: Self.asOf, horizon: 31 * Self.day)).shares
        let f12 = Self.timeline.seasonFactors[12], f1 = Self.timeline.seasonFactors[1]
        let z12 = zip(p, f12).map(*).reduce(0, +), z1 = zip(p, f1).map(*).reduce(0, +)
        for j in p.indices {
            #expect(abs(december[j] - p[j] * f12[j] / z12) < 1e-12, "subcategory \(j + 1)")
        }
        // Half December, half January: the average of the two months' distributions.
        let mixed = try #require(Self.truth(seed: 8, user: user, at: Self.asOf + 15 * Self.day + Self.day / 2, horizon: 31 * Self.day)).shares
        for j in p.indices {
            #expect(abs(mixed[j] - 0.5 * (p[j] * f12[j] / z12 + p[j] * f1[j] / z1)) < 1e-12, "subcategory \(j + 1)")
        }
    }

    @Test func theTruthIsADistributionAndPure() {
        let moments: [Int64] = [0, Self.timeline.periodStart, Self.asOf - 45 * Self.day, Self.asOf, Self.asOf + 400 * Self.day]
        let horizons: [Int64] = [1, Self.day, 30 * Self.day, 800 * Self.day]
        var out = [Double](repeating: 0, count: Self.model.subcategories.count)
        var answered = 0
        for user in Int64(1)...300 {
            for moment in moments {
                for horizon in horizons {
                    guard let persona = Self.model.preference(seed: 21, userID: user, timeline: Self.timeline, at: moment, horizonSeconds: horizon, into: &out) else {
                        continue
                    }
                    answered += 1
                    #expect((1...4).contains(persona))
                    #expect(out.allSatisfy { $0 >= 0 && $0.isFinite } && abs(out.reduce(0, +) - 1) < 1e-12, "user \(user)")
                    // The same answer from a fresh buffer, after other users were asked.
                    let again = Self.truth(seed: 21, user: user, at: moment, horizon: horizon)
                    #expect(again?.persona == persona && again?.shares == out)
                }
            }
        }
        #expect(answered > 300 * moments.count * horizons.count / 2)
        // Outside 1970…9999, or an empty horizon: no answer, the buffer untouched.
        out = [Double](repeating: 7, count: out.count)
        let active = Int64((1...300).first { Self.truth(seed: 21, user: Int64($0), at: Self.asOf) != nil } ?? 1)
        #expect(Self.model.preference(seed: 21, userID: active, timeline: Self.timeline, at: -1, horizonSeconds: 10, into: &out) == nil)
        #expect(Self.model.preference(seed: 21, userID: active, timeline: Self.timeline, at: Self.asOf, horizonSeconds: 0, into: &out) == nil)
        #expect(Self.model.preference(seed: 21, userID: active, timeline: Self.timeline, at: InteractionModel.latestMoment - 5,
                                      horizonSeconds: 6, into: &out) == nil)
        #expect(Self.model.preference(seed: 21, userID: 0, timeline: Self.timeline, at: Self.asOf, horizonSeconds: 6, into: &out) == nil)
        #expect(out.allSatisfy { $0 == 7 })
        #expect(Self.truth(seed: 22, user: active, at: Self.asOf)?.shares != Self.truth(seed: 21, user: active, at: Self.asOf)?.shares)
    }

    /// The like interactions of the last 30 days follow the truth at the start of those 30 days:
    /// user by user (cells correlated, far better than the persona's mean shares predict them)
    /// and summed over users; for users who drifted before, far better than their first preference.
    @Test func theLastMonthsLikesFollowTheTruth() throws {
        let seed: UInt64 = 11, users = 20_000
        var batch = UserBatch(reservingUsers: users)
        Self.model.generate(seed: seed, ids: 1..<Int64(users + 1), timeline: Self.timeline, into: &batch)
        let s = Self.model.subcategories.count
        let start = Self.asOf - 30 * Self.day
        var counts = [Int64: [Double]]()
        let rows = batch.interactions
        for row in 0..<rows.count where rows.kinds[row] == 1 {
            let moment = Int64(rows.days[row]) * Self.day + Int64(rows.seconds[row])
            guard moment > start else { continue }
            counts[rows.userIDs[row], default: [Double](repeating: 0, count: s)][Int(rows.subcategoryIDs[row]) - 1] += 1
        }
        let changes = Dictionary(uniqueKeysWithValues: batch.personaChanges.map { ($0.userID, $0) })
        var observed: [Double] = [], truth: [Double] = [], mean: [Double] = []
        var driftObserved: [Double] = [], driftTruth: [Double] = [], driftFirst: [Double] = []
        var summedObserved = [Double](repeating: 0, count: s), summedTruth = summedObserved
        for (user, row) in counts {
            let n = row.reduce(0, +)
            let t = try #require(Self.truth(seed: seed, user: user, at: start))
            for j in 0..<s {
                summedObserved[j] += row[j]
                summedTruth[j] += n * t.shares[j]
            }
            guard n >= 20 else { continue }
            observed += row.map { $0 / n }
            truth += t.shares
            mean += Self.model.personas[t.persona - 1].alpha.map { $0 / Self.model.personas[t.persona - 1].totalConcentration }
            if let change = changes[user], change.at <= start {
                let first = try #require(Self.truth(seed: seed, user: user, at: change.at - 1))
                driftObserved += row.map { $0 / n }
                driftTruth += t.shares
                driftFirst += first.shares
            }
        }
        let r = Stats.correlation(observed, truth), rMean = Stats.correlation(observed, mean)
        #expect(observed.count > 500 * s)
        #expect(r > 0.85 && r > rMean + 0.1, "user cells: r = \(r) with the truth, \(rMean) with the persona's mean")
        let rDrift = Stats.correlation(driftObserved, driftTruth), rFirst = Stats.correlation(driftObserved, driftFirst)
        #expect(driftObserved.count > 20 * s)
        #expect(rDrift > 0.8 && rFirst < 0.5, "drifted users: r = \(rDrift) with the truth, \(rFirst) with the first preference")
        let rSummed = Stats.correlation(summedObserved, summedTruth)
        #expect(rSummed > 0.999, "summed over users: r = \(rSummed)")
    }
}
