import Storage

/// What `warehouse info` shows: the schema version, row counts, the seed batches and the
/// segmentation runs.
public struct WarehouseInfo: Sendable {
    public struct SeedBatch: Sendable {
        public let id: Int64, seed: Int64, users: Int64, firstUserID: Int64, lastUserID: Int64
        public let likeRows: Int64, generatorVersion: Int64, createdAt: String
    }

    public let path: String
    public let schemaVersion: Int
    public let sqliteVersion: String
    /// (table, rows) for every table of the schema, in schema order.
    public let tableCounts: [(table: String, rows: Int64)]
    public let seedBatches: [SeedBatch]
    /// One line per segmentation run, newest last (empty before the first run).
    public let runs: [[String: SQLValue]]

    public static func read(_ store: WarehouseStore) throws -> WarehouseInfo {
        let connection = store.connection
        let tables = try connection.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
            .compactMap { $0.first?.string }
        var counts: [(String, Int64)] = []
        for table in tables {
            counts.append((table, try connection.scalar("SELECT count(*) FROM \(quotedIdentifier(table))")?.int64 ?? 0))
        }
        let batches = try connection.rows(
            "SELECT id, seed, users, first_user_id, last_user_id, like_rows, generator_version, created_at FROM seed_batches ORDER BY id"
        ).map { row in
            SeedBatch(id: row[0].int64 ?? 0, seed: row[1].int64 ?? 0, users: row[2].int64 ?? 0,
                      firstUserID: row[3].int64 ?? 0, lastUserID: row[4].int64 ?? 0, likeRows: row[5].int64 ?? 0,
                      generatorVersion: row[6].int64 ?? 0, createdAt: row[7].string ?? "")
        }
        var runs: [[String: SQLValue]] = []
        if tables.contains("segmentation_runs") {
            let statement = try connection.prepare(
                "SELECT id, created_at, k, n_components, features, users, inertia, silhouette, suggested_k, ari FROM segmentation_runs ORDER BY id")
            while try statement.step() {
                var run: [String: SQLValue] = [:]
                for column in 0..<statement.columnCount {
                    run[statement.columnName(column)] = statement.value(column)
                }
                runs.append(run)
            }
        }
        return WarehouseInfo(path: store.path, schemaVersion: try store.schemaVersion(),
                             sqliteVersion: Connection.libraryVersion, tableCounts: counts,
                             seedBatches: batches, runs: runs)
    }
}

extension WarehouseInfo {
    /// The number of users in the warehouse.
    public static func userCount(_ store: WarehouseStore) throws -> Int {
        Int(try store.connection.scalar("SELECT count(*) FROM users")?.int64 ?? 0)
    }
}
