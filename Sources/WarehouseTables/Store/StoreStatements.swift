import Storage

/// The statements of this module's table files run on the store's one connection: these forward
/// to it, so a table's function takes the `WarehouseStore` a job holds and no job ever holds a
/// `Connection`. Internal: outside this module the store offers transactions, not SQL.
extension WarehouseStore {
    func prepare(_ sql: String) throws -> Statement { try connection.prepare(sql) }

    func execute(_ sql: String) throws { try connection.execute(sql) }

    func run(_ sql: String, _ values: [SQLValue] = []) throws { try connection.run(sql, values) }

    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] { try connection.rows(sql, values) }

    func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue? { try connection.scalar(sql, values) }

    var isAutocommit: Bool { connection.isAutocommit }
}

extension WarehouseStore {
    /// See `Connection.largestInteger`.
    func largestInteger(_ sql: String, naming column: String) throws -> Int64? {
        try connection.largestInteger(sql, naming: column)
    }

    /// See `Connection.eachRow`: every row typed and range-checked through `StoredRow`.
    func eachRow(_ sql: String, _ values: [SQLValue] = [], table: String,
                 row: @escaping (Statement) -> String, _ body: (StoredRow) throws -> Void) throws {
        try connection.eachRow(sql, values, table: table, row: row, body)
    }

    /// See `Connection.mapRows`.
    func mapRows<T>(_ sql: String, _ values: [SQLValue] = [], table: String,
                    row: @escaping (Statement) -> String, _ body: (StoredRow) throws -> T) throws -> [T] {
        try connection.mapRows(sql, values, table: table, row: row, body)
    }

    /// A multi-row INSERT into `table` on the store's connection (see `BatchInsert`).
    func batchInsert(table: String, columns: [String], rowsPerStatement: Int = 128) throws -> BatchInsert {
        try BatchInsert(connection: connection, table: table, columns: columns, rowsPerStatement: rowsPerStatement)
    }

    /// Runs `body` in a transaction of `kind` on the store's connection, untranslated errors.
    func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        try connection.transaction(kind, body)
    }
}
