import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `warehouse check`: every check passes on a warehouse the commands wrote, each invariant broken
/// by hand is named with its first offender, a damaged or hostile file gets verdicts (no crash,
/// no hang), and the file is never changed.
@Suite struct CheckTests {
    /// A warehouse every writing job has touched: seed, run (with elbow), append, assign, target.
    private func fullWarehouse(in dir: TemporaryDirectory) throws -> WarehouseStore {
        let store = try seededStore(users: 1_200, seed: 3, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 4, elbow: 1...4))
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 300, seed: 3, append: true, days: 0))
        _ = try AssignJob.run(store: store, run: .latest, threads: 2)
        _ = try TargetJob.run(store: store, options: TargetOptions())
        return store
    }

    private func verdict(_ report: CheckSummary, _ name: String) throws -> CheckSummary.Verdict {
        try #require(report.checks.first { $0.name == name }, "no check \(name)")
    }

    /// A like interaction beyond `user_likes`, and an interaction of a user who does not exist,
    /// each named by its own check.
    @Test func handEditedInteractionsAreNamed() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, days: 30, in: dir)
        #expect(try CheckJob.run(path: store.path).passed)
        let day = SeedConfiguration.defaultAsOf / 86_400
        try store.connection.execute("PRAGMA foreign_keys = OFF")
        try store.connection.execute("INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id, ordinal) VALUES (\(day), 7, 1, 1, 3, 99)")
        var report = try CheckJob.run(path: store.path)
        let likes = try #require(report.checks.first { $0.name == "interaction_likes" })
        #expect(likes.status == .failed && (likes.detail ?? "").contains("user 7 has"), "\(likes.detail ?? "")")
        try store.connection.execute("DELETE FROM interactions WHERE ordinal = 99")
        try store.connection.execute("INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id) VALUES (\(day), 123456, 1, 2, 3)")
        report = try CheckJob.run(path: store.path)
        let references = try #require(report.checks.first { $0.name == "interaction_references" })
        #expect(references.status == .failed && (references.detail ?? "").contains("user 123456"), "\(references.detail ?? "")")
        #expect(report.checks.filter { $0.status == .failed }.map(\.name) == ["foreign_keys", "interaction_references"])
    }

    @Test func everyCheckPassesOnAWarehouseTheCommandsWrote() throws {
        let dir = try TemporaryDirectory()
        let store = try fullWarehouse(in: dir)
        let report = try CheckJob.run(path: store.path)
        for check in report.checks {
            #expect(check.status == .ok, "\(check.name): \(check.detail ?? "")")
        }
        #expect(report.passed)
        #expect(report.checks.map(\.name) == ["integrity", "foreign_keys", "schema", "likes_sum", "likes_positive", "likes_references",
                                              "personas", "seed_batches", "run_segments", "run_tables", "group_weights",
                                              "interaction_likes", "interaction_references", "interaction_packs", "finite_values"])
        // One line per check, and a summary.
        #expect(report.render().split(separator: "\n").count == report.checks.count + 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        #expect((json["checks"] as? [[String: Any]])?.count == report.checks.count)
    }

    /// (the edit, the check that must fail, a fragment of its verdict).
    @Test(arguments: [
        ("UPDATE users SET liked_posts = liked_posts + 1 WHERE id IN (7, 9)", "likes_sum", "user 7 has liked_posts = "),
        ("UPDATE user_likes SET likes = 9223372036854775000 WHERE user_id = (SELECT user_id FROM user_likes GROUP BY user_id HAVING count(*) >= 2 ORDER BY user_id LIMIT 1)",
         "likes_sum", "has likes summing beyond 9223372036854775807"),
        ("UPDATE user_likes SET likes = 0 WHERE user_id = (SELECT min(user_id) FROM user_likes)", "likes_positive", "has likes = 0"),
        ("INSERT INTO user_likes VALUES (999999, 1, 3)", "likes_references", "no user 999999"),
        ("INSERT INTO user_likes VALUES (12, 99, 3)", "likes_references", "no subcategory 99"),
        ("DELETE FROM users WHERE id = 20", "personas", "user 20 has a persona row but no users row"),
        ("UPDATE user_personas SET persona_id = 77 WHERE user_id = 21", "personas", "user 21 has a persona that does not exist"),
        ("UPDATE seed_batches SET users = users + 1 WHERE id = 1", "seed_batches", "batch 1 records 1201 users"),
        ("UPDATE users SET seed_batch_id = 2 WHERE id = 5", "seed_batches", "batch 1 records 1200 users (ids 1–1200)"),
        ("UPDATE seed_batches SET like_rows = like_rows - 1 WHERE id = 2", "seed_batches", "batch 2 records 300 users"),
        ("UPDATE segment_assignments SET segment = 9 WHERE user_id = (SELECT min(user_id) FROM segment_assignments)", "run_segments",
         "is in segment 9, outside 1…4"),
        ("DELETE FROM segment_centroids WHERE segment = 2 AND component = 1", "run_tables", "segment_centroids has"),
        ("DELETE FROM pca_scores WHERE user_id = (SELECT min(user_id) FROM pca_scores)", "run_tables", "pca_scores has"),
        ("UPDATE segmentation_runs SET k = 5", "run_tables", "where k × n_components = 5 × "),
        ("UPDATE pca_loadings SET loading = 9e999 WHERE component = 1", "finite_values", "pca_loadings (run_id 1, component 1"),
        ("UPDATE segment_assignments SET distance = 9e999 WHERE user_id = (SELECT max(user_id) FROM segment_assignments)", "finite_values",
         "distance = inf"),
        ("CREATE TRIGGER sneaky AFTER INSERT ON users BEGIN SELECT 1; END", "schema", "trigger sneaky on users is not the warehouse's"),
        ("DROP INDEX users_email", "schema", "the index users_email is missing"),
        ("CREATE INDEX extra ON user_likes(likes)", "schema", "index extra on user_likes is not the warehouse's"),
        ("PRAGMA user_version = 3", "schema", "user_version = 3"),
        ("PRAGMA user_version = -1", "schema", "user_version = -1, this binary's schema is version"),
        ("UPDATE user_likes SET user_id = 5000 WHERE user_id = 60", "foreign_keys", "a row of user_likes"),
    ])
    func eachBrokenInvariantIsNamed(_ edit: String, _ name: String, _ fragment: String) throws {
        let dir = try TemporaryDirectory()
        let store = try fullWarehouse(in: dir)
        try store.connection.execute("PRAGMA foreign_keys = OFF")
        try store.connection.execute("PRAGMA ignore_check_constraints = ON")
        try store.connection.execute(edit)
        let report = try CheckJob.run(path: store.path)
        let failed = try verdict(report, name)
        #expect(failed.status == .failed, "\(edit): \(failed)")
        #expect(failed.detail?.contains(fragment) == true, "\(edit): \(failed.detail ?? "nil")")
        #expect(failed.count >= 1)
        #expect(!report.passed)
    }

    @Test func aViewInPlaceOfATableIsReportedWithoutRunningIt() throws {
        let dir = try TemporaryDirectory()
        let store = try fullWarehouse(in: dir)
        try store.connection.execute("PRAGMA foreign_keys = OFF")
        try store.connection.execute("DROP TABLE user_personas")
        // A query of this view never ends.
        try store.connection.execute("""
            CREATE VIEW user_personas AS WITH RECURSIVE r(user_id, persona_id) AS (SELECT 1, 1 UNION ALL SELECT user_id + 1, 1 FROM r)
            SELECT user_id, persona_id FROM r
            """)
        let report = try CheckJob.run(path: store.path)
        let schema = try verdict(report, "schema")
        #expect(schema.status == .failed)
        #expect(schema.detail?.contains("user_personas is a view, the migrations make it a table") == true, "\(schema)")
        #expect(try verdict(report, "personas").status == .skipped)
        #expect(try verdict(report, "likes_sum").status == .skipped)
    }

    @Test func aDamagedFileGetsVerdictsNotACrash() throws {
        let dir = try TemporaryDirectory()
        let path: String
        let root: Int64
        do {
            let store = try fullWarehouse(in: dir)
            path = store.path
            root = try #require(try store.connection.scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'segment_assignments'")?.int64)
            _ = try store.connection.rows("PRAGMA wal_checkpoint(TRUNCATE)")
            store.connection.close()
        }
        #expect((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0 == 0)
        // The store is closed (checkpointed): overwrite the root page of the assignments.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let report = try CheckJob.run(path: path)
        let integrity = try verdict(report, "integrity")
        #expect(integrity.status == .failed, "\(integrity)")
        #expect(integrity.detail?.isEmpty == false)
        #expect(!report.passed)
        #expect(!report.render().contains("\u{1B}"))
    }

    @Test func checkingChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let path: String
        do {
            let store = try fullWarehouse(in: dir)
            path = store.path
            try store.connection.execute("PRAGMA foreign_keys = OFF")
            try store.connection.execute("UPDATE users SET liked_posts = liked_posts + 1 WHERE id = 7")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let beforeVersion = try Connection(path: path, options: .init(readOnly: true)).scalar("PRAGMA data_version")
        _ = try CheckJob.run(path: path)
        _ = try CheckJob.run(path: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "check changed the database file")
        #expect(beforeVersion != nil)
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        #expect(wal == 0, "check wrote \(wal) bytes of WAL")
    }

    @Test func filesThatAreNotWarehousesAreRefusedOrReported() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: WarehouseError.noDatabase(path: dir.path("missing.sqlite"))) { try CheckJob.run(path: dir.path("missing.sqlite")) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("missing.sqlite")), "check must not create a file")
        // Another application's database: every invariant skipped, the schema named.
        let foreign = dir.path("other.sqlite")
        try Connection(path: foreign).execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
        let report = try CheckJob.run(path: foreign)
        #expect(try verdict(report, "schema").detail?.contains("user_version = 0") == true)
        #expect(try verdict(report, "likes_sum").status == .skipped)
        #expect(try verdict(report, "integrity").status == .ok)
    }
}
