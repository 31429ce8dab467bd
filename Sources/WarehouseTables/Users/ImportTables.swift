import Storage

/// The SQL of `warehouse import` on `users` and `user_likes`: the identities of users already
/// there (for `--append`), the bulk writers for users and likes, and the fingerprint of the state
/// an import depends on. Runs inside the import's transaction; owns none itself. (The catalogue
/// it reads and writes is `CatalogueTables`'.)
package enum ImportTables {
    /// A cheap summary of what an import depends on (users, their largest id, the catalogue's
    /// size, the largest item id, the kinds), read before validation and again inside the write transaction: if it changed,
    /// another writer came between them.
    package static func stateFingerprint(_ connection: WarehouseStore) throws -> StateFingerprint {
        StateFingerprint(values: try connection.rows("""
            SELECT (SELECT count(*) FROM users), (SELECT max(id) FROM users),
                   (SELECT count(*) FROM categories), (SELECT count(*) FROM subcategories),
                   (SELECT max(id) FROM items), (SELECT count(*) FROM interaction_kinds)
            """).first ?? [])
    }

    /// What `stateFingerprint` read: equal fingerprints, the same users and catalogue sizes.
    package struct StateFingerprint: Equatable, Sendable {
        let values: [SQLValue]
    }

    /// The columns `--append` compares to decide that a users.csv row is the stored user.
    package static let identityColumns = ["username", "email", "gender", "country", "region", "city", "postal_code", "phone",
                                          "date_of_birth"]

    /// Calls `body` with every stored user's id and values of `identityColumns` (in that order,
    /// nil for NULL), in id order.
    package static func eachIdentity(_ connection: WarehouseStore, _ body: (Int64, [String?]) throws -> Void) throws {
        try connection.eachRow("""
            SELECT id, username, email, gender, country, region, city, postal_code, phone, date_of_birth FROM users ORDER BY id
            """, table: "users", row: { "user \($0.value(0))" }) { row in
            try body(try row.int(0, "id", in: 1...Int64.max), try identityColumns.indices.map {
                try row.optionalText(Int32($0 + 1), identityColumns[$0], maxLength: 1_000)
            })
        }
    }

    /// The columns `userWriter` writes, in order: the seven of migration 0011 (`gender` …
    /// `date_of_birth`) after the first six only with `demographics`.
    package static func userColumns(demographics: Bool) -> [String] {
        ["id", "username", "full_name", "email", "age", "liked_posts"]
            + (demographics ? ["gender", "country", "region", "city", "postal_code", "phone", "date_of_birth"] : [])
    }

    /// Multi-row insert of imported users (no seed batch, no persona), of `userColumns(demographics:)`:
    /// without demographics the seven columns are left to their default, NULL.
    package static func userWriter(_ connection: WarehouseStore, demographics: Bool) throws -> BatchInsert {
        try connection.batchInsert(table: "users", columns: userColumns(demographics: demographics), rowsPerStatement: 64)
    }

    /// Adds like counts: a repeated (user, subcategory) adds to the row already there.
    ///
    /// Rows are queued, then written sorted by (user, subcategory) with repeats added up, up to
    /// `bufferedRows` at a time (24 bytes each, 96 MB): written in the order they come (a
    /// platform's export interleaves users), every upsert lands somewhere else in the B-tree,
    /// and a shuffled likes file took 2.8× as long as the same rows sorted (200,000 users).
    package final class LikeWriter {
        package static let rowsPerStatement = 200
        package static let bufferedRows = 4_000_000
        private let wide: Statement
        private let single: Statement
        private var pending: [(user: Int64, subcategory: Int64, likes: Int64)] = []

        package init(_ connection: WarehouseStore) throws {
            let head = "INSERT INTO user_likes(user_id, subcategory_id, likes) VALUES "
            let tail = " ON CONFLICT(user_id, subcategory_id) DO UPDATE SET likes = likes + excluded.likes"
            wide = try connection.prepare(head + Array(repeating: "(?,?,?)", count: Self.rowsPerStatement).joined(separator: ",") + tail)
            single = try connection.prepare(head + "(?,?,?)" + tail)
        }

        /// Queues one row (`likes` > 0); writes the queue, sorted, when it is full.
        package func add(user: Int64, subcategory: Int64, likes: Int64) throws {
            pending.append((user, subcategory, likes))
            if pending.count >= Self.bufferedRows { try flush() }
        }

        /// Writes what is queued: sorted, each (user, subcategory) once with its likes added up.
        package func flush() throws {
            guard !pending.isEmpty else { return }
            pending.sort { ($0.user, $0.subcategory) < ($1.user, $1.subcategory) }
            var merged = 0
            for row in pending {
                if merged > 0, pending[merged - 1].user == row.user, pending[merged - 1].subcategory == row.subcategory {
                    let (sum, overflow) = pending[merged - 1].likes.addingReportingOverflow(row.likes)
                    guard !overflow else {
                        throw WarehouseError.invalidArgument("user \(row.user) has more likes in subcategory \(row.subcategory) than can be counted")
                    }
                    pending[merged - 1].likes = sum
                } else {
                    pending[merged] = row
                    merged += 1
                }
            }
            var index = 0
            while merged - index >= Self.rowsPerStatement {
                for offset in 0..<Self.rowsPerStatement {
                    let row = pending[index + offset], first = Int32(offset * 3 + 1)
                    try wide.bind(row.user, at: first)
                    try wide.bind(row.subcategory, at: first + 1)
                    try wide.bind(row.likes, at: first + 2)
                }
                try wide.step()
                wide.reset()
                index += Self.rowsPerStatement
            }
            while index < merged {
                let row = pending[index]
                try single.bind(row.user, at: 1)
                try single.bind(row.subcategory, at: 2)
                try single.bind(row.likes, at: 3)
                try single.step()
                single.reset()
                index += 1
            }
            pending.removeAll(keepingCapacity: true)
        }
    }
}
