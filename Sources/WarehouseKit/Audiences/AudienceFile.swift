import WarehouseSupport
import WarehouseTables

/// The files `audience` and `lookalike` write: a plain CSV of the users, or the customer-list
/// upload files of Meta Custom Audiences and Google Ads Customer Match (`CustomerList`;
/// docs/audiences.md cites the platforms' pages).
public enum AudienceFormat: String, Sendable, CaseIterable, Encodable {
    case csv, meta, google
}

enum AudienceFile {
    /// A row of a CSV file.
    struct Row {
        let userID: Int64
        let contact: UserContact
        let segment: Int
        let segmentName: String
        let distance: Double
        /// The posterior of the segment, for a run with membership probabilities (latent class).
        var probability: Double? = nil
    }

    /// A file's text and what was written and left out.
    struct Text {
        let text: String
        /// Data lines.
        let lines: Int
        /// Users left out of a customer list: a repeat of an earlier row (`CustomerList`).
        var repeats = 0
        /// Users left out of a customer list: nothing the platform can match on.
        var unmatchable = 0

        var skipped: Int { repeats + unmatchable }
    }

    /// The text of the file. A CSV has a line per user, username and e-mail empty where the user
    /// has none; a customer list is `CustomerList.text`.
    static func text(_ rows: [Row], format: AudienceFormat,
                     csvHeader: String = "user_id,username,email,segment,segment_name,distance") -> Text {
        if let list = CustomerList.text(rows.map(\.contact), format: format) { return list }
        // A run with membership probabilities (latent class) gets their column too.
        let probabilities = rows.contains { $0.probability != nil }
        var out = csvHeader + (probabilities ? ",probability" : "") + "\n"
        for row in rows {
            var fields = [String(row.userID), cell(row.contact.username ?? ""), cell(row.contact.email ?? ""), String(row.segment),
                          cell(row.segmentName), String(row.distance)]
            if probabilities { fields.append(row.probability.map { String($0) } ?? "") }
            out += fields.joined(separator: ",") + "\n"
        }
        return Text(text: out, lines: rows.count)
    }

    /// A text cell of a file meant for a spreadsheet, safe from formula injection (OWASP's advice
    /// on CSV injection): a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// would be evaluated as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`), so it gets a
    /// leading `'`, which spreadsheets show as text; then `field`'s RFC 4180 quoting.
    static func cell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field(text) }
        return "\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A CSV field (RFC 4180), quoted when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
