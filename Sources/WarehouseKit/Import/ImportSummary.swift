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
    public let seconds: Double

    public func render() -> String {
        typealias F = Format
        let verb = dryRun ? "checked (dry run, nothing written):" : "imported"
        return F.wrapped(["\(verb) \(F.plural(users, "user")),",
                          "\(F.plural(likeRowsRead, "like row")) (\(F.count(likes)) likes; \(F.plural(usersWithoutLikes, "user")) without likes),",
                          "catalogue of \(F.plural(categories, "category", "categories")) and \(F.plural(subcategories, "subcategory", "subcategories")) (\(catalogue))",
                          "in \(F.seconds(seconds))", dryRun ? "for \(database)" : "into \(database)"],
                         lead: "", separator: " ", indent: "  ").joined(separator: "\n")
    }
}
