import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct SegmentationRefusalTests {
    /// Runs the job expecting a refusal whose message contains `fragment`, and checks no run was stored.
    private func expectRefusal(_ store: WarehouseStore, _ configuration: SegmentationConfiguration, mentions fragment: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let runsBefore = try store.connection.scalar("SELECT count(*) FROM segmentation_runs")
        let error = try #require(throws: WarehouseError.self, sourceLocation: sourceLocation) {
            try SegmentationJob.run(store: store, configuration: configuration)
        }
        #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        #expect(try store.connection.scalar("SELECT count(*) FROM segmentation_runs") == runsBefore, sourceLocation: sourceLocation)
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_assignments") == .integer(0), sourceLocation: sourceLocation)
    }

    /// Issue 24 (8): 300 users with only 3 distinct like profiles and `--k 4`: both methods used
    /// to exit 0 with an empty segment 4. Refused now, naming the number of distinct points; `--k 3`
    /// runs and fills every segment.
    @Test(arguments: [WarehouseTables.SegmentationMethod.kmeans, .latentClass])
    func moreSegmentsThanDistinctProfilesAreRefused(method: WarehouseTables.SegmentationMethod) throws {
        var fixture = try ImportFixture()
        fixture.catalog = "category,subcategory\nmusic,jazz\nmusic,folk\nbooks,crime\n"
        let profiles = ["jazz", "folk", "crime"]
        fixture.users = "user_id,username,email,age\n" + (1...300).map { "\($0),u\($0),u\($0)@example.com,\(20 + $0 % 40)" }.joined(separator: "\n") + "\n"
        fixture.likes = "user_id,subcategory,likes\n" + (1...300).map { "\($0),\(profiles[$0 % 3]),2" }.joined(separator: "\n") + "\n"
        _ = try fixture.run()
        let store = try WarehouseStore(path: fixture.database, mode: .mustExist)
        var configuration = quickSegmentation(k: 4)
        configuration.method = method
        if method == .kmeans { configuration.featureSets = [.subcategoryShare] }
        try expectRefusal(store, configuration, mentions: "--k 4 is more than the 3 distinct")
        configuration.k = 3
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        let sizes = try store.connection.rows("SELECT segment, count(*) FROM segment_assignments WHERE run_id = ? GROUP BY segment",
                                              [.integer(result.runID)])
        #expect(sizes.count == 3 && sizes.allSatisfy { $0[1] == .integer(100) }, "\(sizes)")
    }

    @Test func badArgumentsNameTheValue() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, in: dir)
        try expectRefusal(store, quickSegmentation(k: 0), mentions: "--k must be at least 1, got 0")
        try expectRefusal(store, quickSegmentation(k: -3), mentions: "got -3")
        try expectRefusal(store, quickSegmentation(k: 400), mentions: "--k 400 is larger than the number of users with likes")
        var components = quickSegmentation()
        components.components = 9
        try expectRefusal(store, components, mentions: "--components 9 is more than the 4 features")
        var tolerance = quickSegmentation()
        tolerance.tolerance = -.infinity
        try expectRefusal(store, tolerance, mentions: "--tol")
        #expect(throws: WarehouseError.self) { try FeatureSet.parse("category_share,'; DROP TABLE users; --") }
        let unknown = try #require(throws: WarehouseError.self) { try FeatureSet.parse("category_share,astrology") }
        #expect(unknown.description.contains("'astrology'"))
    }

    @Test func anEmptyWarehouseIsRefused() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("w.sqlite"), mode: .createIfMissing)
        try expectRefusal(store, quickSegmentation(), mentions: "has no users")
    }

    @Test func identicalUsersAreRefusedWithoutNaN() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("w.sqlite"), mode: .createIfMissing)
        try store.connection.execute("INSERT INTO categories VALUES (1, 'sports'), (2, 'fashion'); INSERT INTO subcategories VALUES (1, 1, 'football'), (2, 2, 'luxury');")
        for id in 1...10 {
            try store.connection.run("INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (?, ?, 'Same', ?, 30, 3)",
                                     [.integer(Int64(id)), .text("same\(id)"), .text("same\(id)@example.com")])
            try store.connection.run("INSERT INTO user_likes VALUES (?, 1, 2), (?, 2, 1)", [.integer(Int64(id)), .integer(Int64(id))])
        }
        try expectRefusal(store, quickSegmentation(k: 2), mentions: "identical features")
    }

    @Test func handEditsThatBreakInvariantsAreRefused() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 200, in: dir)
        // Likes summing to more than liked_posts.
        try store.connection.execute("UPDATE users SET liked_posts = liked_posts - 1 WHERE id = 7 AND liked_posts > 0")
        try expectRefusal(store, quickSegmentation(), mentions: "user 7 has likes summing to")
        try store.connection.execute("UPDATE users SET liked_posts = liked_posts + 1 WHERE id = 7")
        // A like for a subcategory that does not exist, slipped in with foreign keys off (the sqlite3 shell's default).
        try store.connection.execute("PRAGMA foreign_keys = OFF; UPDATE users SET liked_posts = liked_posts + 5 WHERE id = 9; INSERT INTO user_likes VALUES (9, 999, 5); PRAGMA foreign_keys = ON;")
        try expectRefusal(store, quickSegmentation(), mentions: "subcategory 999")
    }

    @Test func schemaConstraintsStopOtherHandEdits() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 50, in: dir)
        #expect(throws: SQLiteError.self) { try store.connection.execute("INSERT INTO user_likes VALUES (1, 999, 5)") }
        #expect(throws: SQLiteError.self) { try store.connection.execute("UPDATE user_likes SET likes = -1 WHERE user_id = 1") }
        #expect(throws: SQLiteError.self) { try store.connection.execute("UPDATE users SET age = 'old' WHERE id = 1") }
        #expect(throws: SQLiteError.self) { try store.connection.execute("UPDATE users SET username = (SELECT username FROM users WHERE id = 2) WHERE id = 1") }
    }
}
