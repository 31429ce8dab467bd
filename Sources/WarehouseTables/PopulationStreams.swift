import Storage

/// The population tables streamed row by row in primary-key order (one row in memory at a time),
/// for `warehouse export`. Call inside one read transaction so every stream shows one state.
package enum PopulationStreams {
    /// Every user: (id, age, liked posts, planted persona or nil).
    package static func users(_ connection: WarehouseStore, _ row: (Int64, Int64, Int64, Int64?) throws -> Void) throws {
        let statement = try connection.prepare("""
            SELECT u.id, u.age, u.liked_posts, p.persona_id
            FROM users AS u LEFT JOIN user_personas AS p ON p.user_id = u.id ORDER BY u.id
            """)
        defer { statement.reset() }
        while try statement.step() {
            try row(statement.int64(0), statement.int64(1), statement.int64(2), statement.isNull(3) ? nil : statement.int64(3))
        }
    }

    /// Every row of `user_likes`: (user, subcategory, likes), by user then subcategory.
    package static func likes(_ connection: WarehouseStore, _ row: (Int64, Int64, Int64) throws -> Void) throws {
        let statement = try connection.prepare("SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id, subcategory_id")
        defer { statement.reset() }
        while try statement.step() {
            try row(statement.int64(0), statement.int64(1), statement.int64(2))
        }
    }

    /// The catalogue: (subcategory id, subcategory, category id, category), by subcategory id.
    package static func subcategories(_ connection: WarehouseStore, _ row: (Int64, String, Int64, String) throws -> Void) throws {
        let statement = try connection.prepare(
            "SELECT s.id, s.name, c.id, c.name FROM subcategories AS s JOIN categories AS c ON c.id = s.category_id ORDER BY s.id")
        defer { statement.reset() }
        while try statement.step() {
            try row(statement.int64(0), statement.text(1), statement.int64(2), statement.text(3))
        }
    }
}
