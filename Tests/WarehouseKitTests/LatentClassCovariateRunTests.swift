import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct LatentClassCovariateRunTests {
    /// `--covariates age-group` on the seeded population: stored weights per age group that sum
    /// to 1 and follow the planted persona_age_weights, settings that round-trip through
    /// `segmentation_runs`, and a fit at least as good as the plain model's.
    @Test func storesWeightsPerAgeGroupThatFollowThePlantedOnes() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 10_000, seed: 42, in: dir)
        var plainSettings = quickSegmentation()
        plainSettings.method = .latentClass
        let plain = try SegmentationJob.run(store: store, configuration: plainSettings)
        var settings = plainSettings
        settings.covariates = .ageGroup
        let result = try SegmentationJob.run(store: store, configuration: settings)
        let outcome = try #require(result.latentClass)
        #expect(outcome.covariate == .ageGroup)
        let plainFit = try #require(plain.latentClass).fit.fit
        #expect(outcome.fit.fit.logLikelihood >= plainFit.logLikelihood - 1e-3)
        let ari = try #require(result.adjustedRandIndex), plainARI = try #require(plain.adjustedRandIndex)
        #expect(ari >= plainARI - 0.005, "ARI with covariates \(ari), without \(plainARI)")

        let db = store.connection
        let run = SQLValue.integer(result.runID)
        let record = try #require(try RunRecord.read(id: result.runID, from: store))
        #expect(record.method == .latentClass && record.covariates == .ageGroup)
        #expect(try record.settings() == settings.settings)
        #expect(try #require(try RunRecord.read(id: plain.runID, from: store)).settings() == plainSettings.settings)
        #expect(try #require(try RunRecord.read(id: plain.runID, from: store)).covariates == nil)
        #expect(try db.scalar("SELECT parameters FROM latent_class_fits WHERE run_id = ?", [run]) == .integer(7 * 3 + 4 * 20))
        #expect(try db.scalar("SELECT count(*) FROM latent_class_group_weights WHERE run_id = ?", [run]) == .integer(28))
        #expect(try db.scalar("""
            SELECT max(abs(total - 1)) < 1e-12 FROM (SELECT sum(weight) AS total FROM latent_class_group_weights
            WHERE run_id = ? GROUP BY mixing_group)
            """, [run]) == .integer(1))
        // Each segment's weight per age group against its majority persona's planted weight.
        let worst = try db.scalar("""
            WITH majority AS (
                SELECT segment, persona_id FROM (
                    SELECT a.segment, p.persona_id, count(*) AS n,
                           row_number() OVER (PARTITION BY a.segment ORDER BY count(*) DESC) AS rank
                    FROM segment_assignments a JOIN user_personas p ON p.user_id = a.user_id
                    WHERE a.run_id = ?1 GROUP BY a.segment, p.persona_id)
                WHERE rank = 1)
            SELECT max(abs(g.weight - w.weight)) FROM latent_class_group_weights g
            JOIN majority m ON m.segment = g.segment
            JOIN persona_age_weights w ON w.persona_id = m.persona_id AND w.age_group = g.mixing_group
            WHERE g.run_id = ?1
            """, [run])?.double
        #expect(try #require(worst) < 0.08, "largest gap to the planted age weights: \(worst ?? -1)")

        let summary = SegmentationSummary(result)
        let text = summary.render()
        #expect(text.contains("weights per age group"), "\(text)")
        #expect(text.contains("mixing weights by age group"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let json = try summary.json()
        #expect(json.contains("\"covariates\" : \"age-group\""), "\(json)")
        #expect(json.contains("\"group\" : \"65+\""))
        #expect(try SegmentationSummary(plain).json().contains("\"covariates\" : null"))
        let runs = try RunsJob.run(store: store)
        #expect(runs.runs.map(\.covariates) == [nil, "age-group"])
        #expect(runs.render().contains("latent-class, age"))
    }

    /// `warehouse check` holds a covariate run's weights to its covariates.
    @Test func checkNamesARunWithMissingGroupWeights() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, seed: 42, in: dir)
        var settings = quickSegmentation()
        settings.method = .latentClass
        settings.covariates = .ageGroup
        let run = try SegmentationJob.run(store: store, configuration: settings).runID
        func verdict() throws -> CheckSummary.Verdict? {
            try CheckJob.run(path: store.path).checks.first { $0.name == "group_weights" }
        }
        #expect(try verdict()?.passed == true)
        try store.connection.run("DELETE FROM latent_class_group_weights WHERE mixing_group = '65+' AND segment = 3")
        let missing = try #require(try verdict())
        #expect(!missing.passed && missing.count == 1)
        let gap = try #require(try store.connection.scalar(
            "SELECT abs(sum(weight) - 1) FROM latent_class_group_weights WHERE mixing_group = '65+'")?.double)
        let expected = "run \(run) (covariates age-group, k = 4) has 27 weights in 7 groups (7 of its 7 known), "
            + "a group's summing to 1 ± " + String(format: "%.3g", gap)
        #expect(missing.detail == expected, "\(missing.detail ?? "")")
        try store.connection.run("UPDATE segmentation_runs SET covariates = NULL")
        #expect(try verdict()?.detail == "run \(run) has no covariates but 27 latent_class_group_weights rows")
    }

    @Test func covariatesNeedTheLatentClassMethod() throws {
        var configuration = quickSegmentation()
        configuration.covariates = .ageGroup
        #expect(throws: WarehouseError.invalidArgument(
            "--covariates age-group needs --method latent-class (k-means has no mixing weights), got --method kmeans")) {
            try configuration.validate()
        }
    }
}
