import Storage

/// `seed_batches`: one row per `seed` call, with the generator's parameters as JSON.
package enum SeedBatchesTable {
    /// One stored batch.
    package struct Row: Sendable, Equatable {
        package let id: Int64
        package let seed: Int64
        package let users: Int64
        package let firstUserID: Int64
        package let lastUserID: Int64
        package let likeRows: Int64
        package let generatorVersion: Int64
        /// ISO 8601 UTC.
        package let createdAt: String
        package init(id: Int64, seed: Int64, users: Int64, firstUserID: Int64, lastUserID: Int64, likeRows: Int64, generatorVersion: Int64, createdAt: String) {
            self.id = id
            self.seed = seed
            self.users = users
            self.firstUserID = firstUserID
            self.lastUserID = lastUserID
            self.likeRows = likeRows
            self.generatorVersion = generatorVersion
            self.createdAt = createdAt
        }
    }

    /// The id the next batch gets (one past the largest); read inside the seed's transaction.
    package static func nextID(_ connection: WarehouseStore) throws -> Int64 {
        let largest = try connection.scalar("SELECT max(id) FROM seed_batches")?.int64 ?? 0
        guard largest < Int64.max else {
            throw WarehouseError.brokenInvariant("seed_batches has a batch with id \(largest): no id is left for another")
        }
        return largest + 1
    }

    /// Stores a complete batch (written after its users, inside the same transaction).
    package static func insert(_ row: Row, parameters: String, into connection: WarehouseStore) throws {
        try connection.run(
            "INSERT INTO seed_batches(id, seed, users, first_user_id, last_user_id, like_rows, generator_version, parameters) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.integer(row.id), .integer(row.seed), .integer(row.users), .integer(row.firstUserID), .integer(row.lastUserID),
             .integer(row.likeRows), .integer(row.generatorVersion), .text(parameters)])
    }

    /// Every batch, oldest first.
    package static func all(_ connection: WarehouseStore) throws -> [Row] {
        try connection.mapRows("SELECT \(columns) FROM seed_batches ORDER BY id", table: "seed_batches",
                               row: { "batch \($0.value(0))" }, Row.init)
    }

    /// Every batch with its `parameters` text, oldest first. The text is nil where it is longer
    /// than `maxCharacters` characters: SQLite measures it and it is not read, so a hand-edited
    /// file cannot make the reader hold a huge string (a character is at most 4 UTF-8 bytes).
    package static func allWithParameters(maxCharacters: Int, _ connection: WarehouseStore) throws -> [(row: Row, parameters: String?)] {
        try connection.mapRows(
            "SELECT \(columns), CASE WHEN length(parameters) <= ? THEN parameters END FROM seed_batches ORDER BY id",
            [.integer(Int64(maxCharacters))], table: "seed_batches", row: { "batch \($0.value(0))" }) { row in
            (try Row(row), try row.optionalText(8, "parameters", maxLength: 4 * maxCharacters))
        }
    }

    /// The columns `Row.init(_:)` reads, in its order.
    private static let columns = "id, seed, users, first_user_id, last_user_id, like_rows, generator_version, created_at"
}

extension SeedBatchesTable.Row {
    /// The row from the first eight columns of `row` (`SeedBatchesTable.columns`), range-checked.
    fileprivate init(_ row: StoredRow) throws {
        let any = Int64.min...Int64.max
        self.init(id: try row.int(0, "id", in: any), seed: try row.int(1, "seed", in: any),
                  users: try row.int(2, "users", in: 1...Int64.max), firstUserID: try row.int(3, "first_user_id", in: any),
                  lastUserID: try row.int(4, "last_user_id", in: any), likeRows: try row.int(5, "like_rows", in: 0...Int64.max),
                  generatorVersion: try row.int(6, "generator_version", in: any),
                  createdAt: try row.text(7, "created_at", maxLength: 64))
    }
}
