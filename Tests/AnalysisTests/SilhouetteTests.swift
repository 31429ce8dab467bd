import Testing
@testable import Analysis

/// The O(n²) textbook silhouette, for comparison.
private func bruteForceSilhouette(_ data: Matrix, _ labels: [Int32]) -> Double {
    let n = data.rows
    func distance(_ i: Int, _ j: Int) -> Double {
        var s = 0.0
        for t in 0..<data.columns {
            let diff = data[i, t] - data[j, t]
            s += diff * diff
        }
        return s.squareRoot()
    }
    let clusters = Set(labels)
    var total = 0.0
    for i in 0..<n {
        var sums: [Int32: Double] = [:]
        var sizes: [Int32: Int] = [:]
        for j in 0..<n where j != i {
            sums[labels[j], default: 0] += distance(i, j)
            sizes[labels[j], default: 0] += 1
        }
        guard let ownOthers = sizes[labels[i]], ownOthers > 0 else { continue }  // singleton: 0
        let a = (sums[labels[i]] ?? 0) / Double(ownOthers)
        var b = Double.infinity
        for c in clusters where c != labels[i] {
            b = min(b, (sums[c] ?? 0) / Double(sizes[c] ?? 1))
        }
        total += max(a, b) > 0 ? (b - a) / max(a, b) : 0
    }
    return total / Double(n)
}

@Suite struct SilhouetteTests {
    @Test func handComputedFourPoints() throws {
        // Rows 0, 1 | 4, 5 on a line. Row 0: a = 1, b = (4 + 5)/2 = 4.5, s = 3.5/4.5 = 7/9.
        // Row 1: a = 1, b = 3.5, s = 5/7; rows 4, 5 mirror them. Mean (7/9 + 5/7)/2 = 47/63.
        let data = Matrix(rows: 4, columns: 1, values: [0, 1, 4, 5])
        let score = try silhouetteScore(data, labels: [0, 0, 1, 1], threads: 1)
        #expect(abs(score - 47.0 / 63.0) < 1e-15)
        // Label values are arbitrary.
        #expect(try silhouetteScore(data, labels: [7, 7, -3, -3], threads: 1) == score)
    }

    @Test func matchesBruteForceOnRandomData() throws {
        let data = randomMatrix(rows: 150, columns: 3, seed: 21)
        var random = FixtureRandom(22)
        var labels = (0..<150).map { _ in Int32(random.index(below: 4)) }
        labels[17] = 9  // a singleton cluster scores 0
        let score = try silhouetteScore(data, labels: labels, threads: 2)
        #expect(abs(score - bruteForceSilhouette(data, labels)) < 1e-12)
    }

    @Test func manyLabellingsEqualSingleScoresAndIgnoreThreads() throws {
        let (data, truth) = makeBlobs(centres: [[0, 0], [6, 0], [0, 6]], sizes: [60, 50, 40], spread: 1, seed: 23)
        var random = FixtureRandom(24)
        let noise = (0..<150).map { _ in Int32(random.index(below: 2)) }
        let labelings = [truth, noise]
        let one = silhouetteScores(data, labelings: labelings, clusterCounts: [3, 2], threads: 1)
        let three = silhouetteScores(data, labelings: labelings, clusterCounts: [3, 2], threads: 3)
        #expect(one == three)
        #expect(one[0] == (try silhouetteScore(data, labels: truth, threads: 1)))
        #expect(abs(one[1] - bruteForceSilhouette(data, noise)) < 1e-12)
        #expect(one[0] > 0.6 && abs(one[1]) < 0.1)
    }

    @Test func sampledScoreIsSeededAndCloseToExact() throws {
        let (data, truth) = makeBlobs(centres: [[0, 0], [5, 0]], sizes: [300, 300], spread: 1, seed: 25)
        let exact = try silhouetteScore(data, labels: truth, threads: 2)
        let sampled = try silhouetteScore(data, labels: truth, sampleSize: 200, seed: 4, threads: 2)
        #expect(sampled == (try silhouetteScore(data, labels: truth, sampleSize: 200, seed: 4, threads: 1)))
        #expect(sampled != exact)
        #expect(abs(sampled - exact) < 0.05)
    }

    @Test func undefinedLabelCountsThrow() {
        let data = Matrix(rows: 3, columns: 1, values: [0, 1, 2])
        #expect(errorDescription { _ = try silhouetteScore(data, labels: [0, 0, 0]) }
            == "number of labels is 1; valid values are 2 to n_samples - 1 (inclusive) with n_samples=3")
        #expect(errorDescription { _ = try silhouetteScore(data, labels: [0, 1, 2]) }
            == "number of labels is 3; valid values are 2 to n_samples - 1 (inclusive) with n_samples=3")
        #expect(errorDescription { _ = try silhouetteScore(data, labels: [0, 1]) }
            == "labels has 2 entries but 3 were expected")
    }
}

@Suite struct SamplingTests {
    @Test func distinctSortedAndSeeded() {
        var a = FixtureRandom(1), b = FixtureRandom(1)
        let first = sampleIndices(population: 1000, count: 100, generator: &a)
        let second = sampleIndices(population: 1000, count: 100, generator: &b)
        #expect(first == second)
        #expect(first == first.sorted() && Set(first).count == 100)
        #expect(first.allSatisfy { $0 >= 0 && $0 < 1000 })
        var c = FixtureRandom(2)
        #expect(sampleIndices(population: 5, count: 5, generator: &c) == [0, 1, 2, 3, 4])
    }
}

extension FixtureRandom: RandomNumberGenerator {}
