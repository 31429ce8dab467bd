import Foundation
import Population
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// The windowed, weighted, decayed interest a segmentation reads, against an independent
/// reference: the same sums computed here straight from the generator's own interactions (no
/// SQL, no reader), and against itself across thread counts.
@Suite struct WindowedInterestTests {
    static let users = 1_500
    static let weights = [InteractionWindow.KindWeight(kind: "like", weight: 1), .init(kind: "comment", weight: 3),
                          .init(kind: "share", weight: 5), .init(kind: "search", weight: 2)]

    /// Σ w(kind) · 2^(−(T − t)/h) per (user, subcategory), from the generator's batch.
    static func reference(window: InteractionWindow, seed: UInt64 = 42) -> [Int64: [Int: Double]] {
        let configuration = SeedConfiguration(users: users, seed: seed)
        var batch = UserBatch(reservingUsers: users)
        PopulationModel.standard.generate(seed: seed, ids: 1..<Int64(users + 1), timeline: configuration.timeline, into: &batch)
        let weightOf = Dictionary(uniqueKeysWithValues: window.weights.map { ($0.kind, $0.weight) })
        var sums: [Int64: [Int: Double]] = [:]
        let rows = batch.interactions
        for row in 0..<rows.count {
            let t = Int64(rows.days[row]) * 86_400 + Int64(rows.seconds[row])
            guard t <= window.asOf, window.windowSeconds.map({ t > window.asOf - $0 }) ?? true else { continue }
            let weight = weightOf[InteractionModel.kindNames[Int(rows.kinds[row]) - 1]] ?? 0
            guard weight > 0 else { continue }
            let decay = window.halfLifeSeconds.map { pow(2, -Double(window.asOf - t) / Double($0)) } ?? 1
            sums[rows.userIDs[row], default: [:]][Int(rows.subcategoryIDs[row]), default: 0] += weight * decay
        }
        return sums
    }

    static func expectAgrees(_ data: WarehouseData, _ reference: [Int64: [Int: Double]]) {
        let s = data.subcategories.count
        var worst = 0.0
        for (row, id) in data.userIDs.enumerated() {
            for (j, subcategory) in data.subcategories.enumerated() {
                let expected = reference[id]?[subcategory.id] ?? 0
                let got = data.subcategoryLikes[row * s + j]
                worst = max(worst, abs(got - expected) / max(1e-12, abs(expected)))
                if expected == 0 { #expect(got == 0, "user \(id), subcategory \(subcategory.id)") }
            }
        }
        #expect(worst < 1e-9, "largest relative difference \(worst)")
    }

    @Test func aWindowWithWeightsAndDecayAgreesWithTheGeneratorsInteractions() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: Self.users, days: 365, in: dir)
        let asOf = SeedConfiguration.defaultAsOf - 17 * 86_400 - 3_600
        let window = InteractionWindow(asOf: asOf, windowSeconds: 90 * 86_400, halfLifeSeconds: 30 * 86_400, weights: Self.weights)
        let data = try WarehouseData.read(store, window: window, threads: 1)
        Self.expectAgrees(data, Self.reference(window: window))
        // Categories are the sums of their subcategories.
        let s = data.subcategories.count, c = data.categories.count
        for row in stride(from: 0, to: data.userCount, by: 97) {
            for category in 0..<c {
                let sum = (0..<s).filter { data.subcategories[$0].categoryIndex == category }.reduce(0.0) { $0 + data.subcategoryLikes[row * s + $1] }
                #expect(abs(sum - data.categoryLikes[row * c + category]) <= 1e-9 * max(1, sum))
            }
        }
    }

    @Test func theSumsDoNotDependOnTheThreadCount() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: Self.users, days: 365, in: dir)
        let window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 120 * 86_400, halfLifeSeconds: 9 * 3_600,
                                       weights: Self.weights)
        let one = try WarehouseData.read(store, window: window, threads: 1)
        let two = try WarehouseData.read(store, window: window, threads: 2, parallelFrom: 2)
        #expect(one.subcategoryLikes == two.subcategoryLikes)
        #expect(one.userIDs == two.userIDs)
    }

    /// The undecayed sums read beside a decayed window's (what a run's model is fitted to) are bit
    /// for bit the same window read without decay, on one thread or two; without a half-life, or
    /// when not asked for, there are none.
    @Test func theUndecayedSumsOfADecayedWindowAreTheWindowWithoutDecay() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: Self.users, days: 365, in: dir)
        var window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 120 * 86_400, halfLifeSeconds: 9 * 3_600,
                                       weights: Self.weights)
        let one = try WarehouseData.read(store, window: window, threads: 1, undecayed: true)
        let two = try WarehouseData.read(store, window: window, threads: 2, parallelFrom: 2, undecayed: true)
        #expect(try WarehouseData.read(store, window: window, threads: 1).undecayedLikes == nil)
        window.halfLifeSeconds = nil
        let plain = try WarehouseData.read(store, window: window, threads: 1)
        #expect(one.undecayedLikes == plain.subcategoryLikes && two.undecayedLikes == plain.subcategoryLikes)
        #expect(one.subcategoryLikes != plain.subcategoryLikes)
        #expect(try WarehouseData.read(store, window: window, threads: 1, undecayed: true).undecayedLikes == nil)
    }

    @Test func likesWithoutAWindowAreTheAllTimeLikes() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: Self.users, days: 365, in: dir)
        let windowed = try WarehouseData.read(store, window: InteractionWindow(asOf: SeedConfiguration.defaultAsOf), threads: 2, parallelFrom: 2)
        let likes = try WarehouseData.read(store)
        #expect(windowed.subcategoryLikes == likes.subcategoryLikes)
        #expect(windowed.categoryLikes == likes.categoryLikes)
    }

    /// A kind `rate` whose interest rule is a value of at least 4, and four ratings of user 1 in
    /// subcategory 2 on the seed's last day: 5 and 4 count, 3.5 and 1 do not. Returns the kind id.
    @discardableResult
    static func addRatings(_ store: WarehouseStore) throws -> Int64 {
        let day = SeedConfiguration.defaultAsOf / 86_400
        return try store.write {
            let kinds = try InteractionKindsTable.ensure(["rate"], store)
            let rate = try #require(kinds["rate"])
            try InteractionKindsTable.setMinValue(4, kind: rate, store)
            for (value, second) in [(5.0, 10), (4.0, 11), (3.5, 12), (1.0, 13)] {
                try store.run("INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id, value) VALUES (?, 1, ?, ?, 2, ?)",
                              [.integer(day), .integer(Int64(second)), .integer(rate), .real(value)])
            }
            return rate
        }
    }

    @Test func aRatingBelowItsKindsMinimumIsNotInterest() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 50, days: 365, in: dir)
        try Self.addRatings(store)
        let window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 86_400, weights: [.init(kind: "rate", weight: 1)])
        let data = try WarehouseData.read(store, window: window)
        let s = data.subcategories.count
        #expect(data.subcategoryLikes[1] == 2, "ratings 5 and 4 count, 3.5 and 1 do not")
        #expect(data.subcategoryLikes[0..<s].reduce(0, +) == 2)
    }

    @Test func refusals() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 200, days: 365, in: dir)
        let unknown = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, weights: [.init(kind: "purchase", weight: 1)])
        let error = #expect(throws: WarehouseError.self) { try WarehouseData.read(store, window: unknown) }
        #expect(String(describing: error).contains("'purchase'") && String(describing: error).contains("like, comment, share, search"))
        let before = WindowRequest(asOf: 86_400)
        let span = #expect(throws: WarehouseError.self) { try before.resolve(store) }
        #expect(String(describing: span).contains("outside the interactions' span, 2025-12-01"))
        let after = WindowRequest(asOf: SeedConfiguration.defaultAsOf + 86_400)
        #expect(throws: WarehouseError.self) { try after.resolve(store) }
        #expect(try WindowRequest().resolve(store).asOf <= SeedConfiguration.defaultAsOf)

        // An interaction of a user who does not exist is refused wherever its id falls: below
        // every user, between the halves of a parallel read, above every user.
        try store.connection.execute("PRAGMA foreign_keys = OFF")
        let window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf)
        for orphan: Int64 in [0, 1_000_000] {
            try store.connection.execute(
                "INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id, ordinal) VALUES (\(SeedConfiguration.defaultAsOf / 86_400), \(orphan), 5, 1, 1, 7)")
            let refused = #expect(throws: WarehouseError.self) { try WarehouseData.read(store, window: window, threads: 2, parallelFrom: 2) }
            #expect(String(describing: refused).contains("user \(orphan), who is not in users"), "\(String(describing: refused))")
            try store.connection.execute("DELETE FROM interactions WHERE ordinal = 7")
        }
        let middle = try #require(try store.connection.scalar("SELECT user_id FROM interactions WHERE user_id > 90 ORDER BY user_id LIMIT 1")?.int64)
        try store.connection.execute("DELETE FROM users WHERE id = \(middle)")
        let refused = #expect(throws: WarehouseError.self) { try WarehouseData.read(store, window: window, threads: 2, parallelFrom: 2) }
        #expect(String(describing: refused).contains("user \(middle), who is not in users"), "\(String(describing: refused))")
        let plain = try WarehouseStore(path: dir.path("plain.sqlite"), mode: .createIfMissing)
        _ = try SeedJob.run(store: plain, configuration: SeedConfiguration(users: 100, seed: 1, days: 0))
        let none = #expect(throws: WarehouseError.self) { try WindowRequest(windowSeconds: 86_400).resolve(plain) }
        #expect(String(describing: none).contains("has none"))
    }

    @Test func aWindowedRunStoresItsWindowAndIsTheSameOnOneThreadOrTwo() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, days: 365, in: dir)
        var configuration = quickSegmentation(threads: 1)
        configuration.window = WindowRequest(windowSeconds: 60 * 86_400, halfLifeSeconds: 21 * 86_400, weights: Self.weights)
        let one = try SegmentationJob.run(store: store, configuration: configuration)
        configuration.threads = 2
        let two = try SegmentationJob.run(store: store, configuration: configuration)
        #expect(one.kMeans.labels == two.kMeans.labels)
        let record = try #require(try RunRecord.read(id: two.runID, from: store))
        let window = try #require(record.window)
        #expect(window.windowSeconds == 60 * 86_400 && window.halfLifeSeconds == 21 * 86_400)
        #expect(window.weights.sorted { $0.kind < $1.kind } == Self.weights.sorted { $0.kind < $1.kind })
        #expect(window.asOf > SeedConfiguration.defaultAsOf - 86_400 && window.asOf <= SeedConfiguration.defaultAsOf)
        #expect(try RunRecord.read(id: one.runID, from: store)?.window == window)

        // Latent class needs whole counts: refused with a half-life, fitted with whole weights and no decay.
        configuration.method = .latentClass
        let refused = #expect(throws: WarehouseError.self) { try SegmentationJob.run(store: store, configuration: configuration) }
        #expect(String(describing: refused).contains("not whole numbers"))
        configuration.window = WindowRequest(windowSeconds: 90 * 86_400, weights: [.init(kind: "like", weight: 1), .init(kind: "share", weight: 2)])
        let mixture = try SegmentationJob.run(store: store, configuration: configuration)
        #expect(mixture.latentClass != nil)
    }

    @Test func trendsCountEveryUserOnceBetweenTwoRuns() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, days: 365, in: dir)
        var configuration = quickSegmentation()
        configuration.window = WindowRequest(asOf: SeedConfiguration.defaultAsOf - 60 * 86_400, windowSeconds: 30 * 86_400)
        let first = try SegmentationJob.run(store: store, configuration: configuration)
        configuration.window = WindowRequest(windowSeconds: 30 * 86_400)
        configuration.alignTo = first.runID
        let second = try SegmentationJob.run(store: store, configuration: configuration)
        let trends = try TrendsJob.run(store: store, runs: [.id(second.runID), .id(first.runID)])
        #expect(trends.points.map(\.run) == [first.runID, second.runID], "ordered by as-of")
        let flow = try #require(trends.flows.first)
        #expect(flow.aligned)
        let moved = flow.moved.reduce(0) { $0 + $1.users }
        #expect(flow.stayed.reduce(0, +) + moved + flow.left.reduce(0, +) == first.users)
        #expect(flow.stayed.reduce(0, +) + moved + flow.entered.reduce(0, +) == second.users)
        for (index, size) in trends.points[1].segments.enumerated() {
            let stayed = index < flow.stayed.count ? flow.stayed[index] : 0
            let into = flow.moved.filter { $0.to == index + 1 }.reduce(0) { $0 + $1.users }
            #expect(size.users == stayed + into + flow.entered[index])
        }
        #expect(throws: WarehouseError.self) { try TrendsJob.run(store: store, runs: [.id(first.runID)]) }
        let allTime = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        #expect(throws: WarehouseError.self) { try TrendsJob.run(store: store, runs: [.id(first.runID), .id(allTime.runID)]) }
    }
}
