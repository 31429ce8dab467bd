/// Eigen-decomposition A = Σᵢ λᵢ vᵢ vᵢᵀ of a real symmetric matrix by the cyclic Jacobi method.
///
/// Each Jacobi rotation in the (p, q) plane zeroes A[p][q]; sweeping all pairs repeatedly drives
/// the off-diagonal mass Σ_{p≠q} A[p][q]² to zero quadratically. The method is slow for large d
/// (O(d³) per sweep, ~6–10 sweeps) but exact to a few ulps and unconditionally stable, which is
/// what PCA on d ≤ 64 features needs. Above `jacobiLimit` it uses Householder tridiagonalisation
/// and implicit QL (`TridiagonalEigen`), O(d³) once instead of per sweep.
///
/// Invariants: `eigenvalues` descending (ties keep the solver's order); row i of `eigenvectors`
/// is the unit eigenvector for `eigenvalues[i]`; the rows are orthonormal. Signs are as the
/// rotations leave them; PCA fixes them afterwards.
public struct SymmetricEigen: Sendable {
    public let eigenvalues: [Double]
    /// d × d, row i = eigenvector i.
    public let eigenvectors: Matrix
    /// Jacobi sweeps used (0 above `jacobiLimit`).
    public let sweeps: Int

    /// The largest d decomposed by Jacobi rotations; larger matrices go to `TridiagonalEigen`.
    public static let jacobiLimit = 64

    /// Decomposes `matrix`, reading only its upper triangle (it is assumed symmetric).
    /// - Precondition: square, finite.
    public init(_ matrix: Matrix) {
        precondition(matrix.rows == matrix.columns, "eigen-decomposition needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        let d = matrix.rows
        var a = matrix.values
        // Mirror the upper triangle so the rotation updates can read either half.
        for p in 0..<d {
            for q in (p + 1)..<max(p + 1, d) { a[q * d + p] = a[p * d + q] }
        }
        if d > Self.jacobiLimit {
            let (values, rows) = TridiagonalEigen.decompose(a, d: d)
            let order = (0..<d).sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
            var vectors = [Double](repeating: 0, count: d * d)
            for (rank, index) in order.enumerated() {
                for k in 0..<d { vectors[rank * d + k] = rows[index * d + k] }
            }
            eigenvalues = order.map { values[$0] }
            eigenvectors = Matrix(rows: d, columns: d, values: vectors)
            sweeps = 0
            return
        }
        var v = [Double](repeating: 0, count: d * d)
        for i in 0..<d { v[i * d + i] = 1 }

        var frobenius = 0.0
        for value in a { frobenius += value * value }
        var sweep = 0
        let maxSweeps = 100
        while sweep < maxSweeps {
            var off = 0.0
            for p in 0..<d {
                for q in (p + 1)..<max(p + 1, d) { off += a[p * d + q] * a[p * d + q] }
            }
            // Converged when the off-diagonal mass is below rounding of the whole matrix.
            if off == 0 || off <= frobenius * Double.ulpOfOne * Double.ulpOfOne { break }
            sweep += 1
            for p in 0..<d {
                for q in (p + 1)..<max(p + 1, d) {
                    SymmetricEigen.rotate(&a, &v, d: d, p: p, q: q)
                }
            }
        }

        // Sort descending by eigenvalue; stable so equal eigenvalues keep their order.
        let order = (0..<d).sorted { lhs, rhs in
            let l = a[lhs * d + lhs], r = a[rhs * d + rhs]
            return l != r ? l > r : lhs < rhs
        }
        var values = [Double](repeating: 0, count: d)
        var vectors = [Double](repeating: 0, count: d * d)
        for (rank, index) in order.enumerated() {
            values[rank] = a[index * d + index]
            // Eigenvector `index` is column `index` of V.
            for k in 0..<d { vectors[rank * d + k] = v[k * d + index] }
        }
        eigenvalues = values
        eigenvectors = Matrix(rows: d, columns: d, values: vectors)
        sweeps = sweep
    }

    /// One Jacobi rotation A ← JᵀAJ, V ← VJ that zeroes A[p][q].
    ///
    /// With θ = (A_qq − A_pp) / (2 A_pq), t = tan φ is the smaller root of t² + 2θt − 1 = 0,
    /// c = 1/√(1+t²), s = t·c. Then A_pp −= t·A_pq, A_qq += t·A_pq, A_pq = 0, and for the other
    /// rows r: A_rp ← c·A_rp − s·A_rq, A_rq ← s·A_rp + c·A_rq (and symmetrically).
    private static func rotate(_ a: inout [Double], _ v: inout [Double], d: Int, p: Int, q: Int) {
        let apq = a[p * d + q]
        if apq == 0 { return }
        let app = a[p * d + p], aqq = a[q * d + q]
        let theta = (aqq - app) / (2 * apq)
        let t: Double
        if abs(theta) > 1e150 {
            t = 1 / (2 * theta)
        } else {
            let root = (theta * theta + 1).squareRoot()
            t = (theta >= 0 ? 1 : -1) / (abs(theta) + root)
        }
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        a[p * d + p] = app - t * apq
        a[q * d + q] = aqq + t * apq
        a[p * d + q] = 0
        a[q * d + p] = 0
        for r in 0..<d where r != p && r != q {
            let arp = a[r * d + p], arq = a[r * d + q]
            let newRP = c * arp - s * arq
            let newRQ = s * arp + c * arq
            a[r * d + p] = newRP
            a[p * d + r] = newRP
            a[r * d + q] = newRQ
            a[q * d + r] = newRQ
        }
        for r in 0..<d {
            let vrp = v[r * d + p], vrq = v[r * d + q]
            v[r * d + p] = c * vrp - s * vrq
            v[r * d + q] = s * vrp + c * vrq
        }
    }
}
