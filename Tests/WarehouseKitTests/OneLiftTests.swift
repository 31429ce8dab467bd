import Foundation
import Storage
import Testing
import TestSupport
import WarehouseSchema
@testable import WarehouseKit
@testable import WarehouseTables

/// The warehouse's one affinity (`Lift`): the number a run stores in `segment_profiles.lift` is
/// the one `target` computes for the same members, the one `target --interest` shows, the one the
/// segment's description quotes, and what the SQL formula of migration 12 gives from the run's own
/// counts.
@Suite struct OneLiftTests {
    /// ((u + 100 p) / (n + 100)) / p from the stored counts, per (segment, subcategory id).
    static func sqlLifts(run: Int64, store: WarehouseStore) throws -> [String: Double] {
        let rows = try store.connection.rows("""
            WITH e AS (SELECT subcategory_id, sum(users_liking) AS engaged FROM segment_profiles WHERE run_id = ?1 GROUP BY subcategory_id),
                 m AS (SELECT sum(users) AS members FROM segments WHERE run_id = ?1)
            SELECT p.segment, p.subcategory_id,
                   ((p.users_liking + 100.0 * e.engaged / m.members) / (s.users + 100.0)) / (1.0 * e.engaged / m.members)
            FROM segment_profiles AS p JOIN segments AS s USING (run_id, segment) JOIN e USING (subcategory_id), m
            WHERE p.run_id = ?1 AND e.engaged > 0
            """, [.integer(run)])
        var out: [String: Double] = [:]
        for row in rows {
            guard let segment = row[0].int64, let id = row[1].int64, let lift = row[2].double else { continue }
            out["\(segment)/\(id)"] = lift
        }
        return out
    }

    static func storedLifts(run: Int64, store: WarehouseStore) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for row in try store.connection.rows("SELECT segment, subcategory_id, lift FROM segment_profiles WHERE run_id = ? AND lift IS NOT NULL",
                                             [.integer(run)]) {
            guard let segment = row[0].int64, let id = row[1].int64, let lift = row[2].double else { continue }
            out["\(segment)/\(id)"] = lift
        }
        return out
    }

    @Test func theRunTargetInterestTargetAndSQLGiveOneNumber() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, days: 60, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation()).runID
        let stored = try Self.storedLifts(run: run, store: store)
        let sql = try Self.sqlLifts(run: run, store: store)
        #expect(stored.count == 4 * 20 && Set(stored.keys) == Set(sql.keys))
        for (key, lift) in stored { #expect(abs(lift - (sql[key] ?? .nan)) < 1e-9, "\(key): stored \(lift), SQL \(sql[key] ?? .nan)") }
        // Each segment over-likes something (a persona's home interests) and under-likes something.
        for segment in 1...4 {
            let mine = stored.filter { $0.key.hasPrefix("\(segment)/") }.values
            #expect((mine.max() ?? 0) > 1.5 && (mine.min() ?? 9) < 0.8)
        }

        // `target` over the same members (nothing assigned since the run): the same lifts.
        var options = TargetOptions()
        options.top = 100
        let profile = try TargetJob.run(store: store, options: options)
        var compared = 0
        for segment in profile.segments {
            for ranked in segment.subcategories {
                let key = "\(segment.segment)/\(ranked.affinity.id)"
                #expect(abs((ranked.affinity.lift ?? .nan) - (stored[key] ?? .nan)) < 1e-9, "target \(key)")
                compared += 1
            }
            // Ranked by lift, highest first.
            let lifts = segment.subcategories.compactMap(\.affinity.lift)
            #expect(lifts == lifts.sorted(by: >))
        }
        #expect(compared == 80)
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_affinity WHERE run_id = ? AND lift IS NOT NULL", [.integer(run)])?.int64 == 80)

        // `target --interest`: each segment's lift for it is the stored one.
        let running = try #require(try store.connection.scalar("SELECT id FROM subcategories WHERE name = 'running'")?.int64)
        var interest = TargetOptions()
        interest.interest = SubcategoryChoice("running")
        let bySegment = try TargetInterestJob.run(store: store, options: interest)
        #expect(bySegment.segments.count == 4)
        for row in bySegment.segments {
            #expect(abs((row.lift ?? .nan) - (stored["\(row.segment)/\(running)"] ?? .nan)) < 1e-9, "target --interest, segment \(row.segment)")
        }

        // `recommend` gives each suggestion the user's segment's stored lift for it.
        var recommend = RecommendOptions(userID: 5)
        recommend.includeLiked = true
        let suggested = try RecommendJob.run(store: store, options: recommend)
        let segment = try #require(suggested.segment)
        #expect(!suggested.suggestions.isEmpty)
        for suggestion in suggested.suggestions {
            #expect(suggestion.segmentLift == stored["\(segment)/\(suggestion.subcategoryID)"], "recommend \(suggestion.name)")
        }

        // The description quotes the stored lift of what it over-likes.
        let names = try SegmentNaming.names(run: run, k: 4, store: store)
        let subcategoryID = Dictionary(uniqueKeysWithValues: try store.connection.rows("SELECT name, id FROM subcategories").compactMap { row in
            row[0].string.flatMap { name in row[1].int64.map { (name, $0) } }
        })
        for name in names {
            let quoted = try #require(name.description.firstMatch(of: /over-likes ([a-z ]+) \(lift ([0-9.]+)×\)/))
            let id = try #require(subcategoryID[String(quoted.1)])
            let lift = try #require(stored["\(name.segment)/\(id)"])
            #expect(Format.lift(lift) == "\(quoted.2)×")
        }
    }

    /// A warehouse at version 11 holds the old lift (share of likes ÷ everyone's): migration 12
    /// replaces it with the one lift from the run's own counts, and leaves the rest as it was.
    @Test func migrationTwelveRecomputesStoredLifts() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        let raw = try Connection(path: path)
        try raw.execute("PRAGMA foreign_keys = ON")
        try Migrator(migrations: Array(WarehouseMigrations.all.prefix(11))).migrate(raw)
        try raw.execute("""
            INSERT INTO categories VALUES (1, 'sports');
            INSERT INTO subcategories VALUES (1, 1, 'football'), (2, 1, 'tennis');
            INSERT INTO segmentation_runs(k, n_components, features, feature_count, seed, n_init, max_iter, tol, users,
                max_user_id, inertia, iterations, explained_variance, threads, seconds)
                VALUES (2, 1, 'category_share', 1, 42, 1, 10, 0.0001, 300, 300, 1.0, 1, 1.0, 1, 0.1);
            INSERT INTO segments(run_id, segment, users, share, mean_age, mean_liked_posts, top_category) VALUES
                (1, 1, 100, 1.0 / 3, 30, 3, 'sports'), (1, 2, 200, 2.0 / 3, 40, 3, 'sports');
            INSERT INTO segment_profiles(run_id, segment, subcategory_id, mean_likes, share, lift, users_liking) VALUES
                (1, 1, 1, 2.0, 0.8, 1.6, 90), (1, 1, 2, 0.5, 0.2, 0.4, 10),
                (1, 2, 1, 0.5, 0.3, 0.6, 30), (1, 2, 2, 1.0, 0.7, 1.4, 0);
            """)
        raw.close()
        let store = try WarehouseStore(path: path, mode: .mustExist)
        #expect(try store.schemaVersion() == WarehouseMigrations.latestVersion)
        let lifts = try Self.storedLifts(run: 1, store: store)
        // football: p = 120/300 = 0.4; segment 1: ((90 + 40) / 200) / 0.4 = 1.625. tennis: p = 10/300.
        func expected(_ u: Double, _ n: Double, _ p: Double) -> Double { ((u + 100 * p) / (n + 100)) / p }
        #expect(abs((lifts["1/1"] ?? 0) - 1.625) < 1e-12)
        #expect(abs((lifts["2/1"] ?? 0) - expected(30, 200, 0.4)) < 1e-12)
        #expect(abs((lifts["1/2"] ?? 0) - expected(10, 100, 10.0 / 300)) < 1e-12)
        #expect(abs((lifts["2/2"] ?? 0) - expected(0, 200, 10.0 / 300)) < 1e-12)
        #expect(try store.connection.scalar("SELECT sum(share) FROM segment_profiles")?.double == 2.0)
    }
}
