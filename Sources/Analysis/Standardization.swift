/// Column-wise z-scores: z = (x − mean) / scale, with `scale` the population standard deviation
/// (ddof 0, as scikit-learn's `StandardScaler`), in the units of the column.
///
/// A column that is constant (to rounding, see `ColumnStatistics.isConstant`) gets scale 1, so
/// its z-scores are x − mean ≈ 0 rather than NaN; its index is listed in `zeroVarianceColumns`
/// so the caller can report it.
public struct Standardization: Sendable, Equatable {
    public let means: [Double]
    /// Population standard deviations, 1 for zero-variance columns; always > 0.
    public let scales: [Double]
    /// Ascending indices of the columns that got scale 1 because their variance is 0.
    public let zeroVarianceColumns: [Int]

    public init(means: [Double], scales: [Double], zeroVarianceColumns: [Int]) {
        precondition(means.count == scales.count, "means (\(means.count)) and scales (\(scales.count)) differ in length")
        self.means = means
        self.scales = scales
        self.zeroVarianceColumns = zeroVarianceColumns
    }

    /// Learns means and scales from `data`.
    ///
    /// Deterministic for any `threads`. Non-finite entries propagate into the statistics (validate
    /// first if the data can hold them).
    /// - Precondition: `data.rows >= 1`.
    public static func fit(_ data: Matrix, threads: Int = Parallelism.activeProcessorCount) -> Standardization {
        let stats = ColumnStatistics(data, threads: threads)
        var scales = [Double](repeating: 1, count: data.columns)
        var zero: [Int] = []
        for j in 0..<data.columns {
            if stats.isConstant(j) {
                zero.append(j)
            } else {
                scales[j] = stats.variances[j].squareRoot()
            }
        }
        return Standardization(means: stats.means, scales: scales, zeroVarianceColumns: zero)
    }

    /// Applies z = (x − mean) / scale to every row; a zero-variance column gives exactly 0.
    /// Rows are independent, so any `threads` gives identical output.
    /// - Precondition: `data.columns == means.count`.
    public func transform(_ data: Matrix, threads: Int = Parallelism.activeProcessorCount) -> Matrix {
        let d = means.count
        precondition(data.columns == d, "data has \(data.columns) columns, the standardization \(d)")
        let chunks = RowChunks(count: data.rows)
        var output = [Double](repeating: 0, count: data.values.count)
        // A constant column is multiplied by 0 so that z is exactly 0, not rounding noise.
        var keep = [Double](repeating: 1, count: d)
        for j in zeroVarianceColumns where j >= 0 && j < d { keep[j] = 0 }
        data.values.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { outBuffer in
                means.withUnsafeBufferPointer { meanBuffer in
                    scales.withUnsafeBufferPointer { scaleBuffer in
                        keep.withUnsafeBufferPointer { keepBuffer in
                            guard let x = input.baseAddress, let z = outBuffer.baseAddress,
                                  let mu = meanBuffer.baseAddress, let s = scaleBuffer.baseAddress,
                                  let k = keepBuffer.baseAddress else { return }
                            forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                                for row in chunks.range(chunk) {
                                    let r = row * d
                                    for j in 0..<d {
                                        z[r + j] = (x[r + j] - mu[j]) / s[j] * k[j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Matrix(rows: data.rows, columns: d, values: output)
    }
}
