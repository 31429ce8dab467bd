import Charts
import Foundation

/// The one way the warehouse writes numbers for people: every command's text output, and the
/// report's tables, go through here, so one value always prints the same way.
///
/// The rounding rule: a value is rounded half away from zero at the last digit shown, taken on
/// the stored binary value (`fixed(0.125, 2)` is "0.13", `fixed(-2.5, 0)` is "-3"; 1.005 is
/// stored as 1.00499999999999989… and prints as "1.00"). No locale: the decimal separator is
/// always `.`, thousands are grouped with `,`, the minus sign is ASCII `-`, and a value that
/// rounds to zero never prints as "-0". Trailing zeros are kept, so a column's decimals line up.
public enum Format {
    /// What an absent value (nil, or not finite) prints as in text.
    public static let absent = "-"
    /// The widest line text output aims for (columns of a terminal).
    public static let lineWidth = 100

    // MARK: Numbers

    /// `value` with exactly `decimals` digits after the point and thousands grouped:
    /// `fixed(4451.971052039091, 1)` → "4,451.9"; `fixed(0.125, 2)` → "0.13". Non-finite: "-".
    /// - Parameter decimals: clamped to 0…12.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard let digits = NumberFormat.roundedDigits(value, decimals: decimals) else { return absent }
        let text = NumberFormat.groupingThousands(digits.integer) + (digits.fraction.isEmpty ? "" : "." + digits.fraction)
        return (digits.negative ? "-" : "") + text
    }

    /// `fixed`, or "-" for nil.
    public static func fixed(_ value: Double?, _ decimals: Int) -> String {
        value.map { fixed($0, decimals) } ?? absent
    }

    /// A count with thousands separators: 1234567 → "1,234,567".
    public static func count<T: BinaryInteger>(_ value: T) -> String {
        (value < 0 ? "-" : "") + NumberFormat.groupingThousands(String(value.magnitude))
    }

    /// A count and its noun, singular for exactly one: `plural(1, "segment")` → "1 segment",
    /// `plural(2938, "user")` → "2,938 users"; irregular plurals are given: `plural(2, "batch", "batches")`.
    public static func plural<T: BinaryInteger>(_ value: T, _ singular: String, _ plural: String? = nil) -> String {
        count(value) + " " + (value == 1 ? singular : plural ?? singular + "s")
    }

    /// A share in 0…1 as a percentage with one decimal: 0.4567 → "45.7%".
    public static func percent(_ share: Double, _ decimals: Int = 1) -> String {
        share.isFinite ? fixed(share * 100, decimals) + "%" : absent
    }

    /// `percent`, or "-" for nil.
    public static func percent(_ share: Double?, _ decimals: Int = 1) -> String {
        share.map { percent($0, decimals) } ?? absent
    }

    /// An affinity index (100 = like everyone) as a whole number: 219.4 → "219"; "-" when undefined.
    public static func index(_ value: Double?) -> String { fixed(value, 0) }

    /// The one affinity, lift (`Lift`), as "2.45×": two decimals and the times sign; "-" for nil.
    public static func lift(_ value: Double?) -> String { value.map { fixed($0, 2) + "×" } ?? absent }

    /// A score in −1…1 or 0…1 (silhouette, adjusted Rand index, Jaccard) as a decimal with three
    /// digits: 0.9372984 → "0.937". Never a percentage.
    public static func score(_ value: Double?) -> String { fixed(value, 3) }

    /// Seconds for people: one decimal under a minute ("2.9 s"), then minutes and seconds ("2 min 5 s").
    public static func seconds(_ seconds: Double) -> String {
        guard seconds.isFinite else { return absent }
        if seconds < 59.95 { return fixed(max(seconds, 0), 1) + " s" }
        let whole = Int(seconds.rounded())
        return "\(count(whole / 60)) min \(whole % 60) s"
    }

    /// A size in binary units: 1536 → "1.5 KB"; 2_300_000 → "2.2 MB"; 512 → "512 bytes".
    public static func bytes<T: BinaryInteger>(_ bytes: T) -> String {
        let value = Double(bytes)
        if value >= 1_073_741_824 { return fixed(value / 1_073_741_824, 1) + " GB" }
        if value >= 1_048_576 { return fixed(value / 1_048_576, 1) + " MB" }
        if value >= 1024 { return fixed(value / 1024, 1) + " KB" }
        return plural(bytes, "byte")
    }

    /// A rate per second, rounded to a whole number and grouped: 274412.7 → "274,413".
    public static func rate(_ perSecond: Double) -> String { fixed(perSecond, 0) }

    // MARK: Text

    /// A stored UTC timestamp to the minute, for tables: "2026-12-01T21:10:18.202Z" → "2026-12-01 21:10";
    /// anything else is returned as it is.
    public static func minute(_ timestamp: String) -> String {
        let characters = Array(timestamp)
        guard characters.count >= 16, characters[10] == "T", characters[13] == ":" else { return timestamp }
        return String(characters[0..<10]) + " " + String(characters[11..<16])
    }

    /// `text` quoted for a POSIX shell when it needs it: `my dir` → `'my dir'`, `it's` → `'it'\''s'`;
    /// plain words (letters, digits, `-_./:=@%+,`) are left as they are.
    public static func shellQuoted(_ text: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,")
        if !text.isEmpty, text.allSatisfy({ plain.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The first `limit` Unicode scalars of `text`: a cut by code points, never by characters (one
    /// character may carry any number of combining marks, `Z` + 20,000 accents is one).
    public static func scalarPrefix(_ text: some StringProtocol, _ limit: Int) -> String {
        var out = ""
        out.unicodeScalars.append(contentsOf: text.unicodeScalars.prefix(max(limit, 0)))
        return out
    }

    /// An echoed value in a message: `printable`, cut after `limit` Unicode scalars (then "…").
    public static func excerpt(_ text: some StringProtocol, limit: Int = 60) -> String {
        let cut = text.unicodeScalars.count > limit
        return printable(scalarPrefix(text, limit)) + (cut ? "…" : "")
    }

    /// `text` safe to print on a terminal: control characters (newlines, escapes) written as
    /// `\u{1B}`-style escapes, so a stored name cannot move the cursor or fake a line.
    public static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` line by line through `printable`: what the command line prints in text mode, so no
    /// value read from a file, a path or an argument (a terminal escape in `--db`, a stored name)
    /// reaches the terminal raw, whichever message carries it.
    public static func printableLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { printable(String($0)) }.joined(separator: "\n")
    }

    /// A `--db PATH` argument for a "next:" hint, shell-quoted; empty when the command was not given one.
    public static func databaseArgument(_ path: String?) -> String {
        path.map { " --db " + shellQuoted($0) } ?? ""
    }

    /// `items` joined by `separator` after `lead`, broken into lines of at most `width` columns
    /// (an item is never split); continuation lines are indented by `indent`.
    public static func wrapped(_ items: [String], lead: String, separator: String = " · ", indent: String = "    ",
                               width: Int = lineWidth) -> [String] {
        var lines: [String] = []
        var line = lead
        var lineHasItem = false
        let trailer = separator.trimmingTrailingSpaces()
        for (offset, item) in items.enumerated() {
            let candidate = lineHasItem ? line + separator + item : line + item
            // A line that breaks after this item ends in the separator's trailer: leave room for it.
            let room = offset == items.count - 1 ? 0 : trailer.count
            if lineHasItem, candidate.count + room > width {
                lines.append(line + trailer)
                line = indent + item
            } else {
                line = candidate
            }
            lineHasItem = true
        }
        lines.append(line)
        return lines
    }

    // MARK: JSON

    /// Pretty, key-sorted, snake_case JSON, slashes unescaped: the one encoder behind every `--json`
    /// and export's schema.json. A NaN or an infinity is refused (an error), never written.
    /// - Parameter compact: on one line without spaces, for JSON stored in the database.
    public static func json<T: Encodable>(_ value: T, compact: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A ratio in 0…1 as printed in JSON: clamped to 0…1 and rounded to 12 decimals, so a sum of
    /// variance ratios that is 1 up to rounding (1.0000000000000002) prints as 1. For output only:
    /// stored values are never changed.
    public static func unitRatio(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        return (min(max(value, 0), 1) * 1e12).rounded() / 1e12
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// An optional that JSON always writes: `null` when absent, never a missing key (Swift's
/// synthesised `Encodable` skips nil properties; a property wrapped in `JSONNullable` is encoded
/// through this wrapper, which writes `null`).
@propertyWrapper
public struct JSONNullable<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension JSONNullable: Equatable where Value: Equatable {}

extension JSONNullable: Decodable where Value: Decodable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }
}
