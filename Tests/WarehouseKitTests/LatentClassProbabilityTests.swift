import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `target` and `compare` use a latent-class run's membership probabilities.
@Suite struct LatentClassProbabilityTests {
    /// Two hand-made latent-class runs (k = 2) that number their segments the other way round;
    /// user 5 is only in run 1. (segment probability / runner-up probability)
    ///
    ///     user  run 1        run 2
    ///        1  1 .9 / 2 .1  2 .95 / 1 .05
    ///        2  1 .8 / 2 .2  2 .6  / 1 .4
    ///        3  2 .7 / 1 .3  1 .55 / 2 .45
    ///        4  2 .6 / 1 .4  2 .7  / 1 .3
    ///        5  1 1.0        –
    private func handMadeLatentRuns(in dir: TemporaryDirectory) throws -> WarehouseStore {
        let store = try WarehouseStore(path: dir.path("soft.sqlite"), mode: .createIfMissing)
        try store.connection.execute("""
            INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES
                (1, 'u1', 'U', 'u1@example.com', 20, 0), (2, 'u2', 'U', 'u2@example.com', 30, 0),
                (3, 'u3', 'U', 'u3@example.com', 40, 0), (4, 'u4', 'U', 'u4@example.com', 50, 0),
                (5, 'u5', 'U', 'u5@example.com', 60, 0);
            INSERT INTO segmentation_runs(id, k, n_components, features, feature_count, seed, n_init, max_iter, tol, users,
                max_user_id, inertia, iterations, explained_variance, threads, seconds, method) VALUES
                (1, 2, 1, 'category_share', 2, 42, 1, 10, 0.0001, 5, 5, 1.0, 1, 1.0, 1, 0.1, 'latent-class'),
                (2, 2, 1, 'category_share', 2, 42, 1, 10, 0.0001, 4, 5, 1.0, 1, 1.0, 1, 0.1, 'latent-class');
            INSERT INTO segment_assignments(run_id, user_id, segment, distance, probability, runner_up, runner_up_probability) VALUES
                (1, 1, 1, 0, 0.9, 2, 0.1), (1, 2, 1, 0, 0.8, 2, 0.2), (1, 3, 2, 0, 0.7, 1, 0.3), (1, 4, 2, 0, 0.6, 1, 0.4),
                (1, 5, 1, 0, 1.0, NULL, NULL),
                (2, 1, 2, 0, 0.95, 1, 0.05), (2, 2, 2, 0, 0.6, 1, 0.4), (2, 3, 1, 0, 0.55, 2, 0.45), (2, 4, 2, 0, 0.7, 1, 0.3);
            """)
        return store
    }

    /// `compare`'s hard and soft agreement on the hand-made runs, every number worked out by hand.
    @Test func compareOnHandMadeRunsGivesTheHandComputedAgreement() throws {
        let dir = try TemporaryDirectory()
        let store = try handMadeLatentRuns(in: dir)
        let comparison = try CompareJob.run(store: store, .id(1), .id(2))
        #expect(comparison.usersA == 5 && comparison.usersB == 4 && comparison.overlap.users == 4)
        // Shared users 1–4: run 1 labels (1, 1, 2, 2), run 2 labels (2, 2, 1, 2). Contingency:
        //     run 1 \ run 2   1   2
        //          1          0   2
        //          2          1   1
        // The maximum-overlap matching pairs 1↔2 (2 users) and 2↔1 (1 user): 3 shared, against 1 the other way.
        #expect(comparison.overlap.pairs.map { [$0.a, $0.b, $0.overlap] } == [[1, 2, 2], [2, 1, 1]])
        // Jaccard: 2 / (2 + 3 − 2) and 1 / (2 + 1 − 1).
        let jaccard: [Double] = [2.0 / 3, 1.0 / 2]
        #expect(comparison.overlap.pairs.map(\.jaccard) == jaccard)
        // ARI: pairs together in both C(2,2) = 1; in run 1 C(2,2) + C(2,2) = 2; in run 2 C(3,2) = 3;
        // all pairs C(4,2) = 6; expected 2 × 3 / 6 = 1, equal to the index: ARI = (1 − 1) / (2.5 − 1) = 0.
        #expect(comparison.overlap.adjustedRandIndex == 0)
        // Soft agreement: run 1 → 2 takes run 2's probability of the matched segment (1→2, 2→1):
        //   user 1: .95, user 2: .6, user 3: .55, user 4 (in 2, its runner-up is 1): .3 → 2.4 / 4 = 0.6;
        // run 2 → 1: user 1: .9, user 2: .8, user 3: .7, user 4 (in 1's segment 2, runner-up 1): .4 → 2.8 / 4 = 0.7;
        // soft agreement (0.6 + 0.7) / 2 = 0.65, over the 4 shared users (user 5 is only in run 1).
        let soft = try #require(comparison.softAgreement)
        #expect(abs(soft.aToB - 0.6) < 1e-12 && abs(soft.bToA - 0.7) < 1e-12 && abs(soft.value - 0.65) < 1e-12, "\(soft)")
        #expect(soft.users == 4)
        let text = comparison.render()
        #expect(text.contains("run 1 (k = 2, 5 users) vs run 2 (k = 2, 4 users): 4 users in both"), "\(text)")
        #expect(text.contains("adjusted Rand index 0.000 "), "\(text)")
        #expect(text.contains("soft agreement 0.650: "), "\(text)")
        #expect(text.contains("1→2 0.600, 2→1 0.700"), "\(text)")
        #expect(text.contains("over 4 users"), "\(text)")
        #expect(text.contains("matched segments are numbered differently"), "\(text)")
    }

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
        // The printed value, formatted by SQLite's printf rather than by the formatter under test.
        let printed = try #require(try db.scalar(
            "SELECT printf('%.3f', avg(probability)) FROM segment_assignments WHERE run_id = ?", [.integer(first.runID)])?.string)
        #expect(same.render().contains("soft agreement \(printed):"), "\(same.render())")
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
