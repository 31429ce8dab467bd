import Testing
@testable import Analysis
import Randomness

@Suite struct MiniBatchKMeansTests {
    @Test func separatedBlobsAreRecoveredWithCanonicalLabels() throws {
        let (data, truth) = makeBlobs(
            centres: [[0, 0, 0], [20, 0, 0], [0, 20, 0]], sizes: [1000, 3000, 2000], spread: 1, seed: 2
        )
        let result = try fitMiniBatchKMeans(data, MiniBatchKMeansConfiguration(k: 3, batchSize: 256, seed: 9, threads: 2))
        #expect(adjustedRandIndex(result.labels, truth) == 1.0)
        // Largest segment first: the 3000-row blob at (20, 0, 0) is label 0, then 2000, then 1000.
        #expect(result.clusterSizes == [3000, 2000, 1000])
        #expect(abs(result.centroids[0, 0] - 20) < 0.2)
        #expect(abs(result.centroids[1, 1] - 20) < 0.2)
        // Labels, distances and inertia are exact for the returned centroids.
        let check = assignToNearest(data, centroids: result.centroids, threads: 1)
        #expect(check.labels == result.labels)
        #expect(check.distances == result.distances)
        #expect(check.inertia == result.inertia)
    }

    @Test func inertiaWithinOnePercentOfTheFullFit() throws {
        // 50 000 rows, four overlapping blobs (centres 4 apart, spread 1.2).
        let (data, _) = makeBlobs(
            centres: [[0, 0, 0], [4, 0, 0], [0, 4, 0], [0, 0, 4]],
            sizes: [15_000, 13_000, 12_000, 10_000], spread: 1.2, seed: 21
        )
        let full = try fitKMeans(data, KMeansConfiguration(k: 4, nInit: 3, seed: 1, threads: 2))
        for seed: UInt64 in [1, 2] {
            let mini = try fitMiniBatchKMeans(data, MiniBatchKMeansConfiguration(k: 4, batchSize: 1024, seed: seed, threads: 2))
            let ratio = mini.inertia / full.inertia
            #expect(ratio < 1.01, "seed \(seed): mini-batch inertia \(mini.inertia) vs full \(full.inertia)")
            #expect(ratio > 0.999)
        }
    }

    @Test func bitIdenticalAcrossRunsAndThreadCounts() throws {
        // 17 000 rows span three 8192-row chunks; batch 4000 gives a 12 000-row init sample (two
        // chunks), so k-means++ on the sample and the final pass really split across threads.
        let (data, _) = makeBlobs(
            centres: [[0, 0, 0], [4, 0, 0], [0, 4, 0], [0, 0, 4]], sizes: [5000, 4000, 4000, 4000], spread: 1.2, seed: 4
        )
        for var configuration in [
            MiniBatchKMeansConfiguration(k: 4, batchSize: 300, seed: 77, threads: 1),
            MiniBatchKMeansConfiguration(k: 4, batchSize: 4000, tolerance: 1e-4, seed: 78, threads: 1),
        ] {
            let one = try fitMiniBatchKMeans(data, configuration)
            configuration.threads = 2
            let two = try fitMiniBatchKMeans(data, configuration)
            configuration.threads = 3
            let three = try fitMiniBatchKMeans(data, configuration)
            let again = try fitMiniBatchKMeans(data, configuration)
            #expect(one == two)
            #expect(two == three)
            #expect(three == again)
            #expect(one.clusterSizes.reduce(0, +) == 17_000)
            #expect(one.clusterSizes == one.clusterSizes.sorted(by: >))
        }
    }

    @Test func labelsAreCanonical() throws {
        let (data, _) = makeBlobs(centres: [[0, 0], [10, 10], [-10, 10]], sizes: [50, 80, 65], spread: 0.5, seed: 6)
        let a = try fitMiniBatchKMeans(data, MiniBatchKMeansConfiguration(k: 3, batchSize: 32, nInit: 1, seed: 1, threads: 1))
        let b = try fitMiniBatchKMeans(data, MiniBatchKMeansConfiguration(k: 3, batchSize: 32, nInit: 1, seed: 2, threads: 1))
        #expect(a.clusterSizes == [80, 65, 50])
        #expect(a.labels == b.labels)
        // Same canonical order as fitKMeans for the same partition.
        let full = try fitKMeans(data, KMeansConfiguration(k: 3, seed: 3, threads: 1))
        #expect(a.labels == full.labels)
    }

    @Test func stepMovesCentresToRunningMeans() {
        // Centres 0 and 10 with counts 1 and 2; batch 2, 12, 9. Rows 12 and 9 go to centre 1
        // (9 is 1 away, 9 from centre 0). Batch inertia 4 + 4 + 1 = 9 (before the update).
        // C0 = (0·1 + 2) / 2 = 1, C1 = (10·2 + 12 + 9) / 4 = 10.25; counts 2 and 4.
        var centroids: [Double] = [0, 10]
        var counts: [Double] = [1, 2]
        var labels = [Int32](repeating: 0, count: 3)
        var sums = [Double](repeating: 0, count: 2)
        let inertia = miniBatchStep([2, 12, 9], rows: 3, k: 2, centroids: &centroids, counts: &counts, labels: &labels, sums: &sums)
        #expect(inertia == 9)
        #expect(labels == [0, 1, 1])
        #expect(centroids == [1, 10.25])
        #expect(counts == [2, 4])
    }

    @Test func lowCountCentreIsReassignedToABatchRow() {
        // Centre 1 has count 0.5 < 0.01 · 100: it moves to a batch row (all rows are 7) and
        // takes the smallest remaining count, 100. Centre 0 stays.
        var centroids: [Double] = [0, -50]
        var counts: [Double] = [100, 0.5]
        var generator = SplitMix64(seed: 1)
        reassignLowCountCentres([7, 7, 7, 7], rows: 4, ratio: 0.01, centroids: &centroids, counts: &counts, generator: &generator)
        #expect(centroids == [0, 7])
        #expect(counts == [100, 100])
    }

    @Test func stoppingRules() {
        // Constant smoothed inertia: step 2 sets the minimum, steps 3 and 4 do not improve it.
        var patience = MiniBatchConvergence(alpha: 0.5, tolerance: 0, maxNoImprovement: 2)
        let byPatience = [(100.0, 1), (1, 2), (1, 3), (1, 4)].map { inertia, step in
            patience.shouldStop(step: step, batchInertiaPerRow: inertia, shift: 1)
        }
        #expect(byPatience == [false, false, false, true])
        // Smoothed shift 1 → 0.5 · 1 + 0.5 · 0 = 0.5 ≤ tolerance 0.5 at step 3.
        var tolerance = MiniBatchConvergence(alpha: 0.5, tolerance: 0.5, maxNoImprovement: nil)
        let step2 = tolerance.shouldStop(step: 2, batchInertiaPerRow: 3, shift: 1)
        let step3 = tolerance.shouldStop(step: 3, batchInertiaPerRow: 2, shift: 0)
        #expect(!step2 && step3)
        #expect(tolerance.smoothedShift == 0.5 && tolerance.smoothedInertia == 2.5)
    }

    @Test func withoutEarlyStoppingAllPassesRun() throws {
        // n = 1000, b = 100, 2 passes: exactly 20 steps, reported as 2 passes.
        let data = randomMatrix(rows: 1000, columns: 2, seed: 3)
        let result = try fitMiniBatchKMeans(data, MiniBatchKMeansConfiguration(
            k: 3, batchSize: 100, maxIterations: 2, maxNoImprovement: nil, seed: 1, threads: 1
        ))
        #expect(result.iterations == 2)
        #expect(maxSteps(passes: 2, n: 1000, batchSize: 100) == 20)
        #expect(passesBegun(steps: 11, n: 1000, batchSize: 100) == 2)
        #expect(maxSteps(passes: .max, n: 3, batchSize: 2) == Int.max / 2)
    }

    @Test func initSizeFollowsScikitLearn() {
        func size(k: Int, batch: Int, initSize: Int? = nil, n: Int) -> Int {
            resolvedInitSize(MiniBatchKMeansConfiguration(k: k, batchSize: batch, initSize: initSize), n: n, batchSize: min(batch, n))
        }
        #expect(size(k: 4, batch: 1024, n: 1_000_000) == 3072)
        #expect(size(k: 50, batch: 10, n: 1000) == 150)
        #expect(size(k: 4, batch: 1024, n: 2000) == 2000)
        #expect(size(k: 4, batch: 1024, initSize: 500, n: 1000) == 500)
    }

    @Test func batchLargerThanTheDataAndKEqualsN() throws {
        // b is clamped to n = 4. k-means++ on all rows picks every row; each centre then only
        // ever receives copies of its own row. (With reassignment on, as in scikit-learn, a
        // centre that no row of the first batch — drawn with replacement — reached would be
        // moved onto a drawn row, so the exact answer is not guaranteed.)
        let data = Matrix([[0], [1], [3], [7]])
        let result = try fitMiniBatchKMeans(data, MiniBatchKMeansConfiguration(
            k: 4, batchSize: 10_000, reassignmentRatio: 0, seed: 3, threads: 1
        ))
        #expect(result.inertia == 0)
        #expect(result.clusterSizes == [1, 1, 1, 1])
        #expect(result.centroids.values == [0, 1, 3, 7])
        #expect(result.labels == [0, 1, 2, 3])
    }

    @Test func errorsNameTheValues() {
        let data = Matrix([[0, 0], [0, 1], [10, 0], [10, 1]])
        func message(_ configuration: MiniBatchKMeansConfiguration, _ matrix: Matrix? = nil) -> String? {
            errorDescription { _ = try fitMiniBatchKMeans(matrix ?? data, configuration) }
        }
        typealias Settings = MiniBatchKMeansConfiguration
        #expect(message(Settings(k: 5)) == "n_samples=4 should be >= n_clusters=5")
        #expect(message(Settings(k: 0)) == "n_clusters=0 should be >= 1")
        #expect(message(Settings(k: 2, batchSize: 0)) == "batch_size=0 should be >= 1")
        #expect(message(Settings(k: 2, initSize: 1)) == "init_size=1 should be >= n_clusters=2")
        #expect(message(Settings(k: 2, nInit: 0)) == "n_init=0 should be >= 1")
        #expect(message(Settings(k: 2, maxIterations: 0)) == "max_iter=0 should be >= 1")
        #expect(message(Settings(k: 2, tolerance: -1)) == "tol=-1.0 should be finite and >= 0")
        #expect(message(Settings(k: 2, maxNoImprovement: -3)) == "max_no_improvement=-3 should be >= 0")
        #expect(message(Settings(k: 2, reassignmentRatio: .infinity))
            == "reassignment_ratio=inf should be finite and >= 0")
        #expect(message(Settings(k: 2, threads: 0)) == "threads=0 should be >= 1")
        #expect(message(Settings(k: 1), Matrix([[0, .nan]]))
            == "input contains a non-finite value nan at row 0, column 1")
    }
}
