import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct LatentClassRunTests {
    /// The default population (seed 42) at 10,000 users: the latent-class run reaches 99 % of the
    /// Bayes ceiling, its BIC sweep suggests the four planted personas, and everything is stored.
    @Test func reachesTheCeilingAndBICFindsFourPersonas() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 10_000, seed: 42, in: dir)
        var configuration = quickSegmentation(elbow: 1...5)
        configuration.method = .latentClass
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        let ari = try #require(result.adjustedRandIndex)
        let ceiling = try #require(result.ceilingAdjustedRandIndex)
        #expect(ari >= 0.99 * ceiling, "ARI \(ari), ceiling \(ceiling)")
        #expect(ceiling > 0.95 && ceiling < 1)
        let outcome = try #require(result.latentClass)
        #expect(outcome.sweep?.suggestedK == 4, "BIC by k: \(outcome.sweep?.points.map { ($0.fit.k, $0.fit.bic) } ?? [])")

        let db = store.connection
        let run = SQLValue.integer(result.runID)
        #expect(try db.scalar("SELECT method FROM segmentation_runs WHERE id = ?", [run]) == .text("latent-class"))
        #expect(try db.scalar("SELECT ceiling_ari FROM segmentation_runs WHERE id = ?", [run]) == .real(ceiling))
        #expect(try db.scalar("SELECT suggested_k FROM segmentation_runs WHERE id = ?", [run]) == .integer(4))
        #expect(try db.scalar("SELECT log_likelihood FROM latent_class_fits WHERE run_id = ?", [run]) == .real(outcome.fit.fit.logLikelihood))
        #expect(try db.scalar("SELECT count(*) FROM latent_class_alpha WHERE run_id = ?", [run]) == .integer(80))
        #expect(try db.scalar("SELECT count(*) FROM latent_class_sweep WHERE run_id = ?", [run]) == .integer(5))
        #expect(try db.scalar("SELECT abs(sum(weight) - 1) < 1e-12 FROM latent_class_components WHERE run_id = ?", [run]) == .integer(1))
        // Every fitted user has a posterior, a runner-up in another segment, and they are ordered.
        #expect(try db.scalar("""
            SELECT count(*) FROM segment_assignments WHERE run_id = ? AND probability IS NOT NULL
              AND runner_up <> segment AND runner_up_probability <= probability AND probability + runner_up_probability <= 1 + 1e-12
            """, [run]) == .integer(Int64(result.users)))
        // The stored segments are the stored labels of the mixture: sizes match.
        let sizes = try db.rows("SELECT users FROM segments WHERE run_id = ? ORDER BY segment", [run]).compactMap { $0[0].int64 }
        #expect(sizes == outcome.fit.clusterSizes.map { Int64($0) })

        // The k-means run reports the same ceiling and stores no probabilities.
        let kMeans = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        #expect(kMeans.ceilingAdjustedRandIndex == ceiling)
        let kMeansRun = SQLValue.integer(kMeans.runID)
        #expect(try db.scalar("SELECT method FROM segmentation_runs WHERE id = ?", [kMeansRun]) == .text("kmeans"))
        #expect(try db.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ? AND probability IS NOT NULL", [kMeansRun]) == .integer(0))
        #expect(try #require(kMeans.adjustedRandIndex) < ari)
        let text = SegmentationSummary(result).render()
        #expect(text.contains(String(format: "ceiling %.3f", ceiling)))
        #expect(try SegmentationSummary(result).json().contains("\"ceiling_adjusted_rand_index\""))
    }

    /// Seeds never tuned on: 99 % of the ceiling at k = 4.
    @Test(arguments: [7, 2_027] as [UInt64])
    func reachesTheCeilingOnOtherSeeds(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 10_000, seed: seed, in: dir)
        var configuration = quickSegmentation()
        configuration.method = .latentClass
        configuration.seed = seed
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        let ari = try #require(result.adjustedRandIndex)
        let ceiling = try #require(result.ceilingAdjustedRandIndex)
        #expect(ari >= 0.99 * ceiling, "seed \(seed): ARI \(ari), ceiling \(ceiling)")
    }
}
