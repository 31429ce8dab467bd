import Randomness
import Testing
@testable import Analysis

/// Above `SymmetricEigen.jacobiLimit` the eigen-decomposition is Householder + implicit QL:
/// checked on matrices with a known spectrum (A = Q diag(λ) Qᵀ, Q a product of Householder
/// reflections), with repeated and zero eigenvalues and zero rows, and by residuals on random ones.
@Suite struct TridiagonalEigenTests {
    /// d × d with eigenvalues `spectrum` (in that order on the diagonal before rotating) and a
    /// random orthogonal basis: three reflections I − 2uuᵀ applied on both sides.
    static func known(_ spectrum: [Double], seed: UInt64) -> Matrix {
        let d = spectrum.count
        var a = [Double](repeating: 0, count: d * d)
        for i in 0..<d { a[i * d + i] = spectrum[i] }
        var generator = SplitMix64(seed: seed)
        for _ in 0..<3 {
            var u = (0..<d).map { _ in generator.uniform01() - 0.5 }
            let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
            u = u.map { $0 / norm }
            // A ← H A H with H = I − 2uuᵀ: A − 2u(uᵀA) − 2(Au)uᵀ + 4(uᵀAu)uuᵀ.
            var au = [Double](repeating: 0, count: d)
            for i in 0..<d { for j in 0..<d { au[i] += a[i * d + j] * u[j] } }
            let uau = zip(u, au).reduce(0) { $0 + $1.0 * $1.1 }
            for i in 0..<d {
                for j in 0..<d { a[i * d + j] += -2 * u[i] * au[j] - 2 * au[i] * u[j] + 4 * uau * u[i] * u[j] }
            }
        }
        return Matrix(rows: d, columns: d, values: a)
    }

    /// max over i of ‖A vᵢ − λᵢ vᵢ‖ and max |VVᵀ − I|.
    static func residuals(_ a: Matrix, _ eigen: SymmetricEigen) -> (fit: Double, orthogonality: Double) {
        let d = a.rows, v = eigen.eigenvectors
        var fit = 0.0, orthogonality = 0.0
        for i in 0..<d {
            var squared = 0.0
            for p in 0..<d {
                var av = 0.0
                for q in 0..<d { av += a[p, q] * v[i, q] }
                squared += (av - eigen.eigenvalues[i] * v[i, p]) * (av - eigen.eigenvalues[i] * v[i, p])
            }
            fit = max(fit, squared.squareRoot())
            for j in i..<d {
                var dot = 0.0
                for k in 0..<d { dot += v[i, k] * v[j, k] }
                orthogonality = max(orthogonality, abs(dot - (i == j ? 1 : 0)))
            }
        }
        return (fit, orthogonality)
    }

    @Test(arguments: [65, 120, 257])
    func recoversAKnownSpectrum(d: Int) {
        // Distinct values, a repeated one and zeros, in no order.
        var spectrum = (0..<d).map { Double(($0 * 37) % d) - Double(d) / 3 }
        spectrum[3] = 7; spectrum[10] = 7; spectrum[11] = 7
        spectrum[20] = 0; spectrum[21] = 0
        let a = Self.known(spectrum, seed: UInt64(d))
        let eigen = SymmetricEigen(a)
        #expect(eigen.sweeps == 0)   // not Jacobi
        let expected = spectrum.sorted(by: >)
        let worst = zip(eigen.eigenvalues, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-9 * Double(d), "largest eigenvalue error \(worst)")
        let (fit, orthogonality) = Self.residuals(a, eigen)
        #expect(fit < 1e-9 * Double(d) && orthogonality < 1e-10, "residual \(fit), orthogonality \(orthogonality)")
    }

    /// Zero rows and columns (the reduction's scale-0 branch) and a diagonal block.
    @Test func zeroRowsAndADiagonalMatrix() {
        let d = 80
        var values = [Double](repeating: 0, count: d * d)
        var generator = SplitMix64(seed: 5)
        for i in 0..<40 {
            for j in i..<40 {
                let x = generator.uniform01() - 0.5
                values[i * d + j] = x
                values[j * d + i] = x
            }
        }
        for i in 60..<d { values[i * d + i] = Double(i) }
        let a = Matrix(rows: d, columns: d, values: values)
        let eigen = SymmetricEigen(a)
        let (fit, orthogonality) = Self.residuals(a, eigen)
        #expect(fit < 1e-10 && orthogonality < 1e-10, "residual \(fit), orthogonality \(orthogonality)")
        #expect(eigen.eigenvalues.prefix(20).map { $0.rounded() } == (60..<d).reversed().map(Double.init))
        var trace = 0.0
        for i in 0..<d { trace += a[i, i] }
        #expect(abs(eigen.eigenvalues.reduce(0, +) - trace) < 1e-9)
    }
}
