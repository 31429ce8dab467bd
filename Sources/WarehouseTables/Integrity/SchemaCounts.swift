import Storage

/// The tables of the database and how many rows each holds, for `warehouse info`.
package enum SchemaCounts {
    /// (table, rows) for every table, in the order they were created. Call inside one read
    /// transaction so the counts are of one state.
    package static func read(_ connection: WarehouseStore) throws -> [(table: String, rows: Int64)] {
        let tables = try connection.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
            .compactMap { $0.first?.string }
        return try tables.map { table in
            (table, try connection.scalar("SELECT count(*) FROM \(quotedIdentifier(table))")?.int64 ?? 0)
        }
    }
}
