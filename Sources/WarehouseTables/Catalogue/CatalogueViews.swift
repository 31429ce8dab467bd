import Storage
import WarehouseSupport

/// The `user_profiles` view of a warehouse whose catalogue is not the built-in one.
///
/// The migrations' `user_profiles` has one column per built-in category (sports, fashion, food,
/// pets). An import writes its own catalogue, so it replaces the view with one generated from
/// the stored categories: `user_id, age, age_group, gender, country, liked_posts`, then one column per category in
/// id order (the user's likes in it, 0 when none), then `top_category` (the category with the
/// most likes, a tie going to the lower id, NULL without likes), the same shape as the built-in.
///
/// Column names are the category names as quoted identifiers (`"` doubled), so any name works.
/// SQLite folds ASCII case in identifiers, so a name that equals a fixed column or an earlier
/// category's column once case-folded gets `_2`, `_3`, … (the first free one): a category `Age`
/// becomes the column `Age_2`. `generatedSQL` is a pure function of the categories, so the
/// schema check can recompute it and accept exactly this view (`matchesStoredCatalogue`).
package enum CatalogueViews {
    package static let viewName = "user_profiles"
    package static let fixedColumns = ["user_id", "age", "age_group", "gender", "country", "liked_posts", "top_category"]
    /// Above this many categories a view would be unwieldy; the import caps catalogues below it.
    package static let maximumCategories = 2_000

    /// The column names, one per category in the order given, distinct after case folding.
    package static func columnNames(_ categories: [String]) -> [String] {
        distinctIgnoringCase(categories, reserved: fixedColumns)
    }

    /// `CREATE VIEW user_profiles …` for categories `(id, name)` in id order.
    /// `demographics`: with `gender, country` after `age_group` (schema version 11 on); before
    /// that the view had neither.
    package static func generatedSQL(_ categories: [(id: Int64, name: String)], demographics: Bool = true) -> String {
        let columns = distinctIgnoringCase(categories.map(\.name),
                                           reserved: demographics ? fixedColumns : fixedColumns.filter { $0 != "gender" && $0 != "country" })
        var outer: [String] = []
        var inner: [String] = []
        for (index, category) in categories.enumerated() {
            outer.append("    coalesce(c.c\(index + 1), 0) AS \(quotedIdentifier(columns[index])),")
            inner.append("        sum(l.likes) FILTER (WHERE s.category_id = \(category.id)) AS c\(index + 1)")
        }
        return """
        CREATE VIEW user_profiles AS
        SELECT
            u.id AS user_id,
            u.age,
            CASE
                WHEN u.age < 18 THEN '<18'
                WHEN u.age < 25 THEN '18-24'
                WHEN u.age < 35 THEN '25-34'
                WHEN u.age < 45 THEN '35-44'
                WHEN u.age < 55 THEN '45-54'
                WHEN u.age < 65 THEN '55-64'
                ELSE '65+'
            END AS age_group,
        \(demographics ? "    u.gender,\n    u.country,\n" : "")    u.liked_posts,
        \(outer.joined(separator: "\n"))
            (SELECT t.name FROM user_likes AS tl
             JOIN subcategories AS ts ON ts.id = tl.subcategory_id
             JOIN categories AS t ON t.id = ts.category_id
             WHERE tl.user_id = u.id
             GROUP BY t.id ORDER BY sum(tl.likes) DESC, t.id LIMIT 1) AS top_category
        FROM users AS u
        LEFT JOIN (
            SELECT
                l.user_id,
        \(inner.joined(separator: ",\n"))
            FROM user_likes AS l
            JOIN subcategories AS s ON s.id = l.subcategory_id
            GROUP BY l.user_id
        ) AS c ON c.user_id = u.id
        """
    }

    /// Replaces `user_profiles` with the one generated from the stored categories.
    package static func regenerate(_ connection: WarehouseStore) throws {
        let categories = try storedCategories(connection.connection) ?? []
        try connection.execute("DROP VIEW IF EXISTS user_profiles")
        try connection.execute(generatedSQL(categories))
    }

    /// Run inside migration 11's transaction (which drops `user_profiles` and creates the built-in
    /// one with the new columns): a warehouse whose catalogue is not the built-in one gets its
    /// generated view back, with the new columns.
    package static func finishMigration(_ migration: Migration, _ connection: Connection) throws {
        guard migration.version == 11, let categories = try storedCategories(connection), !categories.isEmpty,
              categories.map(\.id) != [1, 2, 3, 4] || categories.map(\.name) != ["sports", "fashion", "food", "pets"] else { return }
        try connection.execute("DROP VIEW IF EXISTS user_profiles")
        try connection.execute(generatedSQL(categories))
    }

    /// Whether `sql` (a stored view's text) is the view generated from the stored categories.
    /// Reads `categories` only; false when it cannot be read or is too large to be a catalogue.
    /// `version`: the schema version the file records (the view's shape changed at 11).
    package static func matchesStoredCatalogue(_ sql: String?, _ connection: Connection, version: Int) -> Bool {
        guard let sql, let categories = try? storedCategories(connection), !categories.isEmpty else { return false }
        return normalized(sql) == normalized(generatedSQL(categories, demographics: version >= 11))
    }

    private static func storedCategories(_ connection: Connection) throws -> [(id: Int64, name: String)]? {
        guard let count = try connection.scalar("SELECT count(*) FROM categories")?.int64, count <= Int64(maximumCategories) else {
            return nil
        }
        return try connection.mapRows(CatalogueTables.categoriesSQL, table: "categories",
                                      row: { "category \($0.value(0))" }) { row in
            (id: try row.int(0, "id", in: 1...Int64(Int32.max)), name: try row.text(1, "name", maxLength: 1_000))
        }
    }

    /// The SQL with every run of white space as one space.
    package static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
