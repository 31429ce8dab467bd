import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Values the schema (or a hostile editor bypassing its CHECKs) lets into the warehouse, which
/// used to crash a command by a trap, a 24 GB allocation, or an infinite distance stored with
/// exit 0. Each must now be refused with one line naming the table, the row and the value, and
/// leave the database as it was.
@Suite struct StoredValueTests {
    /// A seeded, segmented and targeted warehouse (1,500 users, k = 4) with `edit` applied by a
    /// second connection, as an analyst's `sqlite3` session would.
    static func edited(_ edit: String, in dir: TemporaryDirectory) throws -> (store: WarehouseStore, run: Int64) {
        let store = try seededStore(users: 1_500, in: dir)
        var configuration = quickSegmentation()
        configuration.elbow = 1...4
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        _ = try TargetJob.run(store: store, options: TargetOptions())
        let editor = try Connection(path: dir.path("w.sqlite"))
        try editor.execute("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
        try editor.execute(edit)
        editor.close()
        return (store, result.runID)
    }

    struct Case: Sendable, CustomStringConvertible {
        let edit: String
        let command: String
        /// Text the one-line refusal must contain.
        let names: String
        var description: String { "\(command) after \(edit)" }
    }

    static let cases: [Case] = [
        Case(edit: "UPDATE user_likes SET likes = 9223372036854775000 WHERE user_id = 3 AND subcategory_id = (SELECT min(subcategory_id) FROM user_likes WHERE user_id = 3)",
             command: "recommend", names: "likes"),
        Case(edit: "UPDATE personas SET id = 3000000000 WHERE id = 1", command: "report", names: "personas.id"),
        Case(edit: "UPDATE personas SET id = 3000000000 WHERE id = 1", command: "target", names: "personas.id"),
        Case(edit: "UPDATE elbow SET silhouette = 1e308 WHERE k = 2", command: "report", names: "elbow.silhouette"),
        Case(edit: "UPDATE elbow SET silhouette = -1e308 WHERE k = 3", command: "report", names: "elbow.silhouette"),
        Case(edit: "UPDATE users SET age = 9223372036854775807 WHERE id = 7", command: "report", names: "users.age of user 7"),
        Case(edit: "UPDATE feature_scaling SET pca_mean = 9e999 WHERE feature_index = 1", command: "assign", names: "feature_scaling.pca_mean"),
        Case(edit: "UPDATE pca_loadings SET loading = 1e308 WHERE component = 1 AND feature = (SELECT min(feature) FROM pca_loadings)",
             command: "assign", names: "pca_loadings.loading"),
        Case(edit: "UPDATE segmentation_runs SET k = 0", command: "runs", names: "segmentation_runs.k of run 1 is 0"),
        Case(edit: "UPDATE segmentation_runs SET inertia = -5", command: "report", names: "segmentation_runs.inertia of run 1 is -5"),
        Case(edit: "UPDATE segmentation_runs SET engine = 'x' || char(27) || '[2J'", command: "runs", names: "control characters"),
        Case(edit: "UPDATE segment_centroids SET value = 1e200 WHERE segment = 1 AND component = 1", command: "assign",
             names: "segment_centroids.value"),
        Case(edit: "UPDATE segment_priors SET alpha = 1e-300 WHERE segment = 1", command: "recommend",
             names: "segment_priors.alpha"),
        Case(edit: "UPDATE segment_assignments SET segment = 3000000000 WHERE user_id = 5", command: "compare", names: "segment_assignments.segment of run 1, user 5 is 3000000000"),
        Case(edit: "UPDATE segmentation_runs SET feature_count = 99999, n_components = 99999", command: "assign",
             names: "claims 99999 features and 99999 components"),
    ]

    @Test(arguments: cases) func aHostileValueIsRefusedNamingItsRow(_ test: Case) throws {
        let dir = try TemporaryDirectory()
        // Users assigned after the run would make `assign` a no-op before the model is read: none here,
        // so seed a few more for `assign` to place.
        let (store, run) = try Self.edited(test.edit, in: dir)
        if test.command == "assign" {
            _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 50, seed: 7, append: true, days: 0))
        }
        let before = try populationDigest(store.connection)
        let runsBefore = try store.connection.scalar("SELECT count(*) FROM segment_assignments")
        let error = try #require(throws: WarehouseError.self) {
            switch test.command {
            case "recommend":
                let user = try #require(try store.connection.scalar(
                    "SELECT user_id FROM user_likes ORDER BY likes DESC LIMIT 1")?.int64)
                _ = try RecommendJob.run(store: store, options: RecommendOptions(userID: user))
            case "report": _ = try ReportJob.run(store: store)
            case "target": _ = try TargetJob.run(store: store, options: TargetOptions())
            case "assign": _ = try AssignJob.run(store: store, run: .id(run), threads: 2)
            case "runs": _ = try RunsJob.run(store: store)
            case "compare": _ = try CompareJob.run(store: store, .id(run), .id(run))
            default: Issue.record("unknown command \(test.command)")
            }
        }
        let message = error.description
        #expect(message.contains(test.names), "\(message)")
        #expect(!message.contains("\n") && !message.contains("\u{1B}"))
        #expect(try populationDigest(store.connection) == before)
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_assignments") == runsBefore)
    }
}

/// Found by `scripts/hostile-test.sh 300 1` (case 180): an orphaned persona row with a user id
/// near Int64.max made `seed --append` trap on the id arithmetic of its last batch.
@Suite struct OrphanedIDTests {
    @Test func anAppendPastAnOrphanedIDNearInt64MaxNeitherTrapsNorReusesIt() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 200, in: dir)
        let editor = try Connection(path: dir.path("w.sqlite"))
        try editor.execute("PRAGMA foreign_keys = OFF; UPDATE user_personas SET user_id = 9223372036854775000 WHERE user_id = 200;")
        editor.close()
        let summary = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 50, seed: 7, append: true, batchSize: 16, days: 0))
        #expect(summary.firstUserID == 9_223_372_036_854_775_001 && summary.lastUserID == 9_223_372_036_854_775_050)
        // No room for another 1,000: refused in one line, nothing written.
        let error = try #require(throws: WarehouseError.self) {
            try SeedJob.run(store: store, configuration: SeedConfiguration(users: 1_000, seed: 8, append: true, days: 0))
        }
        #expect(error.description.contains("no room for 1000 more ids"), "\(error)")
        #expect(try UsersTable.count(store) == 250)
    }

    /// Found by the long harness (case 198): with every user deleted by hand, their likes stayed,
    /// and `pipeline` seeded new users beside them before the segmentation refused.
    @Test func aSeedBesideLikesWithoutTheirUsersIsRefusedAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 100, in: dir)
        let editor = try Connection(path: dir.path("w.sqlite"))
        try editor.execute("PRAGMA foreign_keys = OFF; DELETE FROM users;")
        editor.close()
        let error = try #require(throws: WarehouseError.self) {
            try SeedJob.run(store: store, configuration: SeedConfiguration(users: 10, seed: 9, append: true, days: 0))
        }
        #expect(error.description.contains("user_likes has likes for user 1, who is not in users"), "\(error)")
        #expect(try UsersTable.count(store) == 0)
        #expect(try store.connection.scalar("SELECT count(*) FROM seed_batches") == .integer(1))
    }
}

/// A setting the writers accept is one the reader accepts back: the ranges have one home.
@Suite struct SettingsRangeTests {
    @Test func aToleranceTheRunTableCannotHoldIsRefusedBeforeTheRun() throws {
        var configuration = SegmentationConfiguration()
        configuration.tolerance = 1e301
        #expect(throws: WarehouseError.invalidArgument("--tol must be a number between 0 and 1e300, got 1e+301")) {
            try configuration.validate()
        }
        var settings = RunSettings()
        settings.tolerance = 1e301
        #expect(throws: WarehouseError.invalidArgument("tol must be between 0.0 and 1e+300, got 1e+301")) { try settings.validate() }
        settings.tolerance = 1e300
        try settings.validate()
    }
}
