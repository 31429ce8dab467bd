import Analysis
import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `warehouse assign` on latent-class runs: users placed by the fitted mixture.
@Suite struct LatentClassAssignTests {
    /// Fitted users whose assignments are removed and assigned again get back their stored
    /// segment, probability, runner-up and distance, with and without covariates.
    @Test(arguments: [nil, .ageGroup] as [LatentClassCovariate?])
    func reassigningFittedUsersReproducesTheirStoredMembership(covariate: Optional<LatentClassCovariate>) throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        var configuration = quickSegmentation()
        configuration.method = .latentClass
        configuration.covariates = covariate
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        let db = store.connection
        let run = SQLValue.integer(result.runID)
        let query = """
            SELECT user_id, segment, probability, runner_up, runner_up_probability, distance FROM segment_assignments
            WHERE run_id = ? AND user_id % 7 = 3 ORDER BY user_id
            """
        let before = try db.rows(query, [run])
        #expect(before.count > 300)
        try db.run("DELETE FROM segment_assignments WHERE run_id = ? AND user_id % 7 = 3", [run])
        let summary = try AssignJob.run(store: store, run: .id(result.runID), threads: 2)
        #expect(summary.assigned == before.count)
        let after = try db.rows(query, [run])
        #expect(after.count == before.count)
        var worstProbability = 0.0, worstDistance = 0.0
        for (old, new) in zip(before, after) {
            #expect(old[0] == new[0] && old[1] == new[1] && old[3] == new[3], "user \(old[0]): \(old) then \(new)")
            worstProbability = max(worstProbability, abs((old[2].double ?? -1) - (new[2].double ?? 1)),
                                   abs((old[4].double ?? -1) - (new[4].double ?? 1)))
            worstDistance = max(worstDistance, abs((old[5].double ?? -1) - (new[5].double ?? 1)))
        }
        #expect(worstProbability < 1e-12, "largest probability change \(worstProbability)")
        #expect(worstDistance < 1e-12, "largest distance change \(worstDistance)")
        #expect(try db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ? AND method = 'assigned'", [run])
                == .integer(Int64(before.count)))
    }

    /// Users appended after a latent-class run follow their planted personas as well as the
    /// fitted users do, and carry probabilities.
    @Test func appendedUsersArePlacedByTheMixture() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        var configuration = quickSegmentation()
        configuration.method = .latentClass
        configuration.covariates = .ageGroup
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 1_000, seed: 42, append: true, days: 0))
        let summary = try AssignJob.run(store: store, run: .latest, threads: 2)
        #expect(summary.assigned > 900)
        let meanProbability = try #require(summary.meanProbability)
        #expect(meanProbability > 0.9 && meanProbability <= 1)
        #expect(summary.render().contains("placed by the run's mixture: mean membership probability"))
        let db = store.connection
        let rows = try db.rows("""
            SELECT a.segment, p.persona_id, a.probability, a.runner_up FROM segment_assignments a
            JOIN user_personas p USING (user_id) WHERE a.run_id = ? AND a.method = 'assigned' ORDER BY a.user_id
            """, [.integer(result.runID)])
        #expect(rows.count == summary.assigned)
        #expect(rows.allSatisfy { ($0[2].double ?? 0) > 0 && ($0[3].int64 ?? 0) >= 1 && $0[3] != $0[0] })
        let ari = adjustedRandIndex(rows.map { Int32($0[0].int64 ?? 0) }, rows.map { Int32($0[1].int64 ?? 0) })
        let fittedARI = try #require(result.adjustedRandIndex)
        #expect(ari >= fittedARI - 0.05, "ARI of the assigned users \(ari), of the fitted \(fittedARI)")
    }

    @Test func aMixtureWithAMissingAlphaIsRefused() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_200, in: dir)
        var configuration = quickSegmentation()
        configuration.method = .latentClass
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 50, seed: 42, append: true, days: 0))
        try store.connection.run("DELETE FROM latent_class_alpha WHERE run_id = ? AND segment = 2 AND subcategory_id = 5",
                                 [.integer(result.runID)])
        #expect(throws: WarehouseError.brokenInvariant("run \(result.runID) has no latent_class_alpha for segment 2, subcategory 5")) {
            try AssignJob.run(store: store, run: .latest, threads: 1)
        }
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_assignments WHERE method = 'assigned'") == .integer(0))
    }
}
