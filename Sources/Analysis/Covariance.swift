/// The sample covariance matrix C = (X − 1μᵀ)ᵀ(X − 1μᵀ) / (n − 1) of the rows of X (d × d).
///
/// One chunked pass accumulates, per chunk, the upper triangle of Σ (x − μ)(x − μ)ᵀ over the
/// chunk's rows in order; the chunk partials are added in chunk order, so the result is the same
/// for every thread count. Centring first keeps the products small (no Σxxᵀ − n μμᵀ cancellation).
/// - Precondition: `data.rows >= 2`, `means.count == data.columns`.
func covarianceMatrix(_ data: Matrix, means: [Double], threads: Int) -> Matrix {
    precondition(data.rows >= 2 && means.count == data.columns, "covariance needs n >= 2 and d means")
    let d = data.columns
    let triangle = d * (d + 1) / 2
    let chunks = RowChunks(count: data.rows)
    var partial = [Double](repeating: 0, count: chunks.chunkCount * triangle)
    data.values.withUnsafeBufferPointer { values in
        means.withUnsafeBufferPointer { meanBuffer in
            partial.withUnsafeMutableBufferPointer { partialBuffer in
                guard let x = values.baseAddress, let mu = meanBuffer.baseAddress,
                      let out = partialBuffer.baseAddress else { return }
                forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                    let acc = out + chunk * triangle
                    let centred = UnsafeMutablePointer<Double>.allocate(capacity: d)
                    defer { centred.deallocate() }
                    for row in chunks.range(chunk) {
                        let r = x + row * d
                        for j in 0..<d { centred[j] = r[j] - mu[j] }
                        var slot = 0
                        for p in 0..<d {
                            let cp = centred[p]
                            for q in p..<d {
                                acc[slot] += cp * centred[q]
                                slot += 1
                            }
                        }
                    }
                }
            }
        }
    }
    var sums = [Double](repeating: 0, count: triangle)
    for chunk in 0..<chunks.chunkCount {
        for slot in 0..<triangle { sums[slot] += partial[chunk * triangle + slot] }
    }
    var covariance = Matrix(zeros: d, columns: d)
    let denominator = Double(data.rows - 1)
    var slot = 0
    for p in 0..<d {
        for q in p..<d {
            let value = sums[slot] / denominator
            covariance.values[p * d + q] = value
            covariance.values[q * d + p] = value
            slot += 1
        }
    }
    return covariance
}
