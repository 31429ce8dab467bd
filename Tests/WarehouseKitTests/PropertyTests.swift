import Randomness
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Properties over random small populations: each case's size, seed and k come from a seeded
/// generator, so a failure names a reproducible case.
@Suite struct PropertyTests {
    struct Case: CustomStringConvertible {
        let users: Int
        let seed: UInt64
        let k: Int
        var description: String { "users \(users), seed \(seed), k \(k)" }
    }

    static let cases: [Case] = {
        var generator = SplitMix64(seed: 20_261_128)
        return (0..<12).map { _ in
            Case(users: 60 + generator.uniformIndex(below: 600), seed: generator.next() >> 1, k: 2 + generator.uniformIndex(below: 5))
        }
    }()

    @Test(arguments: cases)
    func invariantsHold(_ testCase: Case) throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: testCase.users, seed: testCase.seed, in: dir)
        let db = store.connection
        // Likes per user sum to liked_posts.
        #expect(try db.scalar("""
            SELECT count(*) FROM users AS u
            WHERE u.liked_posts != (SELECT coalesce(sum(likes), 0) FROM user_likes WHERE user_id = u.id)
            """) == .integer(0), "\(testCase)")

        var configuration = SegmentationConfiguration()
        configuration.k = testCase.k
        configuration.seed = testCase.seed
        configuration.nInit = 10
        configuration.elbow = 1...6
        configuration.silhouetteExactUpTo = 500
        configuration.silhouetteSampleSize = 500
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        let run = SQLValue.integer(result.runID)

        // Every user is assigned to the nearest stored centroid (ties within rounding allowed).
        let misassigned = try db.scalar("""
            WITH d AS (
                SELECT s.user_id, c.segment, sum((s.score - c.value) * (s.score - c.value)) AS d2
                FROM pca_scores s JOIN segment_centroids c ON c.run_id = s.run_id AND c.component = s.component
                WHERE s.run_id = ?1 GROUP BY s.user_id, c.segment
            )
            SELECT count(*) FROM segment_assignments a
            JOIN d AS mine ON mine.user_id = a.user_id AND mine.segment = a.segment
            WHERE a.run_id = ?1 AND mine.d2 > (SELECT min(d2) FROM d WHERE d.user_id = a.user_id) + 1e-9
            """, [run])
        #expect(misassigned == .integer(0), "\(testCase)")

        // Inertia in the elbow table is non-increasing in k (1% tolerance: each k is a fit of its own).
        let inertias = try db.rows("SELECT inertia FROM elbow WHERE run_id = ? ORDER BY k", [run]).compactMap { $0[0].double }
        #expect(inertias.count == 6, "\(testCase)")
        for (smaller, larger) in zip(inertias, inertias.dropFirst()) {
            #expect(larger <= smaller * 1.01 + 1e-9, "\(testCase): \(inertias)")
        }

        // PCA components orthonormal; variance ratios in [0, 1] summing to at most 1.
        let components = result.pca.components
        for a in 0..<components.rows {
            for b in 0..<components.rows {
                var dot = 0.0
                for f in 0..<components.columns { dot += components[a, f] * components[b, f] }
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-9, "\(testCase): ⟨c\(a), c\(b)⟩ = \(dot)")
            }
        }
        let ratios = try db.rows("SELECT variance_ratio FROM pca_variance WHERE run_id = ?", [run]).compactMap { $0[0].double }
        #expect(ratios.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(testCase)")
        #expect(ratios.reduce(0, +) <= 1 + 1e-12, "\(testCase)")
    }
}
