/// XML escaping for SVG text content and attribute values.
public enum XMLEscape: Sendable {
    /// Replaces the five XML special characters with entities (`&` → `&amp;`, `<` → `&lt;`,
    /// `>` → `&gt;`, `"` → `&quot;`, `'` → `&apos;`) and drops characters that XML 1.0 forbids
    /// (C0 controls other than tab, newline and carriage return, and U+FFFE/U+FFFF), so the result is
    /// always well-formed inside both text nodes and quoted attribute values, in SVG and in HTML5.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
