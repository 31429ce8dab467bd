/// A country by its ISO 3166-1 alpha-2 code, as `users.country` stores it ("DE").
///
/// The codes, names and calling codes are `Country.table` (generated, see
/// `scripts/generate-countries.py`): every officially assigned alpha-2 code, no reserved or
/// user-assigned ones (so "UK", "EU" and "XK" are not countries here; Great Britain is "GB").
public struct Country: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Two upper-case ASCII letters.
    public let code: String
    /// English short name, e.g. "Germany".
    public let name: String
    /// The ITU-T E.164 country calling code, e.g. 49; nil where none is assigned (Antarctica).
    public let callingCode: Int?

    /// The country of `code`, in any letter case and with white space around it ignored; nil when
    /// `code` is not an assigned ISO 3166-1 alpha-2 code.
    public init?(code: some StringProtocol) {
        let trimmed = code.trimmingWhitespace()
        guard trimmed.utf8.count == 2 else { return nil }
        let upper = trimmed.uppercased()
        guard let index = Self.index[upper] else { return nil }
        let row = Self.table[index]
        self.code = row.code
        self.name = row.name
        self.callingCode = row.callingCode == 0 ? nil : row.callingCode
    }

    public var description: String { code }

    public static func < (lhs: Country, rhs: Country) -> Bool { lhs.code < rhs.code }

    /// Every assigned code, sorted.
    public static var allCodes: [String] { table.map(\.code) }

    private static let index: [String: Int] = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($1.code, $0) })
}

/// A user's gender as `users.gender` stores it; a user who did not disclose one has NULL there
/// (nil here), never a fourth value.
public enum Gender: String, Sendable, CaseIterable, Comparable {
    case female
    case male
    case other

    /// Parses what platforms export, in any letter case, white space around it ignored:
    /// "female", "f", "woman", "w"; "male", "m", "man"; "other", "o", "non-binary", "nonbinary",
    /// "x", "diverse", "d". Returns `.some(nil)` for a value that says "not disclosed" ("",
    /// "u", "unknown", "undisclosed", "not disclosed", "prefer not to say", "n/a", "na", "none"),
    /// and nil for anything else (a refusal).
    public static func parse(_ text: some StringProtocol) -> Gender?? {
        let value = text.trimmingWhitespace().lowercased()
        switch value {
        case "female", "f", "woman", "w": return .some(.female)
        case "male", "m", "man": return .some(.male)
        case "other", "o", "non-binary", "nonbinary", "x", "diverse", "d": return .some(.other)
        case "", "u", "unknown", "undisclosed", "not disclosed", "prefer not to say", "n/a", "na", "none": return .some(nil)
        default: return nil
        }
    }

    /// female < male < other, the order of `allCases`.
    public static func < (lhs: Gender, rhs: Gender) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .female: 0
        case .male: 1
        case .other: 2
        }
    }
}

extension StringProtocol {
    /// The text without white space (Unicode `isWhitespace`) at either end.
    public func trimmingWhitespace() -> Substring {
        let base = self[...]
        guard let first = base.firstIndex(where: { !$0.isWhitespace }),
              let last = base.lastIndex(where: { !$0.isWhitespace }) else { return Substring() }
        return Substring(base[first...last])
    }
}
