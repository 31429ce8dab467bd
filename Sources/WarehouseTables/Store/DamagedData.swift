import Storage

extension WarehouseError {
    /// What is damaged, when `error` says the warehouse's data is (a broken invariant: a value out
    /// of range, a row that contradicts another; or a corrupt page, SQLite's `SQLITE_CORRUPT` /
    /// `SQLITE_NOTADB`); nil for every other error (busy, disk full, a bad argument …).
    package static func damage(in error: Error) -> String? {
        switch error {
        case let error as WarehouseError:
            if case .brokenInvariant = error { return error.description }
            if case .notADatabase(_, let detail) = error { return "the file is damaged (\(detail))" }
            if case .storage(let sqlite) = error, sqlite.isNotADatabase { return "the file is damaged (\(sqlite.message))" }
            return nil
        case let sqlite as SQLiteError:
            return sqlite.isNotADatabase ? "the file is damaged (\(sqlite.message))" : nil
        default:
            return nil
        }
    }
}
