import WarehouseTables

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

    static let eventColumns = [
        ExportColumn(name: "user_id", kind: .long), ExportColumn(name: "kind", kind: .string),
        ExportColumn(name: "timestamp", kind: .long), ExportColumn(name: "subcategory_id", kind: .integer),
        ExportColumn(name: "value", kind: .double, nullable: true),
    ]
    static let kindColumns = [
        ExportColumn(name: "kind_id", kind: .integer), ExportColumn(name: "kind", kind: .string),
        ExportColumn(name: "min_value", kind: .double, nullable: true),
    ]

    /// `users.csv`: every user; `persona_id` empty (NULL) for users without a planted persona.
    static func users(_ store: WarehouseStore, to path: String) throws -> CSVFileWriter {
        try write(columns: userColumns, to: path) { writer in
            try PopulationStreams.users(store) { id, age, likedPosts, persona in
                writer.integer(id)
                writer.integer(age)
                writer.integer(likedPosts)
                if let persona { writer.integer(persona) } else { writer.null() }
                try writer.endRow()
            }
        }
    }

    /// `likes.csv`: every row of `user_likes`, by user then subcategory.
    static func likes(_ store: WarehouseStore, to path: String) throws -> CSVFileWriter {
        try write(columns: likeColumns, to: path) { writer in
            try PopulationStreams.likes(store) { user, subcategory, likes in
                writer.integer(user)
                writer.integer(subcategory)
                writer.integer(likes)
                try writer.endRow()
            }
        }
    }

    /// `subcategories.csv`: the catalogue, to name `likes.csv`'s subcategory ids.
    static func subcategories(_ store: WarehouseStore, to path: String) throws -> CSVFileWriter {
        try write(columns: subcategoryColumns, to: path) { writer in
            try PopulationStreams.subcategories(store) { id, name, categoryID, category in
                writer.integer(id)
                writer.text(name)
                writer.integer(categoryID)
                writer.text(category)
                try writer.endRow()
            }
        }
    }

    /// `events.csv`: every interaction (one row per interaction and subcategory it counts toward),
    /// `timestamp` in Unix seconds, `value` empty when the interaction has none; in the table's
    /// order (by day, then user), streamed.
    static func events(_ store: WarehouseStore, to path: String) throws -> CSVFileWriter {
        try write(columns: eventColumns, to: path) { writer in
            try PopulationStreams.interactions(store) { user, kind, moment, subcategory, value in
                writer.integer(user)
                writer.text(kind)
                writer.integer(moment)
                writer.integer(subcategory)
                if let value { writer.real(value) } else { writer.null() }
                try writer.endRow()
            }
        }
    }

    /// `kinds.csv`: the kinds of interaction and their `min_value` (empty: every value counts).
    static func kinds(_ store: WarehouseStore, to path: String) throws -> CSVFileWriter {
        try write(columns: kindColumns, to: path) { writer in
            try PopulationStreams.kinds(store) { id, name, minValue in
                writer.integer(id)
                writer.text(name)
                if let minValue { writer.real(minValue) } else { writer.null() }
                try writer.endRow()
            }
        }
    }

    /// A CSV file with `columns`' header, its rows written by `body`, then closed.
    private static func write(columns: [ExportColumn], to path: String, _ body: (CSVFileWriter) throws -> Void) throws -> CSVFileWriter {
        let writer = try CSVFileWriter(path: path, header: columns.map(\.name))
        try body(writer)
        try writer.finish()
        return writer
    }
}
