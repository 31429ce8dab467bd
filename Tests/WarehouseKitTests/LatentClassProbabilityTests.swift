import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `target` and `compare` use a latent-class run's membership probabilities.
@Suite struct LatentClassProbabilityTests {
    @Test func targetAndCompareReportProbabilities() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        var latent = quickSegmentation()
        latent.method = .latentClass
        let first = try SegmentationJob.run(store: store, configuration: latent)
        let again = try SegmentationJob.run(store: store, configuration: latent)
        let kMeans = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let db = store.connection

        var options = TargetOptions()
        options.run = .id(first.runID)
        let view = try TargetJob.run(store: store, options: options)
        let memberships = view.segments.compactMap(\.membership)
        #expect(memberships.count == 4)
        for segment in view.segments {
            let m = try #require(segment.membership)
            let row = try db.rows("""
                SELECT avg(probability), sum(probability >= 0.9),
                       sum(probability) + (SELECT coalesce(sum(runner_up_probability), 0) FROM segment_assignments
                                           WHERE run_id = ?1 AND runner_up = ?2)
                FROM segment_assignments WHERE run_id = ?1 AND segment = ?2
                """, [.integer(first.runID), .integer(Int64(segment.segment))])[0]
            #expect(abs((m.meanProbability ?? -1) - (row[0].double ?? 1)) < 1e-12)
            #expect(Int64(m.certainUsers) == row[1].int64)
            #expect(abs(m.expectedUsers - (row[2].double ?? 0)) < 1e-9)
            #expect(m.certainUsers <= segment.users && (m.meanProbability ?? 0) > 0.5)
        }
        // Σ expected sizes: every user's top-two mass, just short of the users.
        let expected = memberships.map(\.expectedUsers).reduce(0, +)
        #expect(expected <= Double(first.users) * (1 + 1e-12) && expected > 0.995 * Double(first.users),
                "Σ expected sizes \(expected) for \(first.users) users")
        options.certainty = 0.5
        let looser = try TargetJob.run(store: store, options: options)
        #expect(zip(looser.segments, view.segments).allSatisfy { ($0.membership?.certainUsers ?? 0) >= ($1.membership?.certainUsers ?? 0) })
        #expect(view.render().contains("membership: expected size"))
        #expect(view.render().split(separator: "\n").allSatisfy { $0.count <= 100 })
        options.run = .id(kMeans.runID)
        let plain = try TargetJob.run(store: store, options: options)
        #expect(plain.segments.allSatisfy { $0.membership == nil })
        #expect(try plain.json().contains("\"membership\" : null"))
        options.certainty = 0
        #expect(throws: WarehouseError.invalidArgument("--certainty must be a probability in (0, 1], got 0.0")) {
            try TargetJob.run(store: store, options: options)
        }

        // The same run twice: the soft agreement is the mean probability of the members.
        let same = try CompareJob.run(store: store, .id(first.runID), .id(again.runID))
        #expect(same.overlap.adjustedRandIndex == 1)
        let soft = try #require(same.softAgreement)
        let meanProbability = try #require(try db.scalar(
            "SELECT avg(probability) FROM segment_assignments WHERE run_id = ?", [.integer(first.runID)])?.double)
        #expect(abs(soft.value - meanProbability) < 1e-12 && abs(soft.aToB - soft.bToA) < 1e-12)
        #expect(soft.users == first.users)
        #expect(same.render().contains("soft agreement \(Format.score(soft.value))"))
        #expect(same.render().split(separator: "\n").allSatisfy { $0.count <= 100 })
        // Against the age-group model: close but not identical; against k-means: none.
        var covariate = latent
        covariate.covariates = .ageGroup
        let withAges = try SegmentationJob.run(store: store, configuration: covariate)
        let near = try #require(try CompareJob.run(store: store, .id(first.runID), .id(withAges.runID)).softAgreement)
        #expect(near.value > 0.9 && near.value <= 1 && near.users == first.users, "soft agreement \(near.value)")
        let mixed = try CompareJob.run(store: store, .id(first.runID), .id(kMeans.runID))
        #expect(mixed.softAgreement == nil)
        #expect(try mixed.json().contains("\"soft_agreement\" : null"))
    }
}
