/// A plain-text table for terminal output: columns padded to their widest cell, numbers
/// right-aligned, text left-aligned, two spaces between columns.
struct TextTable {
    enum Alignment { case left, right }

    let headers: [String]
    let alignments: [Alignment]
    private(set) var rows: [[String]] = []

    /// - Precondition: one alignment per header.
    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    /// - Precondition: one cell per column.
    mutating func append(_ cells: [String]) {
        precondition(cells.count == headers.count, "row has \(cells.count) cells, the table \(headers.count) columns")
        rows.append(cells)
    }

    /// The lines, each prefixed with `indent`, trailing spaces removed.
    func lines(indent: String = "") -> [String] {
        let widths = headers.indices.map { column in
            ([headers] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([headers] + rows).map { cells in
            let padded = cells.enumerated().map { column, cell in
                let fill = String(repeating: " ", count: widths[column] - cell.count)
                return alignments[column] == .left ? cell + fill : fill + cell
            }
            var line = indent + padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
