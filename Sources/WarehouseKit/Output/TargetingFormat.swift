import Foundation

/// Number formats shared by the targeting commands (POSIX, no locale).
enum TargetingFormat {
    /// 1234567 → "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// 0.4567 → "45.7%".
    static func percent(_ share: Double) -> String { fixed(share * 100, 1) + "%" }

    /// An affinity index rounded to a whole number, "-" when undefined.
    static func index(_ value: Double?) -> String { value.map { fixed($0, 0) } ?? "-" }

    /// Pretty, key-sorted, snake_case JSON.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// `value` with `decimals` digits after the point, POSIX format (no locale).
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return String(value) }
    return String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), value)
}
