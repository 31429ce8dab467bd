import WarehouseSupport

/// The files `audience` and `lookalike` write: a plain CSV of the users, or the customer-list
/// upload files of Meta Custom Audiences and Google Ads Customer Match (docs/audiences.md cites
/// the platforms' pages): one column of SHA-256 digests (lowercase hex) of the normalised e-mail
/// (surrounding whitespace removed, lower-cased), under the header each platform documents.
public enum AudienceFormat: String, Sendable, CaseIterable, Encodable {
    case csv, meta, google

    /// The header line of a hashed list; nil for `csv`.
    var hashedHeader: String? {
        switch self {
        case .csv: nil
        case .meta: "email"
        case .google: "Email"
        }
    }
}

enum AudienceFile {
    /// A row of a CSV file.
    struct Row {
        let userID: Int64
        let username: String
        let email: String
        let segment: Int
        let segmentName: String
        let distance: Double
        /// The posterior of the segment, for a run with membership probabilities (latent class).
        var probability: Double? = nil
    }

    /// The e-mail as the platforms hash it: surrounding whitespace removed, lower-cased.
    static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The text of the file and the number of data lines. Hashed lists leave out users whose
    /// normalised e-mail is empty or repeats an earlier one (`skipped`).
    static func text(_ rows: [Row], format: AudienceFormat,
                     csvHeader: String = "user_id,username,email,segment,segment_name,distance") -> (text: String, lines: Int, skipped: Int) {
        if let hashed = hashedList(rows.map(\.email), format: format) { return hashed }
        // A run with membership probabilities (latent class) gets their column too.
        let probabilities = rows.contains { $0.probability != nil }
        var out = csvHeader + (probabilities ? ",probability" : "") + "\n"
        for row in rows {
            var fields = [String(row.userID), cell(row.username), cell(row.email), String(row.segment), cell(row.segmentName),
                          String(row.distance)]
            if probabilities { fields.append(row.probability.map { String($0) } ?? "") }
            out += fields.joined(separator: ",") + "\n"
        }
        return (out, rows.count, 0)
    }

    /// The customer list of `emails` (in that order) for a hashed format, nil for `csv`: the
    /// platform's header, then one digest a line; an empty or repeated normalised e-mail is left
    /// out (`skipped`). Every audience file of a hashed format is written by this one function.
    static func hashedList(_ emails: [String], format: AudienceFormat) -> (text: String, lines: Int, skipped: Int)? {
        guard let header = format.hashedHeader else { return nil }
        var out = header + "\n"
        var seen = Set<String>()
        var lines = 0
        for email in emails.lazy.map(normalizedEmail) {
            guard !email.isEmpty, seen.insert(email).inserted else { continue }
            out += SHA256.hex(email) + "\n"
            lines += 1
        }
        return (out, lines, emails.count - lines)
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
