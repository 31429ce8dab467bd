import CSQLite

/// How SQLite journals a write (`PRAGMA journal_mode`).
public enum JournalMode: String, Sendable {
    case delete, truncate, persist, memory, wal, off
}

/// How often SQLite syncs to disk (`PRAGMA synchronous`).
public enum SynchronousMode: Int64, Sendable {
    case off = 0, normal = 1, full = 2, extra = 3
}

/// One entry of `sqlite_schema`: a table, view, index or trigger.
public struct SchemaObject: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case table, view, index, trigger
    }

    public let kind: Kind
    public let name: String
    /// The table (or view) an index or trigger belongs to; the object's own name otherwise.
    public let tableName: String
    /// The `CREATE …` text as SQLite stores it; nil for indexes SQLite made for a constraint.
    public let sql: String?

    public init(kind: Kind, name: String, tableName: String, sql: String?) {
        self.kind = kind
        self.name = name
        self.tableName = tableName
        self.sql = sql
    }

    /// Made by SQLite itself (`sqlite_autoindex_…`, `sqlite_sequence`, `sqlite_stat1`, …).
    public var isInternal: Bool { name.lowercased().hasPrefix("sqlite_") }

    /// "table users", "trigger users_audit on users".
    public var description: String {
        kind == .index || kind == .trigger ? "\(kind.rawValue) \(name) on \(tableName)" : "\(kind.rawValue) \(name)"
    }
}

/// The PRAGMAs and schema reads the warehouse needs, typed, so no SQL text about connection
/// settings lives outside Storage.
extension Connection {
    /// The journal mode in force.
    public var journalMode: JournalMode {
        get throws {
            let text = try scalar("PRAGMA journal_mode")?.string ?? ""
            guard let mode = JournalMode(rawValue: text.lowercased()) else {
                throw SQLiteError(resultCode: SQLITE_ERROR, message: "unknown journal mode '\(text)'", sql: "PRAGMA journal_mode")
            }
            return mode
        }
    }

    /// Switches the journal mode and returns the mode now in force (SQLite keeps the old mode,
    /// without an error, where it cannot switch, e.g. on a read-only file).
    ///
    /// Waits for other connections as a write does: SQLite answers `SQLITE_BUSY` at once, without
    /// calling the busy handler, when the switch could deadlock (it holds a read lock and needs the
    /// exclusive one while another connection holds the write lock), so this retries until
    /// `options.busyTimeoutMilliseconds` have passed, then throws that `SQLITE_BUSY`.
    @discardableResult
    public func setJournalMode(_ mode: JournalMode) throws -> JournalMode {
        let sql = "PRAGMA journal_mode = \(mode.rawValue)"
        let text = try retryingWhileBusy { try scalar(sql)?.string ?? "" }
        guard let result = JournalMode(rawValue: text.lowercased()) else {
            throw SQLiteError(resultCode: SQLITE_ERROR, message: "unknown journal mode '\(text)'", sql: sql)
        }
        return result
    }

    /// Switches the journal mode when no other connection is in the way, and returns the mode
    /// now in force: one attempt, no waiting (leaving WAL needs every other connection closed;
    /// SQLite answers `SQLITE_BUSY` or keeps the old mode when one is open).
    public func setJournalModeIfAlone(_ mode: JournalMode) throws -> JournalMode {
        let sql = "PRAGMA journal_mode = \(mode.rawValue)"
        let text = try scalar(sql)?.string ?? ""
        guard let result = JournalMode(rawValue: text.lowercased()) else {
            throw SQLiteError(resultCode: SQLITE_ERROR, message: "unknown journal mode '\(text)'", sql: sql)
        }
        return result
    }

    /// Runs `body` again while it fails with `SQLITE_BUSY`, sleeping a few ms each time, until the
    /// busy timeout has passed: for the statements SQLite does not give to the busy handler.
    func retryingWhileBusy<T>(_ body: () throws -> T) throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(max(0, options.busyTimeoutMilliseconds))
        var pause: Int32 = 1
        while true {
            do {
                return try body()
            } catch let error as SQLiteError where error.code == .busy {
                if clock.now >= deadline { throw error }
                sqlite3_sleep(pause)
                pause = min(pause * 2, 25)
            }
        }
    }

    public var synchronous: SynchronousMode {
        get throws {
            SynchronousMode(rawValue: try scalar("PRAGMA synchronous")?.int64 ?? -1) ?? .full
        }
    }

    public func setSynchronous(_ mode: SynchronousMode) throws {
        try execute("PRAGMA synchronous = \(mode.rawValue)")
    }

    /// Whether foreign keys are enforced.
    public var foreignKeysEnabled: Bool {
        get throws { try scalar("PRAGMA foreign_keys")?.int64 == 1 }
    }

    /// Turns foreign-key enforcement on or off. SQLite ignores this inside a transaction, so it
    /// throws there (`SQLITE_MISUSE`) rather than silently doing nothing.
    public func setForeignKeys(_ enabled: Bool) throws {
        guard isAutocommit else {
            throw SQLiteError(resultCode: SQLITE_MISUSE, message: "foreign_keys cannot change inside a transaction",
                              sql: "PRAGMA foreign_keys")
        }
        try execute("PRAGMA foreign_keys = \(enabled ? "ON" : "OFF")")
    }

    /// The page cache's size in KiB (`PRAGMA cache_size` as a negative number); a positive
    /// setting (pages) is converted with the page size.
    public var cacheKibibytes: Int64 {
        get throws {
            let value = try scalar("PRAGMA cache_size")?.int64 ?? -2_000
            if value < 0 { return -value }
            return value * (try scalar("PRAGMA page_size")?.int64 ?? 4_096) / 1_024
        }
    }

    /// Sets the page cache to `kibibytes` KiB.
    public func setCacheKibibytes(_ kibibytes: Int64) throws {
        try execute("PRAGMA cache_size = -\(max(1, kibibytes))")
    }

    /// `PRAGMA user_version`: a signed 32-bit number the application keeps in the file's header
    /// (0 in a new file; any value, negative ones included, can be set by hand).
    public var userVersion: Int {
        get throws { Int(try scalar("PRAGMA user_version")?.int64 ?? 0) }
    }

    public func setUserVersion(_ version: Int32) throws {
        try execute("PRAGMA user_version = \(version)")
    }

    /// Every object of the main database's schema (`sqlite_schema`), in the order SQLite stores
    /// them (creation order). Reading it does not change the file.
    public func schemaObjects() throws -> [SchemaObject] {
        try rows("SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY rowid").compactMap { row in
            guard row.count == 4, let type = row[0].string, let kind = SchemaObject.Kind(rawValue: type),
                  let name = row[1].string else { return nil }
            return SchemaObject(kind: kind, name: name, tableName: row[2].string ?? name, sql: row[3].string)
        }
    }

    /// Whether the main database is open read-only (a read-only connection, file or file system).
    public var isReadOnly: Bool {
        guard let db = rawHandle else { return true }
        return sqlite3_db_readonly(db, "main") == 1
    }
}
