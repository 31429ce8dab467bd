/// Non-negative integer counts, one row per observation (user) and one column per category
/// (subcategory), stored sparsely: only non-zero entries, row by row (compressed sparse rows).
///
/// Row i's entries are `columnIndices[rowStarts[i]..<rowStarts[i+1]]` with the matching
/// `counts`, columns strictly ascending. Invariants (checked by every initialiser): `rowStarts`
/// has `rows + 1` non-decreasing entries from 0 to the entry count, every column index is in
/// `0..<columns`, every count ≥ 1. `totals[i]` is row i's sum Σ_j x_ij.
public struct CountMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public let rowStarts: [Int]
    public let columnIndices: [Int32]
    public let counts: [Int32]
    /// Σ_j x_ij per row.
    public let totals: [Int32]

    /// From a dense row-major buffer of `rows × columns` counts, keeping the rows in `selected`
    /// (in that order) or all rows when `selected` is nil.
    ///
    /// Throws `invalidParameter` for a negative count (named by row and column of the dense
    /// buffer) or a row total above `Int32.max`; `lengthMismatch` when the buffer is not
    /// `rows × columns`.
    public init(dense: [Int32], rows: Int, columns: Int, selected: [Int]? = nil) throws {
        guard columns >= 1 else { throw AnalysisError.noFeatures }
        guard rows >= 0, dense.count == rows * columns else {
            throw AnalysisError.lengthMismatch(name: "counts", count: dense.count, expected: max(rows, 0) * columns)
        }
        let order = selected ?? Array(0..<rows)
        var starts = [Int](repeating: 0, count: order.count + 1)
        var indices: [Int32] = []
        var values: [Int32] = []
        var sums = [Int32](repeating: 0, count: order.count)
        for (out, row) in order.enumerated() {
            guard row >= 0, row < rows else {
                throw AnalysisError.invalidParameter(name: "selected row", value: "\(row)", requirement: "in 0..<\(rows)")
            }
            var total = 0
            for j in 0..<columns {
                let x = dense[row * columns + j]
                guard x >= 0 else {
                    throw AnalysisError.invalidParameter(name: "count[\(row), \(j)]", value: "\(x)", requirement: ">= 0")
                }
                if x > 0 {
                    indices.append(Int32(j))
                    values.append(x)
                    total += Int(x)
                }
            }
            guard total <= Int(Int32.max) else {
                throw AnalysisError.invalidParameter(name: "row total[\(row)]", value: "\(total)", requirement: "<= \(Int32.max)")
            }
            sums[out] = Int32(total)
            starts[out + 1] = indices.count
        }
        self.rows = order.count
        self.columns = columns
        self.rowStarts = starts
        self.columnIndices = indices
        self.counts = values
        self.totals = sums
    }

    /// From nested dense rows (fixtures). Throws as `init(dense:rows:columns:selected:)`, and
    /// `lengthMismatch` for a row of another length than the first.
    public init(_ denseRows: [[Int]]) throws {
        let width = denseRows.first?.count ?? 0
        var flat: [Int32] = []
        for (index, row) in denseRows.enumerated() {
            guard row.count == width else {
                throw AnalysisError.lengthMismatch(name: "row \(index)", count: row.count, expected: width)
            }
            for x in row {
                guard let value = Int32(exactly: x) else {
                    throw AnalysisError.invalidParameter(name: "count", value: "\(x)", requirement: "in 0...\(Int32.max)")
                }
                flat.append(value)
            }
        }
        try self.init(dense: flat, rows: denseRows.count, columns: width)
    }

    /// The rows at `indices` (each in `0..<rows`), in that order.
    public func gatherRows(_ indices: [Int]) -> CountMatrix {
        var starts = [Int](repeating: 0, count: indices.count + 1)
        var columnsOut: [Int32] = []
        var countsOut: [Int32] = []
        var sums = [Int32](repeating: 0, count: indices.count)
        for (out, row) in indices.enumerated() {
            precondition(row >= 0 && row < rows, "row \(row) outside 0..<\(rows)")
            columnsOut.append(contentsOf: columnIndices[rowStarts[row]..<rowStarts[row + 1]])
            countsOut.append(contentsOf: counts[rowStarts[row]..<rowStarts[row + 1]])
            sums[out] = totals[row]
            starts[out + 1] = columnsOut.count
        }
        return CountMatrix(rows: indices.count, columns: columns, rowStarts: starts, columnIndices: columnsOut, counts: countsOut, totals: sums)
    }

    private init(rows: Int, columns: Int, rowStarts: [Int], columnIndices: [Int32], counts: [Int32], totals: [Int32]) {
        self.rows = rows
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
        self.counts = counts
        self.totals = totals
    }

    /// The largest count of each column (0 for a column without entries).
    public var columnMaxima: [Int] {
        var maxima = [Int](repeating: 0, count: columns)
        for e in 0..<counts.count {
            let j = Int(columnIndices[e])
            maxima[j] = max(maxima[j], Int(counts[e]))
        }
        return maxima
    }

    /// The largest row total (0 without rows).
    public var maximumTotal: Int { Int(totals.max() ?? 0) }

    /// Row i's shares x_ij / n_i as a dense rows × columns matrix (a row of zeros when n_i = 0).
    public func shares() -> Matrix {
        var values = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows where totals[i] > 0 {
            let n = Double(totals[i])
            for e in rowStarts[i]..<rowStarts[i + 1] {
                values[i * columns + Int(columnIndices[e])] = Double(counts[e]) / n
            }
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }
}
