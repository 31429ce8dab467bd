import Foundation
import Population
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// A quick configuration for tests (debug builds are slow): no elbow, few restarts.
func quickSegmentation(k: Int = 4, threads: Int = 2, elbow: ClosedRange<Int>? = nil) -> SegmentationConfiguration {
    var configuration = SegmentationConfiguration()
    configuration.k = k
    configuration.nInit = 3
    configuration.elbow = elbow
    configuration.silhouetteExactUpTo = 1_000
    configuration.silhouetteSampleSize = 1_000
    configuration.threads = threads
    return configuration
}

@Suite struct SegmentationTests {
    @Test func recoversThePlantedPersonasOnTwentyThousandUsers() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 20_000, seed: 2_024, in: dir)
        let result = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let ari = try #require(result.adjustedRandIndex)
        #expect(ari >= 0.9, "ARI \(ari) against the planted personas")
        // Stored, and the same as ARI recomputed from the stored tables by SQL-free means.
        #expect(try store.connection.scalar("SELECT ari FROM segmentation_runs WHERE id = ?", [.integer(result.runID)]) == .real(ari))
        #expect(result.pca.componentCount == 3, "four shares span three dimensions")
        #expect(result.explainedVariance >= 0.9)
    }

    @Test func storesOneCompleteRunPerCall() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        let first = try SegmentationJob.run(store: store, configuration: quickSegmentation(elbow: 1...5))
        let second = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        #expect(second.runID == first.runID + 1)
        let db = store.connection
        let run = SQLValue.integer(first.runID)
        let users = Int64(first.users)
        #expect(try db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ?", [run]) == .integer(users))
        #expect(try db.scalar("SELECT count(*) FROM pca_scores WHERE run_id = ?", [run]) == .integer(users * Int64(first.pca.componentCount)))
        #expect(try db.scalar("SELECT count(*) FROM segment_centroids WHERE run_id = ?", [run]) == .integer(Int64(4 * first.pca.componentCount)))
        #expect(try db.scalar("SELECT count(*) FROM elbow WHERE run_id = ?", [run]) == .integer(5))
        #expect(try db.scalar("SELECT count(*) FROM segments WHERE run_id = ?", [run]) == .integer(4))
        #expect(try db.scalar("SELECT count(*) FROM segment_profiles WHERE run_id = ?", [run]) == .integer(80))
        #expect(try db.scalar("SELECT count(*) FROM feature_scaling WHERE run_id = ?", [run]) == .integer(4))
        // Segment 1 is the largest; sizes add up; the latest views follow the newest run.
        let sizes = try db.rows("SELECT users FROM segments WHERE run_id = ? ORDER BY segment", [run]).compactMap { $0[0].int64 }
        #expect(sizes == sizes.sorted(by: >))
        #expect(sizes.reduce(0, +) == users)
        #expect(try db.scalar("SELECT id FROM latest_run") == .integer(second.runID))
        #expect(try db.scalar("SELECT count(DISTINCT segment) FROM latest_segments") == .integer(3))
        // Every stored distance is the distance to the stored centroid of the stored segment.
        let mismatches = try db.scalar("""
            WITH d AS (
                SELECT a.user_id, a.distance, sqrt(sum((s.score - c.value) * (s.score - c.value))) AS recomputed
                FROM segment_assignments a
                JOIN pca_scores s ON s.run_id = a.run_id AND s.user_id = a.user_id
                JOIN segment_centroids c ON c.run_id = a.run_id AND c.segment = a.segment AND c.component = s.component
                WHERE a.run_id = ?
                GROUP BY a.user_id
            )
            SELECT count(*) FROM d WHERE abs(distance - recomputed) > 1e-9
            """, [run])
        #expect(mismatches == .integer(0))
    }

    @Test func sameSeedSameRunWhateverTheThreadCount() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 4_000, in: dir)
        let one = try SegmentationJob.run(store: store, configuration: quickSegmentation(threads: 1, elbow: 1...4))
        let two = try SegmentationJob.run(store: store, configuration: quickSegmentation(threads: 2, elbow: 1...4))
        let three = try SegmentationJob.run(store: store, configuration: quickSegmentation(threads: 3, elbow: 1...4))
        for other in [two, three] {
            #expect(other.kMeans.labels == one.kMeans.labels)
            #expect(other.kMeans.inertia == one.kMeans.inertia)
            #expect(other.kMeans.centroids == one.kMeans.centroids)
            #expect(other.elbow == one.elbow)
            #expect(other.silhouette == one.silhouette)
        }
        let stored = try store.connection.rows(
            "SELECT count(*) FROM segment_assignments a JOIN segment_assignments b USING (user_id) WHERE a.run_id = ? AND b.run_id = ? AND a.segment != b.segment",
            [.integer(one.runID), .integer(three.runID)])
        #expect(stored == [[.integer(0)]])
    }

    @Test func theUserProfilesViewAgreesWithTheAnalysisAggregates() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, in: dir)
        // Force ties and a user without likes into the data, by hand as an analyst could.
        try store.connection.execute("""
            INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (9001, 'tie9001', 'Tie', 'tie9001@example.com', 17, 4);
            INSERT INTO user_likes VALUES (9001, 6, 2), (9001, 16, 2);
            INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (9002, 'none9002', 'None', 'none9002@example.com', 70, 0);
            """)
        let data = try WarehouseData.read(store)
        let view = try store.connection.rows(
            "SELECT user_id, age_group, sports, fashion, food, pets, coalesce(top_category, '') FROM user_profiles ORDER BY user_id")
        #expect(view.count == data.userCount)
        for (user, row) in view.enumerated() {
            #expect(row[0] == .integer(data.userIDs[user]))
            #expect(row[1] == .text(AgeGroup.label(forAge: Int(data.ages[user]))))
            for c in 0..<4 {
                #expect(row[2 + c] == .integer(Int64(data.categoryLikes[user * 4 + c])), "user \(data.userIDs[user]) category \(c)")
            }
            let top = data.topCategory(user: user).map { data.categories[$0].name } ?? ""
            #expect(row[6] == .text(top), "user \(data.userIDs[user])")
        }
        #expect(view.last?[6] == .text(""))                       // no likes: no top category
        #expect(view[view.count - 2][6] == .text("fashion"))      // a fashion–pets tie goes to fashion
    }
}

@Suite struct AlignmentTests {
    @Test func anAlignedRunKeepsTheSegmentNumbersOfTheEarlierRun() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 4_000, in: dir)
        let first = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        var second = quickSegmentation()
        second.seed = 1_234
        second.alignTo = first.runID
        let aligned = try SegmentationJob.run(store: store, configuration: second)
        // Same users, same segments under the earlier numbering: almost every label agrees.
        let same = try store.connection.scalar("""
            SELECT avg(a.segment = b.segment) FROM segment_assignments a JOIN segment_assignments b USING (user_id)
            WHERE a.run_id = ? AND b.run_id = ?
            """, [.integer(first.runID), .integer(aligned.runID)])?.double ?? 0
        #expect(same > 0.95, "share of users with the same segment number: \(same)")
        #expect(try store.connection.scalar("SELECT aligned_to FROM segmentation_runs WHERE id = ?", [.integer(aligned.runID)]) == .integer(first.runID))
        var missing = quickSegmentation()
        missing.alignTo = 99
        #expect(throws: WarehouseError.noSuchRun("99")) { try SegmentationJob.run(store: store, configuration: missing) }
    }
}

@Suite struct MiniBatchSegmentationTests {
    @Test func aMiniBatchRunIsWithinOnePercentOfTheFullFit() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 20_000, seed: 5, in: dir)
        let full = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        var configuration = quickSegmentation()
        configuration.miniBatchSize = 2_048
        let mini = try SegmentationJob.run(store: store, configuration: configuration)
        #expect(mini.kMeans.inertia <= full.kMeans.inertia * 1.01, "mini-batch \(mini.kMeans.inertia) vs full \(full.kMeans.inertia)")
        #expect((mini.adjustedRandIndex ?? 0) >= 0.9)
        #expect(throws: WarehouseError.self) {
            var bad = quickSegmentation()
            bad.miniBatchSize = 0
            try bad.validate()
        }
    }
}

@Suite struct ParallelReadTests {
    @Test func theTwoHalvesReadExactlyWhatOneConnectionReads() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_001, in: dir)
        let serial = try WarehouseData.read(store, threads: 1)
        let parallel = try WarehouseData.read(store, threads: 2, parallelFrom: 0)
        #expect(parallel.userIDs == serial.userIDs)
        #expect(parallel.ages == serial.ages)
        #expect(parallel.likedPosts == serial.likedPosts)
        #expect(parallel.personaIDs == serial.personaIDs)
        #expect(parallel.subcategoryLikes == serial.subcategoryLikes)
        #expect(parallel.categoryLikes == serial.categoryLikes)
    }

    @Test func theParallelReadRefusesOrphanLikes() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 500, in: dir)
        try store.connection.execute("PRAGMA foreign_keys = OFF; INSERT INTO user_likes VALUES (99999, 1, 3); PRAGMA foreign_keys = ON;")
        let error = try #require(throws: WarehouseError.self) { try WarehouseData.read(store, threads: 2, parallelFrom: 0) }
        #expect(error.description.contains("user 99999"))
    }
}

@Suite struct SilhouetteSampleTests {
    @Test func exactUpToTwentyThousandUsersThenASample() {
        let configuration = SegmentationConfiguration()
        #expect(configuration.silhouetteRows(users: 15_000) == 15_000)
        #expect(configuration.silhouetteRows(users: 20_000) == 20_000)
        #expect(configuration.silhouetteRows(users: 20_001) == 10_000)
        #expect(configuration.silhouetteRows(users: 1_000_000) == 10_000)
    }
}
