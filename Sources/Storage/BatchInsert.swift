/// Inserts many rows into one table with multi-row `INSERT … VALUES (…), (…), …` statements,
/// which cost SQLite one parse-free step per `rowsPerStatement` rows instead of one per row.
///
/// The table and column names are identifiers chosen by the program, never user input: they are
/// spliced into the SQL once, at preparation. Values are always bound.
public final class BatchInsert {
    public let table: String
    public let columns: [String]
    /// Rows bound into one execution of the wide statement.
    public let rowsPerStatement: Int
    private let wide: Statement
    private let single: Statement

    /// - Parameter rowsPerStatement: at most 32,766 / columns.count (SQLite's parameter limit).
    public init(connection: Connection, table: String, columns: [String], rowsPerStatement: Int = 128) throws {
        precondition(!columns.isEmpty, "BatchInsert needs at least one column")
        self.table = table
        self.columns = columns
        self.rowsPerStatement = max(1, min(rowsPerStatement, 32_766 / columns.count))
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \(table)(\(columns.joined(separator: ","))) VALUES "
        wide = try connection.prepare(head + Array(repeating: tuple, count: self.rowsPerStatement).joined(separator: ","))
        single = try connection.prepare(head + tuple)
    }

    /// Inserts rows `0..<count`. `bind(statement, row, firstParameter)` binds row `row`'s values
    /// to parameters `firstParameter …` `firstParameter + columns.count − 1` of `statement`.
    public func insert(count: Int, bind: (Statement, Int, Int32) throws -> Void) throws {
        let width = Int32(columns.count)
        var row = 0
        while count - row >= rowsPerStatement {
            for offset in 0..<rowsPerStatement {
                try bind(wide, row + offset, Int32(offset) * width + 1)
            }
            try wide.step()
            wide.reset()
            row += rowsPerStatement
        }
        while row < count {
            try bind(single, row, 1)
            try single.step()
            single.reset()
            row += 1
        }
    }
}

// Holds statements of one connection: it stays with that connection's task.
@available(*, unavailable)
extension BatchInsert: Sendable {}
