import Analysis
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct AssignTests {
    /// The run's projection as `assign` loads it.
    private func projection(_ store: WarehouseStore, run: Int64) throws -> (RunProjection, WarehouseData, RunMembers) {
        let data = try WarehouseData.read(store)
        let record = try RunSelector.id(run).record(in: store)
        let members = try RunMembers.read(run: run, k: record.k, userIDs: data.userIDs, from: store)
        let projection = try RunProjection.load(record: record, data: data, members: members, threads: 2, from: store)
        return (projection, data, members)
    }

    @Test func assigningTheRunsOwnUsersReproducesTheirFittedSegmentsExactly() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        var configuration = quickSegmentation()
        configuration.featureSets = [.categoryShare, .age]
        let result = try SegmentationJob.run(store: store, configuration: configuration)

        // Runs stored without the PCA centre: it is recomputed, and equals the fit's bit for bit.
        try store.connection.run("UPDATE feature_scaling SET pca_mean = NULL, zero_variance = NULL WHERE run_id = ?", [.integer(result.runID)])
        let (recomputed, data, members) = try projection(store, run: result.runID)
        #expect(recomputed.source == .recomputed)
        #expect(recomputed.pca.mean == result.pca.mean)
        #expect(recomputed.scaling == result.scaling)
        let rows = members.rows.map { Int($0) }
        let placed = try recomputed.place(rows: rows, data: data, threads: 3)
        #expect(placed.segments == result.kMeans.labels.map { $0 + 1 })
        #expect(placed.distances == result.kMeans.distances)
        let storedScores = try store.connection.rows(
            "SELECT score FROM pca_scores WHERE run_id = ? ORDER BY user_id, component", [.integer(result.runID)]).compactMap { $0[0].double }
        #expect(placed.scores.values == storedScores)

        // With the centre stored (as RunWriter writes it), the stored values are used and agree.
        for index in result.featureNames.indices {
            try store.connection.run("UPDATE feature_scaling SET pca_mean = ?, zero_variance = ? WHERE run_id = ? AND feature_index = ?", [
                .real(result.pca.mean[index]), .integer(result.scaling.zeroVarianceColumns.contains(index) ? 1 : 0),
                .integer(result.runID), .integer(Int64(index + 1)),
            ])
        }
        let (stored, _, _) = try projection(store, run: result.runID)
        #expect(stored.source == .stored)
        let again = try stored.place(rows: rows, data: data, threads: 1)
        #expect(again.segments == placed.segments && again.distances == placed.distances && again.scores == placed.scores)
    }

    @Test func usersAppendedAfterARunAreAssignedOnceAndMarked() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_500, in: dir)
        let result = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 600, seed: 42, append: true, days: 0))
        let db = store.connection
        let run = SQLValue.integer(result.runID)
        let newWithLikes = try db.scalar("SELECT count(*) FROM users WHERE id > 2500 AND liked_posts > 0")?.int64 ?? 0

        let summary = try AssignJob.run(store: store, run: .latest, threads: 2)
        #expect(summary.runID == result.runID)
        #expect(Int64(summary.assigned) == newWithLikes && summary.perSegment.reduce(0, +) == summary.assigned)
        #expect(summary.alreadyInRun == result.users)
        #expect(summary.usersWithoutLikes == result.usersWithoutLikes + 600 - Int(newWithLikes))
        #expect(try db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ? AND method = 'assigned'", [run]) == .integer(newWithLikes))
        #expect(try db.scalar("SELECT min(user_id) FROM segment_assignments WHERE run_id = ? AND method = 'assigned'", [run]) == .integer(2_501))
        #expect(try db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ? AND method = 'fitted'", [run]) == .integer(Int64(result.users)))
        // The new users' segments follow their planted personas as well as the fitted users' do.
        let rows = try db.rows("""
            SELECT a.segment, p.persona_id FROM segment_assignments a JOIN user_personas p USING (user_id)
            WHERE a.run_id = ? AND a.method = 'assigned' ORDER BY a.user_id
            """, [run])
        let ari = adjustedRandIndex(rows.map { Int32($0[0].int64 ?? 0) }, rows.map { Int32($0[1].int64 ?? 0) })
        #expect(ari > 0.85, "ARI of assigned users vs personas: \(ari)")
        #expect(summary.render().contains("assigned \(Format.count(summary.assigned)) users"))

        // Again: nothing left to assign, nothing written.
        let second = try AssignJob.run(store: store, run: .id(result.runID), threads: 1)
        #expect(second.assigned == 0 && second.alreadyInRun == result.users + summary.assigned)
        #expect(try db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ?", [run]) == .integer(Int64(result.users + summary.assigned)))
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test func badInputIsRefusedInOneLineAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 800, in: dir)
        #expect(throws: WarehouseError.noSuchRun("latest")) { try AssignJob.run(store: store, run: .latest) }
        let result = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        #expect(throws: WarehouseError.noSuchRun("7")) { try AssignJob.run(store: store, run: .id(7)) }
        #expect(throws: WarehouseError.invalidArgument("--threads must be between 1 and 256, got 0")) {
            try AssignJob.run(store: store, run: .latest, threads: 0)
        }
        // A fitted user deleted by hand: an old run's centre can no longer be recomputed.
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 50, seed: 42, append: true, days: 0))
        let user = try store.connection.scalar(
            "SELECT user_id FROM segment_assignments WHERE run_id = ? ORDER BY user_id LIMIT 1", [.integer(result.runID)])?.int64 ?? 0
        try store.connection.run("DELETE FROM users WHERE id = ?", [.integer(user)])
        try store.connection.run("UPDATE feature_scaling SET pca_mean = NULL, zero_variance = NULL")   // as runs stored before 0003
        let error = try #require(throws: WarehouseError.self) { try AssignJob.run(store: store, run: .latest) }
        #expect(error.description.contains("cannot be recomputed") && !error.description.contains("\n"), "\(error)")
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_assignments WHERE method = 'assigned'") == .integer(0))
    }
}
