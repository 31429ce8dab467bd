import Storage

/// Reads of `interactions` as a whole: its span, its counts per kind, and the invariants `check`
/// verifies.
package enum InteractionsTable {
    /// The largest day number accepted (9999-12-31), as the schema's CHECK says.
    package static let lastDay: Int64 = 2_932_896

    /// The first and last moment (Unix seconds) of any interaction; nil when there are none.
    /// Two index lookups (the key starts with day).
    package static func span(_ store: WarehouseStore) throws -> ClosedRange<Int64>? {
        // min(day) is one index lookup; min(second) then scans that one day.
        guard let firstDay = try store.mapRows("SELECT min(day) FROM interactions", table: "interactions", row: { _ in "the first day" },
                                               { row in try row.optionalInt(0, "day", in: 0...lastDay) }).first ?? nil else { return nil }
        let first = try store.mapRows("SELECT min(second) FROM interactions WHERE day = ?", [.integer(firstDay)], table: "interactions",
                                      row: { _ in "day \(firstDay)" }) { row in
            let second: Int64 = try row.int(0, "second", in: 0...86_399)
            return firstDay * 86_400 + second
        }
        guard let low = first.first else { return nil }
        let dayRows = try store.mapRows("SELECT max(day) FROM interactions", table: "interactions", row: { _ in "the last day" }) { row in
            try row.int(0, "day", in: 0...lastDay)
        }
        guard let lastDay = dayRows.first else { return nil }
        let seconds = try store.mapRows("SELECT max(second) FROM interactions WHERE day = ?", [.integer(lastDay)],
                                        table: "interactions", row: { _ in "day \(lastDay)" }) { row in
            let second: Int64 = try row.int(0, "second", in: 0...86_399)
            return second
        }
        let high = lastDay * 86_400 + (seconds.first ?? 0)
        return low...max(low, high)
    }

    /// Interactions (rows) per kind name, in kind id order; kinds without rows are left out.
    package static func countsByKind(_ store: WarehouseStore) throws -> [(kind: String, rows: Int64)] {
        try store.mapRows("""
            SELECT k.name, count(*) FROM interactions AS i JOIN interaction_kinds AS k ON k.id = i.kind_id
            GROUP BY i.kind_id ORDER BY i.kind_id
            """, table: "interactions", row: { "kind \($0.value(0))" }) { row in
            (try row.name(0, "kind", maxLength: 64), try row.int(1, "count", in: 0...Int64.max))
        }
    }

    /// Whether there are any interactions.
    package static func isEmpty(_ store: WarehouseStore) throws -> Bool {
        try store.scalar("SELECT 1 FROM interactions LIMIT 1") == nil
    }

    /// The first (user, subcategory) whose like interactions outnumber its `user_likes` count
    /// (the like count keeps every like, with a time or without), as a sentence; nil when none.
    package static func likesBeyondUserLikes(_ store: WarehouseStore) throws -> String? {
        let rows = try store.mapRows("""
            SELECT i.user_id, i.subcategory_id, count(*) AS n, coalesce(l.likes, 0)
            FROM interactions AS i LEFT JOIN user_likes AS l ON l.user_id = i.user_id AND l.subcategory_id = i.subcategory_id
            WHERE i.kind_id = 1
            GROUP BY i.user_id, i.subcategory_id
            HAVING n > coalesce(l.likes, 0)
            LIMIT 1
            """, table: "interactions", row: { "user \($0.value(0))" }) { row in
            "user \(try row.int(0, "user_id", in: Int64.min...Int64.max)) has \(try row.int(2, "count", in: 0...Int64.max)) like interactions in subcategory \(try row.int(1, "subcategory_id", in: Int64.min...Int64.max)) but user_likes counts \(try row.int(3, "likes", in: Int64.min...Int64.max))"
        }
        return rows.first
    }

    /// The first user of a seed batch with interactions (generator v2, or v4 with demographics,
    /// whose likes are all interactions; v1 and v3 write likes without interactions) whose like interactions do not number `liked_posts`, as a sentence, and how
    /// many such users there are; nil when none. One grouped scan of the like interactions.
    package static func seededLikeMismatches(_ store: WarehouseStore) throws -> (count: Int64, first: String)? {
        let rows = try store.mapRows("""
            WITH counted AS (SELECT user_id, count(*) AS n FROM interactions WHERE kind_id = 1 GROUP BY user_id)
            SELECT u.id, u.liked_posts, coalesce(c.n, 0), count(*) OVER ()
            FROM users AS u
            JOIN seed_batches AS b ON b.id = u.seed_batch_id AND b.generator_version IN (2, 4)
            LEFT JOIN counted AS c ON c.user_id = u.id
            WHERE u.liked_posts <> coalesce(c.n, 0)
            ORDER BY u.id LIMIT 1
            """, table: "users", row: { "user \($0.value(0))" }) { row in
            (try row.int(3, "count", in: 0...Int64.max),
             "user \(try row.int(0, "id", in: Int64.min...Int64.max)) has liked_posts = \(try row.int(1, "liked_posts", in: Int64.min...Int64.max)) but \(try row.int(2, "count", in: 0...Int64.max)) like interactions")
        }
        return rows.first
    }

    /// The first interaction whose user, kind or subcategory does not exist, as a sentence; nil when none.
    package static func orphan(_ store: WarehouseStore) throws -> String? {
        let checks = [
            ("user", "SELECT user_id FROM interactions WHERE user_id NOT IN (SELECT id FROM users) LIMIT 1"),
            ("kind", "SELECT kind_id FROM interactions WHERE kind_id NOT IN (SELECT id FROM interaction_kinds) LIMIT 1"),
            ("subcategory", "SELECT subcategory_id FROM interactions WHERE subcategory_id NOT IN (SELECT id FROM subcategories) LIMIT 1"),
        ]
        for (what, sql) in checks {
            if let value = try store.scalar(sql) {
                return "interactions has a row for \(what) \(value.description), which does not exist"
            }
        }
        return nil
    }
}
