import Storage

/// `users`, `user_likes` and `user_personas` outside the bulk paths (the seed's `UserBatchWriter`
/// and the analysis's `WarehouseReader`): counts, id bounds, one user's likes, and the unique
/// indexes a large seed rebuilds.
package enum UsersTable {
    /// The largest user id (one look at the primary key's end).
    private static let largestIDSQL = "SELECT max(id) FROM users"

    /// Users in the warehouse.
    package static func count(_ connection: WarehouseStore) throws -> Int {
        Int(try connection.scalar("SELECT count(*) FROM users")?.int64 ?? 0)
    }

    /// The smallest and largest user id, nil without users. Both come from the primary key.
    package static func idBounds(_ connection: WarehouseStore) throws -> ClosedRange<Int64>? {
        guard let low = try connection.scalar("SELECT min(id) FROM users")?.int64,
              let high = try connection.largestInteger(largestIDSQL, naming: "users.id"), low <= high else { return nil }
        return low...high
    }

    /// The id of the user `offset` places after the first with id ≥ `low` (and ≤ `high`), in id
    /// order; nil when fewer users are in that range. Splits a read into parts of equal users.
    package static func id(after offset: Int, from low: Int64, through high: Int64, _ connection: WarehouseStore) throws -> Int64? {
        try connection.scalar("SELECT id FROM users WHERE id >= ? AND id <= ? ORDER BY id LIMIT 1 OFFSET ?",
                              [.integer(low), .integer(high), .integer(Int64(offset))])?.int64
    }

    /// A user id of `user_likes` outside `ids`, if there is one (likes of users that do not exist).
    package static func likeOutside(_ ids: ClosedRange<Int64>, _ connection: WarehouseStore) throws -> Int64? {
        try connection.scalar("SELECT user_id FROM user_likes WHERE user_id < ? OR user_id > ? LIMIT 1",
                              [.integer(ids.lowerBound), .integer(ids.upperBound)])?.int64
    }

    /// The largest user id any population table holds: `users`, and the likes and personas a
    /// hand edit may have left without their user. New users start past it, so they never meet
    /// such rows.
    package static func largestID(_ connection: WarehouseStore) throws -> Int64? {
        let ids = try [(largestIDSQL, "users.id"), ("SELECT max(user_id) FROM user_likes", "user_likes.user_id"),
                       ("SELECT max(user_id) FROM user_personas", "user_personas.user_id")]
            .compactMap { try connection.largestInteger($0.0, naming: $0.1) }
        return ids.max()
    }

    /// A user id of `user_likes` whose user is outside the range `users` holds (every like, when
    /// `users` is empty): a cheap look for likes left without their user, from the key's two ends.
    package static func orphanedLike(_ connection: WarehouseStore) throws -> Int64? {
        guard let bounds = try idBounds(connection) else {
            return try connection.scalar("SELECT user_id FROM user_likes LIMIT 1")?.int64
        }
        return try likeOutside(bounds, connection)
    }

    package static func exists(_ user: Int64, _ connection: WarehouseStore) throws -> Bool {
        try connection.scalar("SELECT 1 FROM users WHERE id = ?", [.integer(user)]) != nil
    }

    /// One user's likes per subcategory, most liked first (ties: lower subcategory id); every
    /// count in 1…Int32.max, as the analysis reads them.
    package static func likes(of user: Int64, _ connection: WarehouseStore) throws -> [(subcategoryID: Int, likes: Int)] {
        try connection.mapRows(
            "SELECT subcategory_id, likes FROM user_likes WHERE user_id = ? ORDER BY likes DESC, subcategory_id",
            [.integer(user)], table: "user_likes", row: { "user \(user), subcategory \($0.value(0))" }) { row in
            (try row.int(0, "subcategory_id", in: 0...Int(Int32.max)), try row.int(1, "likes", in: 1...Int(Int32.max)))
        }
    }

    /// Drops the explicit indexes on `users` (the unique username and e-mail) and returns the SQL
    /// that recreates them, read from `sqlite_schema` so the migrations stay their only definition.
    /// Call inside the transaction that recreates them.
    package static func dropIndexes(_ connection: WarehouseStore) throws -> [String] {
        let indexes = try connection.rows(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL ORDER BY name")
        var recreate: [String] = []
        for row in indexes {
            guard let name = row[0].string, let sql = row[1].string else { continue }
            try connection.execute("DROP INDEX \(quotedIdentifier(name))")
            recreate.append(sql)
        }
        return recreate
    }

    /// Recreates the indexes `dropIndexes` dropped.
    package static func recreateIndexes(_ sql: [String], _ connection: WarehouseStore) throws {
        for statement in sql { try connection.execute(statement) }
    }
}
