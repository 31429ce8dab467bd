import Storage

/// One interaction row as an import writes it (`value` NaN: no value; `keyword` −1: none, else an
/// index into the batch's keywords).
package struct ImportedInteraction: Sendable {
    package var day: Int32
    package var second: Int32
    package var kind: Int32
    package var keyword: Int32
    package var user: Int64
    package var subcategory: Int64
    package var item: Int64
    package var value: Double
    package var ordinal: Int64

    package init(day: Int32, second: Int32, kind: Int32, keyword: Int32, user: Int64, subcategory: Int64, item: Int64,
                 value: Double, ordinal: Int64 = 0) {
        self.day = day
        self.second = second
        self.kind = kind
        self.keyword = keyword
        self.user = user
        self.subcategory = subcategory
        self.item = item
        self.value = value
        self.ordinal = ordinal
    }

    /// Whether the two agree on every key column but `ordinal`.
    package func sameKey(_ other: ImportedInteraction) -> Bool {
        day == other.day && user == other.user && second == other.second && kind == other.kind
            && subcategory == other.subcategory && item == other.item
    }
}

/// The SQL of `warehouse import --events`: items, item subcategories, interactions (multi-row
/// inserts; a row equal in every key column to one already stored takes the next free ordinal),
/// and like totals of users already in the warehouse. Runs inside the import's transaction.
package final class InteractionsImportWriter {
    package static let rowsPerStatement = 256
    private static let columns = ["day", "user_id", "second", "kind_id", "subcategory_id", "item_id", "ordinal", "value", "keyword"]
    private let wide: Statement
    private let single: Statement
    private let largestOrdinal: Statement
    private let store: WarehouseStore
    /// Rows that took an ordinal past the stored ones.
    package private(set) var renumbered = 0

    package init(_ store: WarehouseStore) throws {
        self.store = store
        let tuple = "(" + Array(repeating: "?", count: Self.columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO interactions(\(Self.columns.joined(separator: ","))) VALUES "
        wide = try store.prepare(head + Array(repeating: tuple, count: Self.rowsPerStatement).joined(separator: ","))
        single = try store.prepare(head + tuple)
        largestOrdinal = try store.prepare("""
            SELECT max(ordinal) FROM interactions
            WHERE day = ? AND user_id = ? AND second = ? AND kind_id = ? AND subcategory_id = ? AND item_id = ?
            """)
    }

    /// Every stored item: external id → (id, its subcategory ids).
    package static func items(_ store: WarehouseStore) throws -> [String: (id: Int64, subcategories: [Int64])] {
        var items: [String: (id: Int64, subcategories: [Int64])] = [:]
        try store.eachRow("""
            SELECT i.external_id, i.id, s.subcategory_id FROM items AS i
            LEFT JOIN item_subcategories AS s ON s.item_id = i.id ORDER BY i.id, s.subcategory_id
            """, table: "items", row: { "item \($0.value(1))" }) { row in
            let external = try row.text(0, "external_id", maxLength: 200)
            let id = try row.int(1, "id", in: 1...Int64.max)
            let subcategory = try row.optionalInt(2, "subcategory_id", in: 1...Int64.max)
            var entry = items[external] ?? (id, [])
            if let subcategory { entry.subcategories.append(subcategory) }
            items[external] = entry
        }
        return items
    }

    /// Adds items not stored yet (ids after the largest) and their subcategories; returns the id
    /// of each of `externalIDs`, in order (`known`: the ids of items already stored).
    package static func writeItems(_ externalIDs: [String], subcategories: [[Int64]], known: [Int64?],
                                   _ store: WarehouseStore) throws -> [Int64] {
        var next = (try store.largestInteger("SELECT max(id) FROM items", naming: "items.id") ?? 0) + 1
        let item = try store.prepare("INSERT INTO items(id, external_id) VALUES (?, ?)")
        let pair = try store.prepare("INSERT OR IGNORE INTO item_subcategories(item_id, subcategory_id) VALUES (?, ?)")
        var ids: [Int64] = []
        ids.reserveCapacity(externalIDs.count)
        for (index, external) in externalIDs.enumerated() {
            let id: Int64
            if let stored = known[index] {
                id = stored
            } else {
                id = next
                next += 1
                try item.run([.integer(id), .text(external)])
            }
            for subcategory in subcategories[index] { try pair.run([.integer(id), .integer(subcategory)]) }
            ids.append(id)
        }
        return ids
    }

    /// Adds `likes` to the `liked_posts` of each stored user.
    package static func addLikedPosts(_ likes: [(user: Int64, likes: Int64)], _ store: WarehouseStore) throws {
        let update = try store.prepare("UPDATE users SET liked_posts = liked_posts + ? WHERE id = ?")
        for entry in likes where entry.likes > 0 { try update.run([.integer(entry.likes), .integer(entry.user)]) }
    }

    /// Inserts `rows` (sorted by key for speed; any order is correct). A statement that meets a
    /// row already stored with the same key is undone by SQLite and its rows go one by one, each
    /// that conflicts taking the key's largest ordinal + 1: nothing fails, nothing is dropped.
    package func insert(_ rows: [ImportedInteraction], keywords: [String]) throws {
        func bind(_ statement: Statement, _ row: ImportedInteraction, _ first: Int32) throws {
            try statement.bind(Int64(row.day), at: first)
            try statement.bind(row.user, at: first + 1)
            try statement.bind(Int64(row.second), at: first + 2)
            try statement.bind(Int64(row.kind), at: first + 3)
            try statement.bind(row.subcategory, at: first + 4)
            try statement.bind(row.item, at: first + 5)
            try statement.bind(row.ordinal, at: first + 6)
            if row.value.isNaN { try statement.bindNull(at: first + 7) } else { try statement.bind(row.value, at: first + 7) }
            if row.keyword >= 0 { try statement.bind(keywords[Int(row.keyword)], at: first + 8) } else { try statement.bindNull(at: first + 8) }
        }
        let width = Int32(Self.columns.count)
        var start = 0
        while rows.count - start >= Self.rowsPerStatement {
            for offset in 0..<Self.rowsPerStatement {
                try bind(wide, rows[start + offset], Int32(offset) * width + 1)
            }
            do {
                try wide.step()
                wide.reset()
            } catch let error as SQLiteError where error.isConstraint {
                wide.reset()
                for offset in 0..<Self.rowsPerStatement { try insertOne(rows[start + offset], bind: bind) }
            }
            start += Self.rowsPerStatement
        }
        while start < rows.count {
            try insertOne(rows[start], bind: bind)
            start += 1
        }
    }

    private func insertOne(_ row: ImportedInteraction, bind: (Statement, ImportedInteraction, Int32) throws -> Void) throws {
        try bind(single, row, 1)
        do {
            try single.step()
            single.reset()
            return
        } catch let error as SQLiteError where error.isConstraint {
            single.reset()
        }
        largestOrdinal.reset()
        try largestOrdinal.bind([.integer(Int64(row.day)), .integer(row.user), .integer(Int64(row.second)),
                                 .integer(Int64(row.kind)), .integer(row.subcategory), .integer(row.item)])
        var largest: Int64 = -1
        if try largestOrdinal.step(), let value = largestOrdinal.integer(0) { largest = value }
        largestOrdinal.reset()
        guard largest >= 0, largest < Int64.max else {
            // Not a key conflict: run it again to throw SQLite's own error.
            try bind(single, row, 1)
            defer { single.reset() }
            try single.step()
            return
        }
        var renumberedRow = row
        renumberedRow.ordinal = largest + 1
        try bind(single, renumberedRow, 1)
        defer { single.reset() }
        try single.step()
        renumbered += 1
    }
}
