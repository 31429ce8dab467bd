/// Rough text measurement for layout, without font files: the width of a string in SVG user
/// units is estimated as Σ (per-character advance in em) × font size, with advances of DejaVu
/// Sans, the widest common fallback (digits 0.64 em, lower case ≈ 0.6 em, upper case ≈ 0.72 em,
/// narrow glyphs ≈ 0.3 em). Helvetica, Arial and Segoe UI are narrower, so labels never collide.
enum TextMetrics {
    static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for character in text {
            ems += advance(character)
        }
        return ems * fontSize
    }

    static func advance(_ character: Character) -> Double {
        switch character {
        case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!", "I", " ": return 0.3
        case "f", "t", "r", "(", ")", "[", "]", "-", "/": return 0.4
        case "m", "w", "M", "W", "%", "@": return 0.92
        case "0"..."9": return 0.64
        case "a"..."z": return 0.6
        case "A"..."Z": return 0.72
        default: return 0.66
        }
    }

    /// Greedy word wrap so that each line is at most `maxWidth` wide (a single long word gets a line
    /// of its own). Explicit newlines start new lines.
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if !line.isEmpty && width(candidate, fontSize: fontSize) > maxWidth {
                    lines.append(line)
                    line = String(word)
                } else {
                    line = candidate
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// `text` shortened with "…" to fit `maxWidth` (unchanged if it fits).
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty && width(String(characters) + "…", fontSize: fontSize) > maxWidth {
            characters.removeLast()
        }
        return String(characters) + "…"
    }
}
