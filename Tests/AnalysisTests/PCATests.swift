import Testing
@testable import Analysis

@Suite struct SymmetricEigenTests {
    @Test func reconstructsTheMatrixWithOrthonormalVectors() {
        let a = Matrix([[4, 1, -2], [1, 2, 0.5], [-2, 0.5, 3]])
        let eigen = SymmetricEigen(a)
        #expect(eigen.eigenvalues == eigen.eigenvalues.sorted(by: >))
        let v = eigen.eigenvectors
        for p in 0..<3 {
            for q in 0..<3 {
                var reconstructed = 0.0
                var gram = 0.0
                for i in 0..<3 {
                    reconstructed += eigen.eigenvalues[i] * v[i, p] * v[i, q]
                    gram += v[p, i] * v[q, i]
                }
                #expect(abs(reconstructed - a[p, q]) < 1e-12)
                #expect(abs(gram - (p == q ? 1 : 0)) < 1e-12)
            }
        }
        // Trace is the eigenvalue sum.
        #expect(abs(eigen.eigenvalues.reduce(0, +) - 9) < 1e-12)
    }

    @Test func diagonalMatrixNeedsNoRotation() {
        let eigen = SymmetricEigen(Matrix([[1, 0], [0, 5]]))
        #expect(eigen.eigenvalues == [5, 1])
        #expect(eigen.sweeps == 0)
        #expect(abs(eigen.eigenvectors[0, 1]) == 1)
    }
}

@Suite struct PCATests {
    /// Points ±2u and ±1w for the orthonormal u = (0.6, 0.8), w = (−0.8, 0.6): the covariance
    /// (n − 1 = 3) is (8 uuᵀ + 2 wwᵀ)/3, so the eigenvalues are 8/3 and 2/3 (ratios 0.8, 0.2),
    /// the axes u and w. Sign rule: u's largest entry 0.8 is positive already; w's largest
    /// |entry| is −0.8, so w is flipped to (0.8, −0.6).
    static let rotated = Matrix([[1.2, 1.6], [-1.2, -1.6], [-0.8, 0.6], [0.8, -0.6]])

    @Test func handWorkedTwoByTwo() throws {
        let pca = try fitPCA(Self.rotated, PCAConfiguration(components: .fixed(2), threads: 1))
        #expect(pca.componentCount == 2)
        #expect(approximatelyEqual(pca.explainedVariance[0], 8.0 / 3))
        #expect(approximatelyEqual(pca.explainedVariance[1], 2.0 / 3))
        #expect(approximatelyEqual(pca.explainedVarianceRatio[0], 0.8))
        #expect(approximatelyEqual(pca.explainedVarianceRatio[1], 0.2))
        #expect(abs(pca.mean[0]) < 1e-15 && abs(pca.mean[1]) < 1e-15)
        let expected: [[Double]] = [[0.6, 0.8], [0.8, -0.6]]
        for r in 0..<2 {
            for c in 0..<2 { #expect(abs(pca.components[r, c] - expected[r][c]) < 1e-12) }
        }
        let scores = pca.transform(Self.rotated, threads: 1)
        #expect(abs(scores[0, 0] - 2) < 1e-12 && abs(scores[0, 1]) < 1e-12)
        #expect(abs(scores[2, 0]) < 1e-12 && abs(scores[2, 1] + 1) < 1e-12)
    }

    @Test func pointsOnALineHaveOneComponent() throws {
        // t·(3, 4) for t = −2…2: covariance 2.5·[[9, 12], [12, 16]], eigenvalues 62.5 and 0.
        let line = Matrix((-2...2).map { t in [3.0 * Double(t), 4.0 * Double(t)] })
        let pca = try fitPCA(line, PCAConfiguration(components: .fixed(1), threads: 1))
        #expect(approximatelyEqual(pca.allEigenvalues[0], 62.5))
        #expect(pca.allEigenvalues[1] >= 0 && pca.allEigenvalues[1] < 1e-12)  // rounding only, never negative
        #expect(abs(pca.components[0, 0] - 0.6) < 1e-12 && abs(pca.components[0, 1] - 0.8) < 1e-12)
        #expect(pca.explainedVarianceRatio == [1])
    }

    @Test func signRuleMakesLargestEntryPositive() throws {
        // Axis along (−1, −3)/√10: the eigensolver may return either sign; the rule picks (+).
        let rows: [[Double]] = (-3...3).map { (t: Int) -> [Double] in
            let s = Double(t)
            let wobble: Double = t % 2 == 0 ? 0.1 : -0.1
            return [-s, -3 * s + wobble]
        }
        let data = Matrix(rows)
        let pca = try fitPCA(data, PCAConfiguration(components: .fixed(2), threads: 1))
        for r in 0..<2 {
            let row = pca.components.row(r)
            let largest = row.max { abs($0) < abs($1) } ?? 0
            #expect(largest > 0)
        }
    }

    @Test func invariantsOnRandomData() throws {
        let data = randomMatrix(rows: 500, columns: 6, seed: 3)
        let pca = try fitPCA(data, PCAConfiguration(components: .fixed(6), threads: 2))
        let c = pca.components
        for p in 0..<6 {
            for q in 0..<6 {
                var dot = 0.0
                for j in 0..<6 { dot += c[p, j] * c[q, j] }
                #expect(abs(dot - (p == q ? 1 : 0)) < 1e-12)
            }
        }
        #expect(pca.explainedVarianceRatio.reduce(0, +) <= 1 + 1e-12)
        #expect(pca.allEigenvalues == pca.allEigenvalues.sorted(by: >))
        // Variance of the scores along each axis equals its eigenvalue.
        let scores = pca.transform(data, threads: 2)
        for a in 0..<6 {
            let column = (0..<500).map { scores[$0, a] }
            let variance = column.map { $0 * $0 }.reduce(0, +) / 499
            #expect(approximatelyEqual(variance, pca.explainedVariance[a], tolerance: 1e-9))
        }
    }

    @Test func defaultChoosesNinetyPercentButAtLeastTwo() throws {
        // Variances ≈ 100, 1, 0.25 per axis: one component holds > 90 %, the default keeps 2.
        var random = FixtureRandom(5)
        let data = Matrix((0..<400).map { _ in [10 * random.normal(), random.normal(), 0.5 * random.normal()] })
        let byDefault = try fitPCA(data, PCAConfiguration(threads: 1))
        #expect(byDefault.explainedVarianceRatio[0] > 0.9)
        #expect(byDefault.componentCount == 2)
        let strict = try fitPCA(data, PCAConfiguration(components: .explainedVariance(atLeast: 0.999, minimum: 1), threads: 1))
        #expect(strict.componentCount == 3)
    }

    @Test func deterministicAcrossThreads() throws {
        let data = randomMatrix(rows: 20_000, columns: 4, seed: 8)
        let one = try fitPCA(data, PCAConfiguration(components: .fixed(3), threads: 1))
        let three = try fitPCA(data, PCAConfiguration(components: .fixed(3), threads: 3))
        #expect(one.components == three.components)
        #expect(one.allEigenvalues == three.allEigenvalues)
        #expect(one.mean == three.mean)
    }

    @Test func errorsNameTheValues() {
        let tooFew = errorDescription { _ = try fitPCA(Matrix([[1, 2]]), PCAConfiguration()) }
        #expect(tooFew == "n_samples=1 should be >= 2 for PCA")
        let tooMany = errorDescription { _ = try fitPCA(Self.rotated, PCAConfiguration(components: .fixed(3))) }
        #expect(tooMany == "n_components=3 should be in 1...2 (n_features=2)")
        let identical = errorDescription { _ = try fitPCA(Matrix([[0.1, 7], [0.1, 7], [0.1, 7]]), PCAConfiguration()) }
        #expect(identical?.contains("total variance is 0") == true)
        #expect(identical?.contains("n_samples=3") == true)
        let nan = errorDescription { _ = try fitPCA(Matrix([[1, 2], [3, .nan]]), PCAConfiguration()) }
        #expect(nan == "input contains a non-finite value nan at row 1, column 1")
    }
}

/// Issue 24 (7): with fewer samples than features PCA works on the n × n Gram matrix (Jacobi on
/// the smaller side; the d × d covariance is never built). Same result as the covariance form.
@Suite struct GramPCATests {
    /// n = 7 users, d = 12 features: every kept axis, eigenvalue and score agrees with the
    /// covariance form (computed here directly from `covarianceMatrix` and `SymmetricEigen`).
    @Test(arguments: [1, 3, 6])
    func theGramFormGivesTheCovarianceFormsComponents(m: Int) throws {
        var random = FixtureRandom(11)
        let n = 7, d = 12
        let data = Matrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in random.normal() * 3 + 1 })
        let pca = try fitPCA(data, PCAConfiguration(components: .fixed(m), threads: 1))
        let stats = ColumnStatistics(data, threads: 1)
        let eigen = SymmetricEigen(covarianceMatrix(data, means: stats.means, threads: 1))
        var axes = Array(eigen.eigenvectors.values[0..<(m * d)])
        flipSigns(&axes, rows: m, columns: d)
        for (a, b) in zip(pca.components.values, axes) { #expect(abs(a - b) < 1e-9, "axis entry \(a) vs \(b)") }
        let values = eigen.eigenvalues.map { max($0, 0) }
        #expect(pca.allEigenvalues.count == d)
        for (a, b) in zip(pca.allEigenvalues, values) { #expect(abs(a - b) < 1e-9 * max(1, b), "eigenvalue \(a) vs \(b)") }
        // Rank n − 1: the last d − n + 1 eigenvalues are zero in both forms.
        #expect(pca.allEigenvalues[(n - 1)...].allSatisfy { $0 < 1e-9 })
        // Orthonormal axes.
        for p in 0..<m {
            for q in 0..<m {
                let dot = (0..<d).reduce(0.0) { $0 + pca.components[p, $1] * pca.components[q, $1] }
                #expect(abs(dot - (p == q ? 1 : 0)) < 1e-9)
            }
        }
    }

    /// More components than the data's rank (n − 1) cannot come from the Gram form: the
    /// covariance form answers, as before.
    @Test func beyondTheRankTheCovarianceFormAnswers() throws {
        var random = FixtureRandom(5)
        let data = Matrix(rows: 3, columns: 5, values: (0..<15).map { _ in random.normal() })
        let pca = try fitPCA(data, PCAConfiguration(components: .fixed(4), threads: 1))
        #expect(pca.components.rows == 4 && pca.explainedVariance.count == 4)
        #expect(pca.explainedVariance[2...].allSatisfy { $0 < 1e-9 })
    }
}
