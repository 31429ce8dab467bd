import Testing
@testable import Analysis

@Suite struct KMeansTests {
    @Test func fourPointFixture() throws {
        // Two pairs one unit apart, ten apart: centroids (0, 0.5) and (10, 0.5), every point
        // 0.5 from its centroid, inertia 4 · 0.25 = 1. Equal sizes, so the lexicographically
        // smaller centroid (0, 0.5) is label 0.
        let data = Matrix([[0, 0], [0, 1], [10, 0], [10, 1]])
        let result = try fitKMeans(data, KMeansConfiguration(k: 2, seed: 1, threads: 1))
        #expect(result.inertia == 1.0)
        #expect(result.labels == [0, 0, 1, 1])
        #expect(result.centroids == Matrix([[0, 0.5], [10, 0.5]]))
        #expect(result.distances == [0.5, 0.5, 0.5, 0.5])
        #expect(result.clusterSizes == [2, 2])
    }

    @Test func separatedBlobsAreRecoveredWithCanonicalLabels() throws {
        let (data, truth) = makeBlobs(
            centres: [[0, 0, 0], [20, 0, 0], [0, 20, 0]], sizes: [100, 300, 200], spread: 1, seed: 2
        )
        let result = try fitKMeans(data, KMeansConfiguration(k: 3, nInit: 4, seed: 9, threads: 2))
        #expect(adjustedRandIndex(result.labels, truth) == 1.0)
        // Largest segment first: the 300-row blob at (20, 0, 0) is label 0, then 200, then 100.
        #expect(result.clusterSizes == [300, 200, 100])
        #expect(abs(result.centroids[0, 0] - 20) < 0.5)
        #expect(abs(result.centroids[1, 1] - 20) < 0.5)
        #expect(zip(result.labels, truth).allSatisfy { label, blob in
            label == [2, 0, 1][Int(blob)]
        })
        // Distances and inertia agree with the returned centroids.
        let check = assignToNearest(data, centroids: result.centroids, threads: 1)
        #expect(check.labels == result.labels)
        #expect(check.distances == result.distances)
        #expect(approximatelyEqual(result.distances.map { $0 * $0 }.reduce(0, +), result.inertia, tolerance: 1e-10))
    }

    @Test func bitIdenticalAcrossRunsAndThreadCounts() throws {
        // 17 000 rows span three 8192-row chunks, so the thread count really varies the split.
        let (data, _) = makeBlobs(
            centres: [[0, 0, 0], [4, 0, 0], [0, 4, 0], [0, 0, 4]], sizes: [5000, 4000, 4000, 4000], spread: 1.2, seed: 4
        )
        var configuration = KMeansConfiguration(k: 4, nInit: 2, seed: 77, threads: 1)
        let one = try fitKMeans(data, configuration)
        configuration.threads = 2
        let two = try fitKMeans(data, configuration)
        configuration.threads = 3
        let three = try fitKMeans(data, configuration)
        let again = try fitKMeans(data, configuration)
        #expect(one == two)
        #expect(two == three)
        #expect(three == again)
        #expect(one.clusterSizes.reduce(0, +) == 17_000)
        #expect(one.clusterSizes == one.clusterSizes.sorted(by: >))
    }

    @Test func differentSeedsSamePartitionSameLabels() throws {
        let (data, _) = makeBlobs(centres: [[0, 0], [10, 10], [-10, 10]], sizes: [50, 80, 65], spread: 0.5, seed: 6)
        let a = try fitKMeans(data, KMeansConfiguration(k: 3, nInit: 1, seed: 1, threads: 1))
        let b = try fitKMeans(data, KMeansConfiguration(k: 3, nInit: 1, seed: 2, threads: 1))
        #expect(a.labels == b.labels)
    }

    @Test func emptyClusterTakesTheFarthestRow() {
        // Rows 0, 1, 2, 3, 20 (one feature); start from centroids 1.5 and 1000. The first
        // assignment empties cluster 1, which takes row 20 (18.5 from 1.5, the farthest); the
        // rest average to 1.5. Inertia 2.25 + 0.25 + 0.25 + 2.25 = 5.
        let data = Matrix(rows: 5, columns: 1, values: [0, 1, 2, 3, 20])
        var labels = [Int32](repeating: -1, count: 5)
        let run = runLloyd(data, initial: [1.5, 1000], k: 2, maxIterations: 10, tolerance: 0, labels: &labels, threads: 1)
        #expect(run.centroids == [1.5, 20])
        var distances = [Double](repeating: 0, count: 5)
        let inertia = assignRows(data, centroids: run.centroids, k: 2, labels: &labels, distances: &distances, threads: 1)
        #expect(inertia == 5)
        #expect(labels == [0, 0, 0, 0, 1])
    }

    @Test func duplicatePointsWithKCloseToN() throws {
        // Only two distinct rows but k = 3: k-means++ must pick a duplicate centre, Lloyd
        // relocates the empty cluster; the result stays finite with zero inertia.
        let data = Matrix([[0, 0], [0, 0], [0, 0], [0, 0], [1, 1], [1, 1]])
        let result = try fitKMeans(data, KMeansConfiguration(k: 3, nInit: 3, seed: 5, threads: 1))
        #expect(result.inertia == 0)
        let finite = result.centroids.values.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(result.clusterSizes.reduce(0, +) == 6)
        #expect(result.clusterSizes[0] == 4 && result.clusterSizes[1] == 2)
        #expect(result.labels.allSatisfy { $0 >= 0 && $0 < 3 })
    }

    @Test func kEqualsN() throws {
        let data = Matrix([[0], [1], [3], [7]])
        let result = try fitKMeans(data, KMeansConfiguration(k: 4, seed: 3, threads: 1))
        #expect(result.inertia == 0)
        #expect(result.clusterSizes == [1, 1, 1, 1])
        #expect(result.centroids.values == [0, 1, 3, 7])  // size ties → coordinate order
        #expect(result.labels == [0, 1, 2, 3])
    }

    @Test func assignmentTiesGoToTheLowestIndex() {
        // Row (1, 0) is exactly 1 from both centroids; rows 3 apart test both lanes of a pair.
        let data = Matrix([[1, 0], [1, 0], [5, 0]])
        let nearest = assignToNearest(data, centroids: Matrix([[2, 0], [0, 0], [5, 0]]), threads: 1)
        #expect(nearest.labels == [0, 0, 2])
        #expect(nearest.distances == [1, 1, 0])
        #expect(nearest.inertia == 2)
    }

    @Test func higherDimensionsAndManyClustersUseTheGenericPath() throws {
        // d = 11 (no specialised kernel), k = 9 > 8.
        var centres: [[Double]] = []
        for c in 0..<9 { centres.append((0..<11).map { $0 == c ? 30.0 : 0.0 }) }
        let (data, truth) = makeBlobs(centres: centres, sizes: Array(repeating: 40, count: 9), spread: 1, seed: 12)
        let result = try fitKMeans(data, KMeansConfiguration(k: 9, nInit: 3, seed: 1, threads: 2))
        #expect(adjustedRandIndex(result.labels, truth) == 1.0)
    }

    @Test func errorsNameTheValues() {
        let data = Matrix([[0, 0], [0, 1], [10, 0], [10, 1]])
        func message(_ configuration: KMeansConfiguration, _ matrix: Matrix? = nil) -> String? {
            errorDescription { _ = try fitKMeans(matrix ?? data, configuration) }
        }
        #expect(message(KMeansConfiguration(k: 5)) == "n_samples=4 should be >= n_clusters=5")
        #expect(message(KMeansConfiguration(k: 0)) == "n_clusters=0 should be >= 1")
        #expect(message(KMeansConfiguration(k: 2, nInit: 0)) == "n_init=0 should be >= 1")
        #expect(message(KMeansConfiguration(k: 2, maxIterations: 0)) == "max_iter=0 should be >= 1")
        #expect(message(KMeansConfiguration(k: 2, tolerance: -1)) == "tol=-1.0 should be finite and >= 0")
        #expect(message(KMeansConfiguration(k: 2, tolerance: .nan)) == "tol=nan should be finite and >= 0")
        #expect(message(KMeansConfiguration(k: 2, threads: 0)) == "threads=0 should be >= 1")
        #expect(message(KMeansConfiguration(k: 1), Matrix([[0, .infinity]]))
            == "input contains a non-finite value inf at row 0, column 1")
    }
}
