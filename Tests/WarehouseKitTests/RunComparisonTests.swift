import Analysis
import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// The adjusted Rand index by its definition, counting every unordered pair of rows, written
/// here independently of `Analysis.adjustedRandIndex` (which works from the contingency table):
/// ARI = (together in both − E) / ((together in a + together in b) / 2 − E), with
/// E = together in a × together in b / all pairs. O(n²): for test populations only.
func pairCountingAdjustedRandIndex<Label: Equatable>(_ a: [Label], _ b: [Label]) -> Double {
    precondition(a.count == b.count)
    var both = 0, inA = 0, inB = 0
    for i in a.indices {
        for j in (i + 1)..<a.count {
            let sameA = a[i] == a[j], sameB = b[i] == b[j]
            if sameA { inA += 1 }
            if sameB { inB += 1 }
            if sameA && sameB { both += 1 }
        }
    }
    let pairs = Double(a.count * (a.count - 1) / 2)
    let expected = Double(inA) * Double(inB) / pairs
    return (Double(both) - expected) / ((Double(inA) + Double(inB)) / 2 - expected)
}

/// Each user's segment in two runs, for the users both runs hold, read straight from `segment_assignments`.
func sharedLabels(_ runA: Int64, _ runB: Int64, in store: WarehouseStore) throws -> (a: [Int64], b: [Int64]) {
    let rows = try store.connection.rows("""
        SELECT a.segment, b.segment FROM segment_assignments AS a
        JOIN segment_assignments AS b ON b.user_id = a.user_id AND b.run_id = ?2
        WHERE a.run_id = ?1 ORDER BY a.user_id
        """, [.integer(runA), .integer(runB)])
    return (rows.map { $0[0].int64 ?? -1 }, rows.map { $0[1].int64 ?? -1 })
}

@Suite struct RunComparisonTests {
    @Test func overlapMatchingAndJaccardOnAHandFixture() {
        // a: segment 1 = users 0,1,2; 2 = 3,4; 3 = 5.   b: 1 = 2,3,4; 2 = 0,1; 3 = 5.
        let overlap = SegmentOverlap([1, 1, 1, 2, 2, 3], k: 3, [2, 2, 1, 1, 1, 3], k: 3)
        #expect(overlap.counts == [1, 2, 0, 2, 0, 0, 0, 0, 1])
        #expect(overlap.pairs.map { [$0.a, $0.b, $0.overlap] } == [[1, 2, 2], [2, 1, 2], [3, 3, 1]])
        let jaccard: [Double] = [2.0 / 3, 2.0 / 3, 1]
        #expect(overlap.pairs.map { $0.jaccard } == jaccard)   // 2 / (3 + 2 − 2), 2 / (2 + 3 − 2), 1 / 1
        #expect(overlap.unmatchedA.isEmpty && overlap.unmatchedB.isEmpty)
        // ARI by hand from the contingency table (rows a, columns b):
        //           b1  b2  b3 | sizes
        //     a1     1   2   0 |  3
        //     a2     2   0   0 |  2
        //     a3     0   0   1 |  1
        //     sizes  3   2   1 |  6
        // pairs together in both: C(2,2) + C(2,2) = 2; in a: C(3,2) + C(2,2) = 4; in b: 3 + 1 = 4;
        // all pairs C(6,2) = 15; expected 4 × 4 / 15 = 16/15; maximum (4 + 4) / 2 = 4;
        // ARI = (2 − 16/15) / (4 − 16/15) = (14/15) / (44/15) = 7/22 = 0.3181…
        #expect(abs(overlap.adjustedRandIndex - 7.0 / 22) < 1e-12, "ARI \(overlap.adjustedRandIndex)")
        #expect(abs(pairCountingAdjustedRandIndex([1, 1, 1, 2, 2, 3], [2, 2, 1, 1, 1, 3]) - 7.0 / 22) < 1e-12)
        // Renaming the labels changes nothing: 1 for a partition against itself renumbered.
        #expect(SegmentOverlap([1, 1, 1, 2, 2, 3], k: 3, [3, 3, 3, 1, 1, 2], k: 3).adjustedRandIndex == 1)
        // More segments on one side: the smallest overlap stays unmatched, on either side.
        let wider = SegmentOverlap([1, 1, 2, 2, 3], k: 3, [1, 1, 2, 2, 2], k: 2)
        #expect(wider.pairs.map { [$0.a, $0.b] } == [[1, 1], [2, 2]] && wider.unmatchedA == [3] && wider.unmatchedB.isEmpty)
        let narrower = SegmentOverlap([1, 1, 2, 2, 2], k: 2, [1, 1, 2, 2, 3], k: 3)
        #expect(narrower.pairs.map { [$0.a, $0.b] } == [[1, 1], [2, 2]] && narrower.unmatchedB == [3])
    }

    @Test func alignmentUndoesARenumbering() {
        let previous: [Int32] = [0, 0, 1, 1, 2, 2, 2, 3]
        let renumbered = previous.map { [2, 0, 3, 1][Int($0)] }    // old 0 → 2, 1 → 0, 2 → 3, 3 → 1
        let mapping = SegmentAlignment.permutation(newLabels: renumbered.map { Int32($0) }, k: 4, previousLabels: previous, previousK: 4)
        #expect(mapping == [1, 3, 0, 2])
        #expect(renumbered.map { Int32(mapping[$0]) } == previous)
        // One more segment than before: the unmatched one gets the new number.
        let split: [Int32] = [0, 0, 1, 1, 2, 2, 4, 3]
        let grown = SegmentAlignment.permutation(newLabels: split, k: 5, previousLabels: previous, previousK: 4)
        #expect(grown == [0, 1, 2, 3, 4])
        // Relabelling a fit moves centroids and sizes with the labels.
        let fit = KMeansResult(centroids: Matrix([[0], [10]]), labels: [0, 1, 1], distances: [0, 1, 2], inertia: 5,
                               iterations: 1, clusterSizes: [1, 2])
        let swapped = SegmentAlignment.relabel(fit, mapping: [1, 0])
        #expect(swapped.labels == [1, 0, 0] && swapped.centroids == Matrix([[10], [0]]) && swapped.clusterSizes == [2, 1])
    }

    @Test func twoRunsOnTheSameUsersCompareAndAlign() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        let first = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        var other = quickSegmentation()
        other.featureSets = [.categoryLog1p]
        other.seed = 7
        let second = try SegmentationJob.run(store: store, configuration: other)

        let itself = try CompareJob.run(store: store, .id(first.runID), .id(first.runID))
        #expect(itself.overlap.adjustedRandIndex == 1 && itself.numbersAgree)
        #expect(itself.overlap.pairs.allSatisfy { $0.jaccard == 1 })

        let comparison = try CompareJob.run(store: store, .id(first.runID), .latest)
        #expect(comparison.runB == second.runID && comparison.overlap.users == first.users)
        #expect(comparison.overlap.adjustedRandIndex > 0.7, "ARI \(comparison.overlap.adjustedRandIndex)")
        // The same ARI counted pair by pair from the two runs' stored assignments.
        let labels = try sharedLabels(first.runID, second.runID, in: store)
        #expect(labels.a.count == first.users)
        let counted = pairCountingAdjustedRandIndex(labels.a, labels.b)
        #expect(abs(comparison.overlap.adjustedRandIndex - counted) < 1e-12, "ARI \(comparison.overlap.adjustedRandIndex) vs \(counted) counted")
        #expect(comparison.overlap.pairs.count == 4 && comparison.overlap.pairs.allSatisfy { $0.jaccard > 0.6 })
        #expect(comparison.render().contains("adjusted Rand index"))
        _ = try JSONSerialization.jsonObject(with: Data(try comparison.json().utf8))

        // Aligning the second fit to the first numbers every matched segment as the first run does.
        let userIDs = try store.connection.rows(
            "SELECT user_id FROM segment_assignments WHERE run_id = ? ORDER BY user_id", [.integer(second.runID)]).compactMap { $0[0].int64 }
        let aligned = try SegmentAlignment.align(second.kMeans, userIDs: userIDs, to: first.runID, in: store)
        let after = SegmentOverlap(first.kMeans.labels.map { $0 + 1 }, k: 4, aligned.labels.map { $0 + 1 }, k: 4)
        #expect(after.pairs.allSatisfy { $0.a == $0.b })
        #expect(after.adjustedRandIndex == comparison.overlap.adjustedRandIndex)
        #expect(throws: WarehouseError.noSuchRun("9")) {
            try SegmentAlignment.align(second.kMeans, userIDs: userIDs, to: 9, in: store)
        }
    }

    @Test func runsListsEveryRunWithItsScores() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, in: dir)
        #expect(try RunsJob.run(store: store).runs.isEmpty)
        let first = try SegmentationJob.run(store: store, configuration: quickSegmentation(elbow: 1...4))
        let second = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 40, seed: 42, append: true, days: 0))
        let assigned = try AssignJob.run(store: store, run: .id(first.runID))
        let catalogue = try RunsJob.run(store: store)
        #expect(catalogue.runs.map(\.id) == [first.runID, second.runID])
        #expect(catalogue.runs.map(\.k) == [4, 3])
        #expect(catalogue.runs[0].assignedUsers == assigned.assigned && catalogue.runs[1].assignedUsers == 0)
        #expect(catalogue.runs[0].inertia == first.kMeans.inertia && catalogue.runs[0].adjustedRandIndex == first.adjustedRandIndex)
        // The run's ARI against the planted personas, counted pair by pair from the tables (its fitted users).
        let planted = try store.connection.rows("""
            SELECT a.segment, p.persona_id FROM segment_assignments AS a JOIN user_personas AS p ON p.user_id = a.user_id
            WHERE a.run_id = ? AND a.method = 'fitted' ORDER BY a.user_id
            """, [.integer(first.runID)])
        #expect(planted.count == first.users)
        let countedARI = pairCountingAdjustedRandIndex(planted.map { $0[0].int64 ?? -1 }, planted.map { $0[1].int64 ?? -1 })
        #expect(abs((catalogue.runs[0].adjustedRandIndex ?? .nan) - countedARI) < 1e-12, "stored ARI \(catalogue.runs[0].adjustedRandIndex ?? .nan) vs \(countedARI) counted")
        #expect(catalogue.runs[0].silhouette == first.silhouette && catalogue.runs[0].suggestedK == first.elbow?.suggestedK)
        let text = catalogue.render()
        #expect(text.split(separator: "\n").count == 3 && text.contains("silhouette"))
        let json = try JSONSerialization.jsonObject(with: Data(try catalogue.json().utf8)) as? [String: Any]
        #expect((json?["runs"] as? [Any])?.count == 2)
    }

    @Test func badInputIsRefusedInOneLine() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 500, in: dir)
        #expect(throws: WarehouseError.noSuchRun("latest")) { try CompareJob.run(store: store, .latest, .latest) }
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let error = try #require(throws: WarehouseError.self) { try CompareJob.run(store: store, .id(1), .id(99)) }
        #expect(error == .noSuchRun("99") && !error.description.contains("\n"))
    }
}
