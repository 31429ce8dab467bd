/// Per-column mean and population variance of a matrix, by two deterministic chunked passes.
///
/// Pass 1 sums each column per chunk and reduces the chunk sums in chunk order: mean = Σx / n.
/// Pass 2 sums (x − mean)² the same way: variance = Σ(x − mean)² / n (ddof 0, as numpy's `var`
/// and scikit-learn's `StandardScaler`). The two-pass form avoids the cancellation of Σx² − n·mean².
struct ColumnStatistics: Sendable {
    let means: [Double]
    /// Population variances (divided by n).
    let variances: [Double]
    let count: Int

    /// - Precondition: `data.rows >= 1`.
    init(_ data: Matrix, threads: Int) {
        precondition(data.rows >= 1, "column statistics need at least one row")
        let d = data.columns
        let n = data.rows
        let chunks = RowChunks(count: n)
        var partial = [Double](repeating: 0, count: chunks.chunkCount * d)
        var means = [Double](repeating: 0, count: d)
        var variances = [Double](repeating: 0, count: d)
        data.values.withUnsafeBufferPointer { values in
            let x = values.baseAddress.unsafelyUnwrapped
            partial.withUnsafeMutableBufferPointer { partialBuffer in
                let out = partialBuffer.baseAddress.unsafelyUnwrapped
                forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                    let acc = out + chunk * d
                    for row in chunks.range(chunk) {
                        let r = x + row * d
                        for j in 0..<d { acc[j] += r[j] }
                    }
                }
            }
            for chunk in 0..<chunks.chunkCount {
                for j in 0..<d { means[j] += partial[chunk * d + j] }
            }
            for j in 0..<d { means[j] /= Double(n) }

            partial.withUnsafeMutableBufferPointer { partialBuffer in
                let out = partialBuffer.baseAddress.unsafelyUnwrapped
                for i in 0..<partialBuffer.count { out[i] = 0 }
                means.withUnsafeBufferPointer { meanBuffer in
                    let mu = meanBuffer.baseAddress.unsafelyUnwrapped
                    forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                        let acc = out + chunk * d
                        for row in chunks.range(chunk) {
                            let r = x + row * d
                            for j in 0..<d {
                                let centred = r[j] - mu[j]
                                acc[j] += centred * centred
                            }
                        }
                    }
                }
            }
        }
        for chunk in 0..<chunks.chunkCount {
            for j in 0..<d { variances[j] += partial[chunk * d + j] }
        }
        for j in 0..<d { variances[j] /= Double(n) }
        self.means = means
        self.variances = variances
        self.count = n
    }

    /// Whether column `j` is constant up to floating-point rounding.
    ///
    /// The rule is scikit-learn's `_is_constant_feature`: the computed variance of a truly
    /// constant column is pure rounding error, bounded by `n·ε·var + (n·|mean|·ε)²`; a variance
    /// at or below that bound is treated as exactly 0. (A column of 0.1s has a mean that is not
    /// exactly 0.1, so its computed variance is ~1e-34, not 0; dividing by its square root would
    /// turn rounding noise into ±1 z-scores.)
    func isConstant(_ j: Int) -> Bool {
        let eps = Double.ulpOfOne
        let n = Double(count)
        let variance = variances[j]
        let meanTerm = n * abs(means[j]) * eps
        return variance <= n * eps * variance + meanTerm * meanTerm
    }
}
