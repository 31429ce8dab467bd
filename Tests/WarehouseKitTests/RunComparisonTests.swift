import Analysis
import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

@Suite struct RunComparisonTests {
    @Test func overlapMatchingAndJaccardOnAHandFixture() {
        // a: segment 1 = users 0,1,2; 2 = 3,4; 3 = 5.   b: 1 = 2,3,4; 2 = 0,1; 3 = 5.
        let overlap = SegmentOverlap([1, 1, 1, 2, 2, 3], k: 3, [2, 2, 1, 1, 1, 3], k: 3)
        #expect(overlap.counts == [1, 2, 0, 2, 0, 0, 0, 0, 1])
        #expect(overlap.pairs.map { [$0.a, $0.b, $0.overlap] } == [[1, 2, 2], [2, 1, 2], [3, 3, 1]])
        let jaccard: [Double] = [2.0 / 3, 2.0 / 3, 1]
        #expect(overlap.pairs.map { $0.jaccard } == jaccard)   // 2 / (3 + 2 − 2), 2 / (2 + 3 − 2), 1 / 1
        #expect(overlap.unmatchedA.isEmpty && overlap.unmatchedB.isEmpty)
        #expect(overlap.adjustedRandIndex == adjustedRandIndex([1, 1, 1, 2, 2, 3], [2, 2, 1, 1, 1, 3]))
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
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 40, seed: 42, append: true))
        let assigned = try AssignJob.run(store: store, run: .id(first.runID))
        let catalogue = try RunsJob.run(store: store)
        #expect(catalogue.runs.map(\.id) == [first.runID, second.runID])
        #expect(catalogue.runs.map(\.k) == [4, 3])
        #expect(catalogue.runs[0].assignedUsers == assigned.assigned && catalogue.runs[1].assignedUsers == 0)
        #expect(catalogue.runs[0].inertia == first.kMeans.inertia && catalogue.runs[0].adjustedRandIndex == first.adjustedRandIndex)
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
