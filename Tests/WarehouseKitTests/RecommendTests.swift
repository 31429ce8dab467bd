#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct RecommendTests {
    /// p_j = Σ_s r_s (x_j + α_sj) / (n + A_s), r_s ∝ w_gs · DM(x | α_s), from the run's stored
    /// priors read with SQL and the user's like counts: written here from the formula, not with
    /// the predictor the job uses.
    private func expectedShares(user: Int64, run: Int64, db: Connection) throws -> [Int: Double] {
        let age = try #require(try db.scalar("SELECT age FROM users WHERE id = ?", [.integer(user)])?.int64)
        let group = ["<18": 0..<18, "18-24": 18..<25, "25-34": 25..<35, "35-44": 35..<45, "45-54": 45..<55, "55-64": 55..<65,
                     "65+": 65..<1000].first { $0.value.contains(Int(age)) }?.key
        var alpha: [Int: [Int: Double]] = [:]
        for row in try db.rows("SELECT segment, subcategory_id, alpha FROM segment_priors WHERE run_id = ?", [.integer(run)]) {
            alpha[Int(row[0].int64 ?? 0), default: [:]][Int(row[1].int64 ?? 0)] = row[2].double ?? .nan
        }
        var weight: [Int: Double] = [:]
        for row in try db.rows("SELECT segment, weight FROM segment_prior_weights WHERE run_id = ? AND age_group = ?",
                               [.integer(run), .text(group ?? "")]) {
            weight[Int(row[0].int64 ?? 0)] = row[1].double ?? .nan
        }
        var x: [Int: Double] = [:]
        for row in try db.rows("SELECT subcategory_id, likes FROM user_likes WHERE user_id = ?", [.integer(user)]) {
            x[Int(row[0].int64 ?? 0)] = Double(row[1].int64 ?? 0)
        }
        let n = x.values.reduce(0, +)
        var logPosterior: [Int: Double] = [:]
        for (segment, a) in alpha {
            let total = a.values.reduce(0, +)
            var value = log(weight[segment] ?? 0) + lgamma(total) - lgamma(n + total)
            for (j, count) in x { value += lgamma(count + (a[j] ?? 1)) - lgamma(a[j] ?? 1) }
            logPosterior[segment] = value
        }
        let best = logPosterior.values.max() ?? 0
        let normaliser = logPosterior.values.reduce(0) { $0 + exp($1 - best) }
        var shares: [Int: Double] = [:]
        for (segment, a) in alpha {
            let r = exp((logPosterior[segment] ?? 0) - best) / normaliser
            let total = a.values.reduce(0, +)
            for (j, value) in a { shares[j, default: 0] += r * ((x[j] ?? 0) + value) / (n + total) }
        }
        return shares
    }

    @Test func ranksByThePredictedShareOfTheNextLikesAsTheFormulaGivesIt() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        let result = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let db = store.connection
        var checked = 0
        for user in Int64(1)...30 {
            var options = RecommendOptions(userID: user)
            options.includeLiked = true
            options.top = 20
            let recommendation = try RecommendJob.run(store: store, options: options)
            #expect(recommendation.modelSource == "stored with run \(result.runID)")
            let expected = try expectedShares(user: user, run: result.runID, db: db)
            #expect(recommendation.suggestions.count == 20)
            for suggestion in recommendation.suggestions {
                #expect(abs(suggestion.predictedShare - (expected[suggestion.subcategoryID] ?? -1)) < 1e-9)
            }
            let shares = recommendation.suggestions.map(\.predictedShare)
            #expect(shares == shares.sorted(by: >))
            #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
            checked += 1
        }
        #expect(checked == 30)
    }

    @Test func aRunWithoutAStoredModelGetsTheSameOneComputedNow() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let stored = try RecommendJob.run(store: store, options: RecommendOptions(userID: 11))
        try store.connection.execute("DELETE FROM segment_priors; DELETE FROM segment_prior_weights")
        let computed = try RecommendJob.run(store: store, options: RecommendOptions(userID: 11))
        #expect(stored.modelSource == "stored with run 1" && computed.modelSource == "computed now")
        #expect(computed.suggestions.map(\.subcategoryID) == stored.suggestions.map(\.subcategoryID))
        #expect(computed.suggestions.map(\.predictedShare) == stored.suggestions.map(\.predictedShare))
    }

    @Test func aUserAddedAfterTheRunIsPredictedFromTheirCountsAndPlacedOnceAssigned() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 100, seed: 42, append: true, days: 0))
        let user = try #require(try store.connection.scalar("SELECT min(id) FROM users WHERE id > 2000 AND liked_posts > 0")?.int64)
        let before = try RecommendJob.run(store: store, options: RecommendOptions(userID: user))
        #expect(before.segment == nil && before.basis == "history and segments" && !before.suggestions.isEmpty)
        #expect(before.render().contains("not placed by run 1"))
        _ = try AssignJob.run(store: store, run: .latest)
        let after = try RecommendJob.run(store: store, options: RecommendOptions(userID: user))
        #expect(after.method == "assigned" && after.segment != nil)
        #expect(after.suggestions.map(\.subcategoryID) == before.suggestions.map(\.subcategoryID))
    }

    @Test func badInputIsRefusedInOneLineAndAUserWithoutLikesGetsTheirAgeGroupsPrior() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, in: dir)
        #expect(throws: WarehouseError.noSuchRun("latest")) { try RecommendJob.run(store: store, options: RecommendOptions(userID: 1)) }
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        try store.connection.execute("""
            INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (5000, 'quiet', 'Quiet', 'quiet@example.com', 30, 0);
            INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (5001, 'hush', 'Hush', 'hush@example.com', 33, 0)
            """)
        let cases: [(RecommendOptions, WarehouseError)] = [
            (RecommendOptions(userID: 999_999), .invalidArgument("no user 999999 in this warehouse")),
            ({ var o = RecommendOptions(userID: 1); o.run = .id(3); return o }(), .noSuchRun("3")),
            ({ var o = RecommendOptions(userID: 1); o.top = 0; return o }(), .invalidArgument("--top must be between 1 and 1000, got 0")),
            (RecommendOptions(userID: nil), .invalidArgument("recommend needs --user <id>, or --all --out FILE")),
        ]
        let quiet = try RecommendJob.run(store: store, options: RecommendOptions(userID: 5_000))
        let hush = try RecommendJob.run(store: store, options: RecommendOptions(userID: 5_001))
        #expect(quiet.basis == "age group prior" && quiet.segment == nil && quiet.suggestions.count == 5)
        // Two users of one age group and no likes get the same prior.
        #expect(quiet.suggestions.map(\.predictedShare) == hush.suggestions.map(\.predictedShare))
        #expect(quiet.render().contains("flagged: not personalised"))
        for (options, expected) in cases {
            let error = try #require(throws: WarehouseError.self) { try RecommendJob.run(store: store, options: options) }
            #expect(error == expected)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func suggestsOnlyWhatTheUserHasNotLikedUnlessAskedTo() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        var checked = 0
        for user in Int64(1)...40 {
            let liked = Set(try store.connection.rows("SELECT subcategory_id FROM user_likes WHERE user_id = ?", [.integer(user)])
                .compactMap { $0.first?.int64 }.map(Int.init))
            guard !liked.isEmpty else { continue }
            var options = RecommendOptions(userID: user)
            let fresh = try RecommendJob.run(store: store, options: options)
            #expect(fresh.basis == "history and segments" && fresh.segmentName != nil)
            #expect(fresh.suggestions.allSatisfy { !liked.contains($0.subcategoryID) && $0.userLikes == 0 && $0.reason.contains("new to you") })
            options.includeLiked = true
            let old = try RecommendJob.run(store: store, options: options)
            // With what they like allowed, the top suggestions are mostly their own interests.
            #expect(old.suggestions.contains { liked.contains($0.subcategoryID) })
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test func everyUserInOneFileAsEachUsersOwnRecommendationAndTheSameOnAnyThreadCount() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, days: 120, in: dir)
        var configuration = quickSegmentation()
        configuration.window = WindowRequest(halfLifeSeconds: 30 * 86_400)
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        var options = RecommendOptions(userID: nil)
        options.all = true
        options.top = 3
        options.out = dir.path("one.csv")
        let one = try RecommendAllJob.run(store: store, options: options, threads: 1)
        options.out = dir.path("two.csv")
        let two = try RecommendAllJob.run(store: store, options: options, threads: 2)
        let first = try String(contentsOfFile: dir.path("one.csv"), encoding: .utf8)
        #expect(first == (try String(contentsOfFile: dir.path("two.csv"), encoding: .utf8)))
        #expect(one.users == 1_500 && one.rows == two.rows && one.rows >= 3 * (1_500 - one.usersOnPrior))
        let lines = first.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first == ["user_id", "rank", "subcategory_id", "subcategory", "score", "basis"])
        for user in [Int64(3), 50, 700] {
            var single = RecommendOptions(userID: user)
            single.top = 3
            let recommendation = try RecommendJob.run(store: store, options: single)
            let rows = lines.dropFirst().filter { $0[0] == String(user) }
            #expect(rows.map { Int($0[2]) ?? 0 } == recommendation.suggestions.map(\.subcategoryID))
            #expect(rows.map { Double($0[4]) ?? 0 } == recommendation.suggestions.map(\.predictedShare))
        }
        // An existing file is refused without --force, and the database itself always.
        options.out = dir.path("one.csv")
        #expect(throws: WarehouseError.self) { try RecommendAllJob.run(store: store, options: options) }
        options.force = true
        options.out = store.path
        #expect(throws: WarehouseError.self) { try RecommendAllJob.run(store: store, options: options) }
    }
}
