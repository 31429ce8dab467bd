import Storage
import WarehouseSupport

/// Who an audience may contain, by who users are: `--age`, `--gender`, `--country`. Each is a
/// list of accepted values (a user passes a list when it matches any of them); the filter passes
/// users that pass every list given. An empty filter passes everyone.
///
/// Applied in SQL (`condition(user:)`), against `users`' columns, so a filtered audience is read,
/// never built whole and thinned.
public struct UserFilter: Sendable, Equatable, CustomStringConvertible {
    /// Age bands in whole years, inclusive; empty: any age.
    public var ages: [ClosedRange<Int>] = []
    /// Accepted genders; `nil` in the list accepts users who did not disclose one. Empty: any.
    public var genders: [Gender?] = []
    /// Accepted countries (ISO 3166-1 alpha-2). Empty: any (also users without a country).
    public var countries: [Country] = []

    public init(ages: [ClosedRange<Int>] = [], genders: [Gender?] = [], countries: [Country] = []) {
        self.ages = ages
        self.genders = genders
        self.countries = countries
    }

    /// The youngest and oldest age a filter may name (the `users.age` column's range).
    package static let ageLimits = 0...150

    public var isEmpty: Bool { ages.isEmpty && genders.isEmpty && countries.isEmpty }

    /// The filter as the options that give it, e.g. `--age 25-34 --gender female`; "" when empty.
    public var description: String {
        var parts: [String] = []
        if !ages.isEmpty { parts.append("--age " + ages.map(Self.text).joined(separator: ",")) }
        if !genders.isEmpty { parts.append("--gender " + genders.map { $0?.rawValue ?? "unknown" }.joined(separator: ",")) }
        if !countries.isEmpty { parts.append("--country " + countries.map(\.code).joined(separator: ",")) }
        return parts.joined(separator: " ")
    }

    private static func text(_ band: ClosedRange<Int>) -> String {
        if band.lowerBound == band.upperBound { return "\(band.lowerBound)" }
        return band.upperBound == ageLimits.upperBound ? "\(band.lowerBound)+" : "\(band.lowerBound)-\(band.upperBound)"
    }

    // MARK: parsing what the options say

    /// `--age`: comma-separated bands `25-34`, `65+` or `30`, whole years 0…150, lower ≤ upper.
    public static func ages(_ text: String) throws -> [ClosedRange<Int>] {
        try list(text, option: "--age").map { item in
            func years(_ digits: Substring) throws -> Int {
                guard !digits.isEmpty, digits.utf8.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits),
                      ageLimits.contains(value) else {
                    throw WarehouseError.invalidArgument("--age \(item): ages are whole years \(ageLimits.lowerBound)…\(ageLimits.upperBound), as 25-34, 65+ or 30")
                }
                return value
            }
            if item.hasSuffix("+") { return try years(item.dropLast())...ageLimits.upperBound }
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2 else {
                throw WarehouseError.invalidArgument("--age \(item): give a band as 25-34, 65+ or 30")
            }
            let lower = try years(bounds[0])
            let upper = bounds.count == 2 ? try years(bounds[1]) : lower
            guard lower <= upper else {
                throw WarehouseError.invalidArgument("--age \(item): the band's lower bound \(lower) is above its upper bound \(upper)")
            }
            return lower...upper
        }
    }

    /// `--gender`: comma-separated `female`, `male`, `other` or `unknown` (not disclosed), or
    /// what `Gender.parse` reads ("f", "m", …).
    public static func genders(_ text: String) throws -> [Gender?] {
        var result: [Gender?] = []
        for item in try list(text, option: "--gender") {
            guard let gender = Gender.parse(item) else {
                throw WarehouseError.invalidArgument("--gender \(item) is not a gender; use female, male, other or unknown")
            }
            if !result.contains(gender) { result.append(gender) }
        }
        return result
    }

    /// `--country`: comma-separated ISO 3166-1 alpha-2 codes, any letter case.
    public static func countries(_ text: String) throws -> [Country] {
        var result: [Country] = []
        for item in try list(text, option: "--country") {
            guard let country = Country(code: item) else {
                throw WarehouseError.invalidArgument("--country \(item) is not an ISO 3166-1 alpha-2 country code (such as DE, GB, US)")
            }
            if !result.contains(country) { result.append(country) }
        }
        return result
    }

    /// The comma-separated items of `text`, white space around each dropped; none may be empty.
    private static func list(_ text: String, option: String) throws -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmingWhitespace()) }
        guard text.utf8.count <= 10_000, !items.contains(where: \.isEmpty) else {
            throw WarehouseError.invalidArgument("\(option) \"\(printableExcerpt(text, limit: 80))\": give a comma-separated list without empty items")
        }
        return items
    }

    // MARK: SQL

    /// A boolean SQL expression over the `users` row aliased `user` that is true exactly for the
    /// users the filter passes ("1" when empty), with `?` placeholders for `bindings`, in order.
    package func condition(user: String) -> (sql: String, bindings: [SQLValue]) {
        var clauses: [String] = []
        var bindings: [SQLValue] = []
        if !ages.isEmpty {
            clauses.append("(" + ages.map { _ in "\(user).age BETWEEN ? AND ?" }.joined(separator: " OR ") + ")")
            for band in ages { bindings += [.integer(Int64(band.lowerBound)), .integer(Int64(band.upperBound))] }
        }
        if !genders.isEmpty {
            let named = genders.compactMap { $0 }
            var alternatives: [String] = []
            if !named.isEmpty {
                alternatives.append("\(user).gender IN (" + named.map { _ in "?" }.joined(separator: ",") + ")")
                bindings += named.map { .text($0.rawValue) }
            }
            if genders.contains(where: { $0 == nil }) { alternatives.append("\(user).gender IS NULL") }
            clauses.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if !countries.isEmpty {
            clauses.append("\(user).country IN (" + countries.map { _ in "?" }.joined(separator: ",") + ")")
            bindings += countries.map { .text($0.code) }
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), bindings)
    }

    /// Whether user `age`, `gender`, `country` (as stored) pass: the same test as `condition`,
    /// for callers that hold the values.
    package func passes(age: Int, gender: Gender?, country: String?) -> Bool {
        (ages.isEmpty || ages.contains { $0.contains(age) })
            && (genders.isEmpty || genders.contains(gender))
            && (countries.isEmpty || countries.contains { $0.code == country })
    }
}
