/// Text read from a file (a table name, SQLite's message about a damaged page, an engine name,
/// an excerpt of an input) made safe to print on a terminal: one line, control and format
/// characters (escape, carriage return, bidirectional overrides…) shown as `\u{…}` escapes,
/// at most `limit` characters, then "…".
package func printableExcerpt(_ text: some StringProtocol, limit: Int = 200) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count >= limit {
            out += "…"
            break
        }
        if isUnprintable(scalar) {
            out += scalar.escaped(asASCII: true)
        } else {
            out.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return out
}

/// Control characters (C0, DEL, C1), format characters (zero-width, bidirectional controls) and
/// line or paragraph separators: what must not reach a terminal or a stored name raw.
package func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
        true
    default:
        false
    }
}
