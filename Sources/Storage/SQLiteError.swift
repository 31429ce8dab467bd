import CSQLite

/// The one error type for everything SQLite reports.
///
/// Every C result code that is not a success goes through `Connection.error(_:sql:)` (statements
/// call it from their `check(_:)` and `step()`; `open` and `execute(_:)` build the same value from
/// the handle's message) into this type, so a caller always sees the primary result code, the
/// extended code, SQLite's own message and the SQL that failed. `description` is a single line.
/// Callers test the kind with `code` (`error.code == .readOnly`) or the `is…` shorthands.
public struct SQLiteError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …): `extendedCode & 0xFF`.
    public let resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …).
    public let extendedCode: Int32
    /// `sqlite3_errmsg` at the time of failure, or a message of our own for misuse we detect.
    public let message: String
    /// The statement that failed, when there is one.
    public let sql: String?
    /// `sqlite3_system_errno`: the operating system's error behind an I/O failure (`EFBIG` for a
    /// file-size limit, `ENOSPC` for a full disk), 0 when none is known.
    public let systemErrno: Int32

    public init(resultCode: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil, systemErrno: Int32 = 0) {
        self.resultCode = resultCode & 0xFF
        self.extendedCode = extendedCode ?? resultCode
        self.message = message
        self.sql = sql
        self.systemErrno = systemErrno
    }

    /// The primary result code, named.
    public var code: ResultCode { ResultCode(rawValue: resultCode) }

    /// SQLite's English name for the primary code, e.g. "database is locked".
    public var codeDescription: String {
        code.description
    }

    /// Another connection (busy) or this process (locked) holds the lock.
    public var isBusy: Bool { code == .busy || code == .locked }
    /// The file is not a database, or a damaged one.
    public var isNotADatabase: Bool { code == .notADatabase || code == .corrupt }
    public var isFull: Bool { code == .full }
    public var isConstraint: Bool { code == .constraint }
    public var isReadOnly: Bool { code == .readOnly }
    public var isCannotOpen: Bool { code == .cannotOpen }

    public var description: String {
        var text = "SQLite error \(extendedCode) (\(codeDescription)): \(message)"
        if let sql {
            text += " [SQL: \(Self.oneLine(sql, limit: 160))]"
        }
        return text
    }

    /// Collapses runs of white space to one space and cuts long text (after `limit` Unicode
    /// scalars, not characters: one character may carry any number of combining marks), so errors
    /// stay one short line.
    static func oneLine(_ text: String, limit: Int) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        let joined = words.joined(separator: " ")
        guard joined.unicodeScalars.count > limit else { return joined }
        var cut = ""
        cut.unicodeScalars.append(contentsOf: joined.unicodeScalars.prefix(limit))
        return cut + "…"
    }
}
