/// A dense matrix of `Double` stored row-major in one flat array: entry (i, j) is
/// `values[i * columns + j]`.
///
/// Rows are observations (users), columns are features. The storage is a plain array so that
/// kernels can walk it with one `withUnsafeBufferPointer`; nothing here is copied per row.
///
/// Invariant: `values.count == rows * columns` (checked by `init` and by every kernel).
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major entries; keep the count at `rows * columns` when mutating.
    public var values: [Double]

    /// - Precondition: `rows >= 0`, `columns >= 0`, `values.count == rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix needs rows >= 0 and columns >= 0, got \(rows)×\(columns)")
        precondition(
            values.count == rows * columns,
            "Matrix \(rows)×\(columns) needs \(rows * columns) values, got \(values.count)"
        )
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A `rows × columns` matrix of zeros.
    public init(zeros rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: Array(repeating: 0, count: rows * columns))
    }

    /// A matrix from nested rows (convenient for fixtures).
    /// - Precondition: every row has the same length; an empty list gives a 0 × 0 matrix.
    public init(_ rowArrays: [[Double]]) {
        let width = rowArrays.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rowArrays.count * width)
        for (index, row) in rowArrays.enumerated() {
            precondition(row.count == width, "row \(index) has \(row.count) values, expected \(width)")
            flat.append(contentsOf: row)
        }
        self.init(rows: rowArrays.count, columns: width, values: flat)
    }

    /// Entry (row, column). - Precondition: both indices in range.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(rows)×\(columns)")
            return values[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(rows)×\(columns)")
            values[row * columns + column] = newValue
        }
    }

    /// A copy of one row. - Precondition: `0 <= index < rows`.
    public func row(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < rows, "row \(index) outside 0..<\(rows)")
        return Array(values[(index * columns)..<((index + 1) * columns)])
    }

    /// The rows at `indices`, in that order, as a new matrix.
    /// - Precondition: every index in `0..<rows`.
    public func gatherRows(_ indices: [Int]) -> Matrix {
        var flat = [Double]()
        flat.reserveCapacity(indices.count * columns)
        for index in indices {
            precondition(index >= 0 && index < rows, "row \(index) outside 0..<\(rows)")
            flat.append(contentsOf: values[(index * columns)..<((index + 1) * columns)])
        }
        return Matrix(rows: indices.count, columns: columns, values: flat)
    }
}
