import Testing
@testable import Analysis

@Suite struct KneeTests {
    @Test func clearElbowAtFour() {
        let ks = (1...10).map(Double.init)
        let inertia: [Double] = [1000, 600, 300, 100, 90, 80, 72, 65, 60, 56]
        // Normalised: at k = 4, 1 − yₙ = 1 − 44/944 ≈ 0.953 and xₙ = 1/3, D ≈ 0.62, the maximum
        // (k = 3 and k = 5 give ≈ 0.52); the threshold 0.62 − 1/9 is crossed later.
        #expect(findKnee(x: ks, y: inertia) == 3)
    }

    @Test func straightLineFlatAndShortCurvesHaveNoKnee() {
        let ks = (1...10).map(Double.init)
        #expect(findKnee(x: ks, y: ks.map { 100 - 7 * $0 }) == nil)
        #expect(findKnee(x: ks, y: Array(repeating: 5, count: 10)) == nil)
        #expect(findKnee(x: [1, 2], y: [10, 1]) == nil)
        // A barely bent curve (bulge 0.05 < 1/9) is not a clear knee either.
        let slight = ks.map { k in 100 - 10 * k - 4 * (k - 1) * (10 - k) / 20.25 * 0.5 }
        #expect(findKnee(x: ks, y: slight) == nil)
    }
}

@Suite struct ElbowTests {
    @Test func fourBlobsSuggestFour() throws {
        let (data, _) = makeBlobs(
            centres: [[0, 0], [10, 0], [0, 10], [10, 10]], sizes: [400, 400, 400, 400], spread: 1, seed: 31
        )
        var configuration = ElbowConfiguration(
            ks: 1...8, sampleSize: 1000, nInit: 3, silhouetteSampleSize: 400, seed: 5, threads: 2
        )
        let result = try elbowSweep(data, configuration)
        #expect(result.points.map(\.k) == Array(1...8))
        #expect(result.suggestedK == 4)
        #expect(result.points[0].silhouette == nil)
        #expect(result.points.dropFirst().allSatisfy { $0.silhouette != nil })
        for (before, after) in zip(result.points, result.points.dropFirst()) {
            #expect(after.inertia <= before.inertia * (1 + 1e-9))
        }
        // The silhouette peaks at the true k.
        let best = result.points.dropFirst().max { ($0.silhouette ?? -1) < ($1.silhouette ?? -1) }
        #expect(best?.k == 4)
        configuration.threads = 1
        #expect(try elbowSweep(data, configuration) == result)
    }

    @Test func errorsNameTheValues() {
        let data = Matrix(rows: 5, columns: 1, values: [0, 1, 2, 3, 4])
        #expect(errorDescription { _ = try elbowSweep(data, ElbowConfiguration(ks: 1...6)) }
            == "n_samples=5 should be >= n_clusters=6")
        #expect(errorDescription { _ = try elbowSweep(data, ElbowConfiguration(ks: 0...3)) }
            == "ks=0...3 should be a range of k >= 1")
        #expect(errorDescription { _ = try elbowSweep(data, ElbowConfiguration(ks: 1...3, silhouetteSampleSize: 1)) }
            == "silhouette_sample_size=1 should be >= 2")
    }
}

@Suite struct AdjustedRandIndexTests {
    @Test func scikitLearnDocumentationCases() {
        #expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1]) == 1.0)
        #expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0)
        #expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]) == 0.5714285714285714)
        #expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) == 0.5714285714285714)
        #expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0)
        #expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5)
    }

    @Test func specialCasesAreOne() {
        #expect(adjustedRandIndex([3, 3, 3], [5, 5, 5]) == 1.0)  // both one cluster
        #expect(adjustedRandIndex([0, 1, 2], [2, 0, 1]) == 1.0)  // both all singletons
        #expect(adjustedRandIndex([], []) == 1.0)
        #expect(adjustedRandIndex([4], [9]) == 1.0)
    }
}

@Suite struct HungarianTests {
    @Test func threeByThreeByHand() {
        // Row 0 → column 1 (1), row 1 → column 0 (2), row 2 → column 2 (2): total 5; the
        // other five permutations cost 6 or more.
        let cost = Matrix([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
        #expect(hungarianAssignment(cost: cost) == [1, 0, 2])
    }

    @Test func rectangularAndBruteForce() {
        #expect(hungarianAssignment(cost: Matrix([[1, 2, 3], [3, 1, 2]])) == [0, 1])
        #expect(hungarianAssignment(cost: Matrix([[5, 9, 1]])) == [2])
        var random = FixtureRandom(41)
        for _ in 0..<20 {
            let n = 5
            let cost = Matrix(rows: n, columns: n, values: (0..<(n * n)).map { _ in Double(random.index(below: 20)) })
            let assignment = hungarianAssignment(cost: cost)
            #expect(Set(assignment).count == n)
            let total = (0..<n).reduce(0.0) { $0 + cost[$1, assignment[$1]] }
            #expect(total == bestPermutationCost(cost))
        }
    }

    private func bestPermutationCost(_ cost: Matrix) -> Double {
        var best = Double.infinity
        var columns = Array(0..<cost.rows)
        func permute(_ k: Int) {
            if k == columns.count {
                best = min(best, (0..<cost.rows).reduce(0.0) { $0 + cost[$1, columns[$1]] })
                return
            }
            for i in k..<columns.count {
                columns.swapAt(k, i)
                permute(k + 1)
                columns.swapAt(k, i)
            }
        }
        permute(0)
        return best
    }
}
