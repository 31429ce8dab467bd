import Charts

/// A small data table for the report: a header row and body rows of text cells, every text
/// escaped. Numeric columns are right-aligned with tabular figures and never wrap (CSS class
/// `num`); text cells wrap to fit the table's box (class `text`, `TableFit`).
struct HTMLTable: Sendable {
    struct Column: Sendable {
        let title: String
        let numeric: Bool

        init(_ title: String, numeric: Bool = true) {
            self.title = title
            self.numeric = numeric
        }
    }

    struct Cell: Sendable, ExpressibleByStringLiteral {
        let text: String
        /// Drawn bold (e.g. the largest value of a cross-tab row).
        let emphasis: Bool

        init(_ text: String, emphasis: Bool = false) {
            self.text = text
            self.emphasis = emphasis
        }

        init(stringLiteral text: String) {
            self.init(text)
        }
    }

    let columns: [Column]
    var rows: [[Cell]] = []
    /// A line under the table (sources, definitions).
    var footnote: String?
    /// `data-key` of each body row ("" for none): lets the page's script find a row, e.g. a segment.
    var rowKeys: [String] = []

    init(columns: [Column], footnote: String? = nil) {
        self.columns = columns
        self.footnote = footnote
    }

    /// - Precondition: one cell per column.
    mutating func append(_ cells: [Cell]) {
        precondition(cells.count == columns.count, "a row has \(cells.count) cells for \(columns.count) columns")
        rows.append(cells)
    }

    mutating func append(_ texts: [String]) {
        append(texts.map { Cell($0) })
    }

    /// The `<table>` element (and its footnote), the first column as row headers.
    func html() -> String {
        var out = "<table class=\"data\">\n<thead><tr>"
        for column in columns {
            out += "<th scope=\"col\"\(column.numeric ? " class=\"num\"" : "")>\(XMLEscape.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (rowIndex, row) in rows.enumerated() {
            let key = rowIndex < rowKeys.count ? rowKeys[rowIndex] : ""
            out += key.isEmpty ? "<tr>" : "<tr data-key=\"\(XMLEscape.escape(key))\" tabindex=\"0\">"
            for (index, cell) in row.enumerated() {
                let tag = index == 0 ? "th" : "td"
                var classes: [String] = []
                classes.append(columns[index].numeric ? "num" : "text")
                // "1,656 (38.0%)": a count and its share may go on two lines when the box is narrow.
                if columns[index].numeric && cell.text.contains(" (") { classes.append("pair") }
                if cell.emphasis { classes.append("max") }
                let scope = index == 0 ? " scope=\"row\"" : ""
                let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                out += "<\(tag)\(scope)\(classAttribute)>\(XMLEscape.escape(cell.text))</\(tag)>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let footnote, !footnote.isEmpty {
            out += "<p class=\"footnote\">\(XMLEscape.escape(footnote))</p>\n"
        }
        return out
    }
}
