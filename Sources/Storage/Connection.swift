import CSQLite

/// One SQLite connection: opens (or creates) a database file, prepares statements, runs
/// transactions. Closing finalizes every statement still open before `sqlite3_close`.
///
/// Invariants every connection holds from `init` on:
/// - The path is a file name: `SQLITE_OPEN_URI` is never set for it, so `file:…` is not parsed as
///   a URI (only the `immutable` URI Storage builds itself, with the path percent-encoded, is one).
///   (`:memory:` and an empty name keep SQLite's special meaning: callers that take a path from a
///   user pass it through `Connection.fileSystemPath(_:)` first.)
/// - Defensive mode is on (`SQLITE_DBCONFIG_DEFENSIVE`: no writable_schema, no journal_mode=OFF,
///   no direct writes to shadow tables) and the schema is not trusted
///   (`SQLITE_DBCONFIG_TRUSTED_SCHEMA` off: views and triggers in the file may only call
///   innocuous functions), so a hostile file cannot make our statements run its code.
/// - `json_valid` is the innocuous replacement of `JSONValidity` (the schema's CHECKs call it).
/// - Extended result codes are on and the busy timeout is set.
///
/// A connection belongs to one thread of use at a time and is not `Sendable` (SQLite is built
/// thread-safe, but our statements and transactions assume one caller).
public final class Connection {
    /// How to open the file.
    public struct Options: Sendable {
        /// Open read-only (`SQLITE_OPEN_READONLY`).
        public var readOnly = false
        /// Create the file when missing (`SQLITE_OPEN_CREATE`); ignored when read-only.
        public var create = true
        /// How long a statement waits for another connection's lock before `SQLITE_BUSY`, in ms.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// The file cannot change while open (SQLite's `immutable=1`): no locks, no `-shm`, no
        /// `-wal`; implies `readOnly`. For a file on a read-only file system, where SQLite could not
        /// otherwise read a WAL-mode database whose `-shm` does not exist. The connection reaches
        /// SQLite through a `file:` URI that Storage builds from the path, every byte outside
        /// `A–Z a–z 0–9 - . _ ~ /` percent-encoded, so the path still cannot carry URI parameters.
        public var immutable = false

        public init(readOnly: Bool = false, create: Bool = true, busyTimeoutMilliseconds: Int32 = 5_000, immutable: Bool = false) {
            self.readOnly = readOnly || immutable
            self.create = create
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.immutable = immutable
        }
    }

    /// The C handle; nil after `close()`.
    private(set) var rawHandle: OpaquePointer?
    public let path: String
    /// The options the connection was opened with.
    public let options: Options
    /// Statements prepared on this connection, so `close()` can finalize the live ones.
    private var statements: [WeakStatement] = []

    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if options.readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE
            if options.create { flags |= SQLITE_OPEN_CREATE }
        }
        var name = path
        if options.immutable {
            flags |= SQLITE_OPEN_URI
            name = Self.immutableURI(path)
        }
        var db: OpaquePointer?
        let code = sqlite3_open_v2(name, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            // sqlite3_open_v2 allocates a handle even on failure: read its message, then close it.
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(db)
            throw SQLiteError(resultCode: code, extendedCode: code, message: "\(message): '\(path)'")
        }
        rawHandle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, options.busyTimeoutMilliseconds)
        // Before any statement reads the schema: a hostile file must not run anything.
        let registered = JSONValidity.register(on: db)
        guard registered == SQLITE_OK else {
            sqlite3_close_v2(db)
            rawHandle = nil
            throw SQLiteError(resultCode: registered, message: "cannot register json_valid on '\(path)'")
        }
        for (option, value) in [(SQLITE_DBCONFIG_DEFENSIVE, Int32(1)), (SQLITE_DBCONFIG_TRUSTED_SCHEMA, Int32(0))] {
            var current: Int32 = -1
            let result = csqlite_db_config_flag(db, option, value, &current)
            guard result == SQLITE_OK, current == value else {
                sqlite3_close_v2(db)
                rawHandle = nil
                throw SQLiteError(resultCode: result == SQLITE_OK ? SQLITE_MISUSE : result,
                                  message: "cannot set the safety option \(option) on '\(path)' (SQLite \(Self.libraryVersion))")
            }
        }
    }

    /// `path` as a name SQLite can only take for a file: a relative path gets a leading "./", so
    /// `:memory:`, `file:x` (a URI when SQLite is built with `SQLITE_USE_URI`) and "" cannot reach
    /// SQLite's special cases. An absolute path is returned as it is.
    public static func fileSystemPath(_ path: String) -> String {
        path.hasPrefix("/") || path.hasPrefix("./") ? path : "./" + path
    }

    /// `file:PATH?immutable=1`, PATH percent-encoded (see `Options.immutable`).
    static func immutableURI(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = Array("file:".utf8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self) + "?immutable=1"
    }

    /// Whether the option `option` (a `SQLITE_DBCONFIG_…` on/off option) is on: for tests.
    func configFlag(_ option: Int32) -> Bool? {
        guard let db = rawHandle else { return nil }
        var current: Int32 = -1
        guard csqlite_db_config_flag(db, option, -1, &current) == SQLITE_OK else { return nil }
        return current == 1
    }

    /// Defensive mode is on (see the type's invariants).
    public var isDefensive: Bool { configFlag(SQLITE_DBCONFIG_DEFENSIVE) == true }
    /// The schema is trusted (always `false`; see the type's invariants).
    public var trustsSchema: Bool { configFlag(SQLITE_DBCONFIG_TRUSTED_SCHEMA) != false }

    deinit {
        close()
    }

    var handle: OpaquePointer? { rawHandle }

    /// Finalizes every statement still alive, then closes the handle. Idempotent.
    public func close() {
        guard let db = rawHandle else { return }
        for box in statements {
            box.statement?.finalize()
        }
        statements.removeAll()
        sqlite3_close_v2(db)
        rawHandle = nil
    }

    func register(_ statement: Statement) {
        if statements.count > 64 {
            statements.removeAll { $0.statement == nil }
        }
        statements.append(WeakStatement(statement: statement))
    }

    /// The error for result code `code`, with this connection's extended code and message.
    func error(_ code: Int32, sql: String?) -> SQLiteError {
        guard let db = rawHandle else {
            return SQLiteError(resultCode: SQLITE_MISUSE, message: "connection is closed", sql: sql)
        }
        let extended = sqlite3_extended_errcode(db)
        let message = String(cString: sqlite3_errmsg(db))
        // The extended code belongs to the last failure only when its primary part matches.
        let useExtended = (extended & 0xFF) == (code & 0xFF)
        return SQLiteError(resultCode: code, extendedCode: useExtended ? extended : code, message: message, sql: sql,
                           systemErrno: sqlite3_system_errno(db))
    }

    private func live(_ sql: String?) throws -> OpaquePointer {
        guard let db = rawHandle else {
            throw SQLiteError(resultCode: SQLITE_MISUSE, message: "connection is closed", sql: sql)
        }
        return db
    }

    // MARK: Running SQL

    /// Prepares one statement. Trailing text after the first statement is an error, so a
    /// multi-statement string cannot be run half by accident: use `execute(_:)` for scripts.
    public func prepare(_ sql: String) throws -> Statement {
        _ = try live(sql)
        return try Statement(connection: self, sql: sql)
    }

    /// Runs a script of one or more statements with no parameters (`sqlite3_exec`).
    public func execute(_ sql: String) throws {
        let db = try live(sql)
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorMessage)
            throw SQLiteError(resultCode: code, extendedCode: sqlite3_extended_errcode(db), message: message, sql: sql)
        }
    }

    /// Runs one statement with bound values to completion.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws {
        try prepare(sql).run(values)
    }

    /// Every row of one query.
    public func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [[SQLValue]] {
        try prepare(sql).rows(values)
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue? {
        let statement = try prepare(sql)
        defer { statement.reset() }
        if !values.isEmpty { try statement.bind(values) }
        return try statement.step() ? statement.value(0) : nil
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(rawHandle)
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    public var changes: Int {
        Int(sqlite3_changes64(rawHandle))
    }

    /// `true` outside any explicit transaction.
    public var isAutocommit: Bool {
        sqlite3_get_autocommit(rawHandle) != 0
    }

    /// Whether the open transaction has written (SQLite's `SQLITE_TXN_WRITE` state for the main
    /// database); false outside a transaction and in one that has only read.
    public var hasWrittenInTransaction: Bool {
        sqlite3_txn_state(rawHandle, "main") == SQLITE_TXN_WRITE
    }

    /// The SQLite library version, e.g. "3.40.1".
    public static var libraryVersion: String {
        String(cString: sqlite3_libversion())
    }
}

// One connection belongs to one task: the compiler refuses to send it (as GRDB's `Database`).
@available(*, unavailable)
extension Connection: Sendable {}

/// A weak reference, so the connection's list does not keep statements alive.
private struct WeakStatement {
    weak var statement: Statement?
}
