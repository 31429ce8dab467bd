/// A plain-text table for terminal output: columns padded to their widest cell, numbers
/// right-aligned, text left-aligned, two spaces between columns, and at most `Format.lineWidth`
/// (100) columns wide: when the cells would make it wider, the widest text column is cut (never
/// below 12 characters or its header), its cut cells ending in "…" (`--json` has the whole values).
struct TextTable {
    enum Alignment { case left, right }

    let headers: [String]
    let alignments: [Alignment]
    /// The columns that may be cut to fit (by default every text column).
    let cuttable: [Bool]
    private(set) var rows: [[String]] = []

    /// - Parameter cut: the headers of the columns that may be cut to fit; nil: every left-aligned one.
    /// - Precondition: one alignment per header.
    init(_ columns: [(String, Alignment)], cut: Set<String>? = nil) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
        cuttable = columns.map { cut?.contains($0.0) ?? ($0.1 == .left) }
    }

    /// - Precondition: one cell per column.
    mutating func append(_ cells: [String]) {
        precondition(cells.count == headers.count, "row has \(cells.count) cells, the table \(headers.count) columns")
        rows.append(cells)
    }

    /// The lines, each prefixed with `indent`, trailing spaces removed, at most `width` wide
    /// when text columns can be cut enough (a text column keeps at least its header and 12 characters).
    func lines(indent: String = "", width: Int = Format.lineWidth) -> [String] {
        var widths = headers.indices.map { column in
            ([headers] + rows).map { $0[column].count }.max() ?? 0
        }
        let total = { indent.count + widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        while total() > width {
            let candidates = headers.indices.filter { cuttable[$0] && widths[$0] > max(headers[$0].count, 12) }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] = max(max(headers[widest].count, 12), widths[widest] - (total() - width))
        }
        return ([headers] + rows).map { cells in
            let padded = cells.enumerated().map { column, cell in
                let cut = cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "…" : cell
                let fill = String(repeating: " ", count: widths[column] - cut.count)
                return alignments[column] == .left ? cut + fill : fill + cut
            }
            var line = indent + padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
