import Storage

/// The population tables as CSV, streamed row by row from SQLite into `CSVFileWriter` (one row
/// in memory at a time), in primary-key order.
enum TableExport {
    static let userColumns = [
        ExportColumn(name: "user_id", kind: .long), ExportColumn(name: "age", kind: .integer),
        ExportColumn(name: "liked_posts", kind: .integer), ExportColumn(name: "persona_id", kind: .integer, nullable: true),
    ]
    static let likeColumns = [
        ExportColumn(name: "user_id", kind: .long), ExportColumn(name: "subcategory_id", kind: .integer),
        ExportColumn(name: "likes", kind: .integer),
    ]
    static let subcategoryColumns = [
        ExportColumn(name: "subcategory_id", kind: .integer), ExportColumn(name: "subcategory", kind: .string),
        ExportColumn(name: "category_id", kind: .integer), ExportColumn(name: "category", kind: .string),
    ]

    /// `users.csv`: every user; `persona_id` empty (NULL) for users without a planted persona.
    static func users(_ connection: Connection, to path: String) throws -> CSVFileWriter {
        try stream(connection, """
            SELECT u.id, u.age, u.liked_posts, p.persona_id
            FROM users AS u LEFT JOIN user_personas AS p ON p.user_id = u.id ORDER BY u.id
            """, columns: userColumns, to: path)
    }

    /// `likes.csv`: every row of `user_likes`, by user then subcategory.
    static func likes(_ connection: Connection, to path: String) throws -> CSVFileWriter {
        try stream(connection, "SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id, subcategory_id",
                   columns: likeColumns, to: path)
    }

    /// `subcategories.csv`: the catalogue, to name `likes.csv`'s subcategory ids.
    static func subcategories(_ connection: Connection, to path: String) throws -> CSVFileWriter {
        try stream(connection, """
            SELECT s.id, s.name, c.id, c.name FROM subcategories AS s JOIN categories AS c ON c.id = s.category_id ORDER BY s.id
            """, columns: subcategoryColumns, to: path)
    }

    /// Writes every row of `sql` (whose columns match `columns` in order and kind) and closes the file.
    private static func stream(_ connection: Connection, _ sql: String, columns: [ExportColumn], to path: String) throws -> CSVFileWriter {
        let writer = try CSVFileWriter(path: path, header: columns.map(\.name))
        let statement = try connection.prepare(sql)
        defer { statement.reset() }
        while try statement.step() {
            for (index, column) in columns.enumerated() {
                let i = Int32(index)
                if statement.isNull(i) {
                    writer.null()
                    continue
                }
                switch column.kind {
                case .long, .integer: writer.integer(statement.int64(i))
                case .double: writer.real(statement.double(i))
                case .string: writer.text(statement.text(i))
                }
            }
            try writer.endRow()
        }
        try writer.finish()
        return writer
    }
}
