import CSQLite

/// A primary SQLite result code, named, so callers outside Storage never hard-code numbers
/// (`SQLITE_BUSY` is 5, `SQLITE_READONLY` 8, …) nor import the C module.
///
/// Only the primary code (the low 8 bits) is named here; `SQLiteError.extendedCode` keeps the
/// extended one (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_READONLY_ROLLBACK`, …).
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    /// The primary part of `rawValue` (`rawValue & 0xFF`), so an extended code maps to its family.
    public init(rawValue: Int32) {
        self.rawValue = rawValue & 0xFF
    }

    /// `SQLITE_ERROR`: a generic error (an SQL syntax error, a missing table, …).
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    /// `SQLITE_PERM`: access permission denied.
    public static let permission = ResultCode(rawValue: SQLITE_PERM)
    /// `SQLITE_ABORT`: a callback or an interrupt aborted the statement.
    public static let abort = ResultCode(rawValue: SQLITE_ABORT)
    /// `SQLITE_BUSY`: another connection holds a lock and the busy timeout passed.
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    /// `SQLITE_LOCKED`: a conflict inside this process (shared cache or the same connection).
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    /// `SQLITE_NOMEM`: out of memory.
    public static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
    /// `SQLITE_READONLY`: a write on a read-only connection, file or file system.
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    /// `SQLITE_INTERRUPT`: `sqlite3_interrupt` stopped the statement.
    public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    /// `SQLITE_IOERR`: the operating system reported an I/O error.
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    /// `SQLITE_CORRUPT`: the file is damaged.
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    /// `SQLITE_FULL`: the disk is full or `max_page_count` was reached.
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    /// `SQLITE_CANTOPEN`: the file (or its journal) cannot be opened or created.
    public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    /// `SQLITE_SCHEMA`: the schema changed under a prepared statement.
    public static let schema = ResultCode(rawValue: SQLITE_SCHEMA)
    /// `SQLITE_TOOBIG`: a string or blob over the length limit.
    public static let tooBig = ResultCode(rawValue: SQLITE_TOOBIG)
    /// `SQLITE_CONSTRAINT`: a NOT NULL, CHECK, UNIQUE or FOREIGN KEY constraint failed.
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    /// `SQLITE_MISMATCH`: a value of the wrong type (e.g. in a STRICT table).
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    /// `SQLITE_MISUSE`: the API was used wrongly (e.g. a statement after `close()`).
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    /// `SQLITE_AUTH`: the authorizer denied the statement.
    public static let authorization = ResultCode(rawValue: SQLITE_AUTH)
    /// `SQLITE_RANGE`: a parameter index out of range.
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    /// `SQLITE_NOTADB`: the file is not an SQLite database.
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)

    /// SQLite's English name for the code, e.g. "database is locked".
    public var description: String {
        String(cString: sqlite3_errstr(rawValue))
    }
}
