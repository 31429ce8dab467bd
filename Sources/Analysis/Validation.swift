/// Input checks shared by the public entry points. Kernels behind them assume valid input.
enum Validation {
    /// Throws `nonFiniteValue` for the first (lowest flat index) NaN or infinity in `data`.
    static func requireFinite(_ data: Matrix, threads: Int) throws {
        let chunks = RowChunks(count: data.rows)
        guard chunks.chunkCount > 0, data.columns > 0 else { return }
        let width = data.columns
        var firstBad = [Int](repeating: Int.max, count: chunks.chunkCount)
        data.values.withUnsafeBufferPointer { values in
            firstBad.withUnsafeMutableBufferPointer { out in
                let base = values.baseAddress.unsafelyUnwrapped
                let result = out.baseAddress.unsafelyUnwrapped
                forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                    let rows = chunks.range(chunk)
                    var index = rows.lowerBound * width
                    let end = rows.upperBound * width
                    // Branch-free scan: x − x is 0 for finite x and NaN otherwise.
                    var probe = 0.0
                    while index < end {
                        probe += base[index] - base[index]
                        index += 1
                    }
                    if !probe.isNaN { return }
                    for flat in (rows.lowerBound * width)..<end where !base[flat].isFinite {
                        result[chunk] = flat
                        return
                    }
                }
            }
        }
        if let flat = firstBad.first(where: { $0 != Int.max }) {
            throw AnalysisError.nonFiniteValue(
                row: flat / width, column: flat % width, value: "\(data.values[flat])"
            )
        }
    }

    static func requireThreads(_ threads: Int) throws {
        guard threads >= 1 else {
            throw AnalysisError.invalidParameter(name: "threads", value: "\(threads)", requirement: ">= 1")
        }
    }

    static func requireFeatures(_ data: Matrix) throws {
        guard data.columns >= 1 else { throw AnalysisError.noFeatures }
    }
}
