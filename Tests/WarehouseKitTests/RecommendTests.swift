import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct RecommendTests {
    @Test func recommendsHighIndexSubcategoriesOfTheUsersSegmentWithTheReason() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        let result = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let db = store.connection
        let row = try #require(try db.rows(
            "SELECT user_id, segment FROM segment_assignments WHERE run_id = ? ORDER BY user_id LIMIT 1 OFFSET 10",
            [.integer(result.runID)]).first)
        let user = try #require(row[0].int64)
        var options = RecommendOptions(userID: user)
        options.minSupport = 5
        options.includeLiked = true   // the index rule alone; what the user already likes may be suggested
        let computed = try RecommendJob.run(store: store, options: options)
        #expect(computed.segment == Int(row[1].int64 ?? 0) && computed.method == "fitted" && computed.runID == result.runID)
        #expect(computed.affinitySource == "computed now")
        #expect(!computed.suggestions.isEmpty && computed.suggestions.count <= 5)
        #expect(computed.suggestions.map(\.userIndex) == computed.suggestions.map(\.userIndex).sorted(by: >))
        #expect(computed.suggestions.allSatisfy { $0.userIndex >= 120 && $0.usersLiking >= 5 && $0.reason.contains("(segment \(computed.segment ?? 0), '") })
        // The user's own interests: most liked first, as in user_likes.
        let likes = try db.rows("SELECT likes FROM user_likes WHERE user_id = ? ORDER BY likes DESC LIMIT 5", [.integer(user)]).compactMap { $0[0].int64 }
        #expect(computed.interests.map { Int64($0.likes) } == likes)
        // After `target`, the stored affinities are used and give the same suggestions.
        _ = try TargetJob.run(store: store, options: TargetOptions())
        let stored = try RecommendJob.run(store: store, options: options)
        #expect(stored.affinitySource.hasPrefix("stored by `warehouse target` at "))
        #expect(stored.suggestions.map(\.name) == computed.suggestions.map(\.name))
        #expect(stored.suggestions.map(\.userIndex) == computed.suggestions.map(\.userIndex))
        let text = stored.render()
        let name = try #require(stored.segmentName)
        #expect(text.contains("user \(user): segment \(stored.segment ?? 0) '\(name)' of run \(result.runID)") && text.contains("advertise:"))
    }

    @Test func aUserAssignedLaterIsRecommendedToFromFreshAffinities() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        _ = try TargetJob.run(store: store, options: TargetOptions())
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 100, seed: 42, append: true, days: 0))
        let user = try #require(try store.connection.scalar("SELECT min(id) FROM users WHERE id > 2000 AND liked_posts > 0")?.int64)
        let before = try #require(throws: WarehouseError.self) { try RecommendJob.run(store: store, options: RecommendOptions(userID: user)) }
        #expect(before.description == "user \(user) came after run 1; place them with `warehouse assign --run 1` first")
        _ = try AssignJob.run(store: store, run: .latest)
        let after = try RecommendJob.run(store: store, options: RecommendOptions(userID: user))
        #expect(after.method == "assigned")
        #expect(after.affinitySource == "computed now")   // the stored profile predates the assignment
    }

    @Test func badInputIsRefusedInOneLine() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, in: dir)
        #expect(throws: WarehouseError.noSuchRun("latest")) { try RecommendJob.run(store: store, options: RecommendOptions(userID: 1)) }
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        try store.connection.execute("""
            INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (5000, 'quiet', 'Quiet', 'quiet@example.com', 30, 0)
            """)
        let cases: [(RecommendOptions, WarehouseError)] = [
            (RecommendOptions(userID: 999_999), .invalidArgument("no user 999999 in this warehouse")),
            ({ var o = RecommendOptions(userID: 1); o.run = .id(3); return o }(), .noSuchRun("3")),
            ({ var o = RecommendOptions(userID: 1); o.top = 0; return o }(), .invalidArgument("--top must be between 1 and 1000, got 0")),
        ]
        // A user with no likes gets the population's most popular interests, flagged, not an error.
        let quiet = try RecommendJob.run(store: store, options: RecommendOptions(userID: 5_000))
        #expect(quiet.basis == "popular" && quiet.segment == nil && quiet.suggestions.count == 5)
        #expect(quiet.suggestions.map(\.populationUserShare) == quiet.suggestions.map(\.populationUserShare).sorted(by: >))
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
            options.minSupport = 5
            let fresh = try RecommendJob.run(store: store, options: options)
            #expect(fresh.basis == "segment affinity" && fresh.segmentName != nil)
            #expect(fresh.suggestions.allSatisfy { !liked.contains($0.subcategoryID) && $0.userLikes == 0 && $0.reason.contains("new to you") })
            #expect(fresh.suggestions.map(\.userIndex) == fresh.suggestions.map(\.userIndex).sorted(by: >))
            options.includeLiked = true
            let old = try RecommendJob.run(store: store, options: options)
            #expect(old.suggestions.allSatisfy { $0.userIndex >= 120 })
            checked += 1
        }
        #expect(checked > 20)
    }
}
