/// What one `warehouse import` call read and wrote (or, with `--dry-run`, would write).
public struct ImportSummary: Sendable, Encodable {
    public let database: String
    public let dryRun: Bool
    public let append: Bool
    public let users: Int
    /// Rows of likes.csv read (before repeated user–subcategory rows are added up).
    public let likeRowsRead: Int
    /// The sum of every like count.
    public let likes: Int64
    public let usersWithoutLikes: Int
    public let categories: Int
    public let subcategories: Int
    /// "new" when this import wrote the catalogue, "existing" when the warehouse held it already.
    public let catalogue: String
    /// Columns of the input files the import did not use, as "file: column".
    public let ignoredColumns: [String]
    /// Rows of users.csv whose user the warehouse held already, identically (with --append).
    public var keptUsers: Int = 0
    /// Rows of events.csv read, and the interaction rows they gave (one per subcategory of an item).
    public var events: Int = 0
    public var interactions: Int = 0
    /// Interaction rows per kind, in name order.
    public var kinds: [KindCount] = []
    /// The interest rules stored.
    public var rules: [Rule] = []
    public let seconds: Double

    public struct KindCount: Sendable, Encodable, Equatable {
        public let kind: String
        public let rows: Int
    }

    /// An interaction of `kind` with a value below `minValue` is not interest; `byDefault`: the
    /// rule of a rating kind (`rate`, `rating`) that --min-value did not name.
    public struct Rule: Sendable, Encodable, Equatable {
        public let kind: String
        public let minValue: Double
        public let byDefault: Bool
    }

    public func render() -> String {
        typealias F = Format
        let verb = dryRun ? "checked (dry run, nothing written):" : "imported"
        let kindList = kinds.map { $0.kind + " " + F.count($0.rows) }.joined(separator: ", ")
        let eventsText = events > 0 ? "\(F.plural(events, "event")) (\(F.plural(interactions, "interaction row")): \(kindList))," : ""
        let ruleList = rules.map { $0.kind + " counts from value " + Self.number($0.minValue) + ($0.byDefault ? " (default for ratings)" : "") }
        let rulesText = rules.isEmpty ? "" : "interest rules: " + ruleList.joined(separator: "; ") + ","
        return F.wrapped(["\(verb) \(F.plural(users, "user")),",
                          "\(F.plural(likeRowsRead, "like row")) (\(F.count(likes)) likes; \(F.plural(usersWithoutLikes, "user")) without likes),",
                          keptUsers > 0 ? "kept \(F.plural(keptUsers, "user")) already in the warehouse," : "",
                          eventsText, rulesText,
                          "catalogue of \(F.plural(categories, "category", "categories")) and \(F.plural(subcategories, "subcategory", "subcategories")) (\(catalogue))",
                          "in \(F.seconds(seconds))", dryRun ? "for \(database)" : "into \(database)"].filter { !$0.isEmpty },
                         lead: "", separator: " ", indent: "  ").joined(separator: "\n")
    }

    /// 4 for 4.0, 3.5 for 3.5.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
