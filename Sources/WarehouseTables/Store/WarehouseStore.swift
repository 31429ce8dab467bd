#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Storage
import WarehouseSchema

/// An open warehouse: a connection to an SQLite file that holds the warehouse schema at the
/// version this binary knows, with the connection settings every command relies on.
///
/// Opening follows `WarehouseStore.open`'s rules, in this order, and changes nothing in a file
/// until the file is known to be ours:
/// 1. `--db` is a file path, always: a relative path reaches SQLite as "./path", so `:memory:`
///    and `file:…` name files; a directory, a FIFO, a device, an empty file, a missing file
///    (unless created) and a missing directory are refused before SQLite sees the path; a new
///    file's name must leave room for SQLite's `-journal` suffix.
/// 2. The connection is defensive and does not trust the schema (see `Connection`).
/// 3. `SchemaCheck.verify` reads the schema: a negative or newer `user_version`, another
///    application's file and a changed warehouse (an added trigger, a shadowing view, a changed
///    table) are refused, naming what differs.
/// 4. Only then, for writers: WAL journal (readers such as the `sqlite3` shell, `info` and
///    `report` keep reading while a seed or a run writes; a killed writer's uncommitted frames are
///    ignored), `synchronous = NORMAL` (in WAL mode a crash of the process never loses a committed
///    transaction; only a power loss can drop the last ones, and never corrupts), foreign keys
///    on, and the pending migrations (each in its own transaction).
///
/// `.readOnly` opens the file with `SQLITE_OPEN_READONLY`: the journal mode is left as it is
/// (a rollback-journal file stays one), closing never checkpoints, and a warehouse on a
/// read-only file can be read (on a read-only file system, opened `immutable`, so a WAL-mode file
/// needs no `-shm`). A reader leaves a WAL-mode file's `-wal` and `-shm` in place, as the
/// `sqlite3` shell's readers do; the last writing connection to close removes them. An older
/// schema is still migrated (on a second, writing connection that does not change the journal
/// mode), as every command always did.
///
/// A busy timeout makes a second writer wait for the first before failing clearly, in either
/// journal mode.
public final class WarehouseStore {
    public enum OpenMode: Sendable {
        /// Create the file when missing (for `seed`).
        case createIfMissing
        /// The file must exist already (commands that write).
        case mustExist
        /// The file must exist; it is opened read-only (commands that only read).
        case readOnly
    }

    /// The path as the user gave it (messages name it).
    public let path: String
    public let mode: OpenMode
    /// The one connection of this store. Internal: jobs reach it, the CLI and other modules do not.
    let connection: Connection
    public let busyTimeoutMilliseconds: Int
    /// Whether this open created the file (`createIfMissing` on a missing file).
    public let createdFile: Bool

    public init(path: String, mode: OpenMode, busyTimeoutMilliseconds: Int = 5_000) throws {
        self.path = path
        self.mode = mode
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        let creating = try Self.checkFile(path: path, mode: mode)
        createdFile = creating
        let timeout = Int32(clamping: busyTimeoutMilliseconds)
        var opened: Connection?
        do {
            let (connection, version) = try Self.openVerified(path: path, mode: mode, creating: creating, timeout: timeout)
            opened = connection
            if mode == .readOnly {
                if version < WarehouseMigrations.latestVersion { try Self.upgrade(path: path, timeout: timeout) }
            } else {
                try Self.configure(connection)
                try Migrator(migrations: WarehouseMigrations.all).migrate(connection, finish: CatalogueViews.finishMigration)
            }
            self.connection = connection
        } catch {
            opened?.close()
            if creating { Self.removeIfEmpty(path) }
            throw Self.translate(error, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
    }

    /// A store around a connection this module opened itself (a parallel reader's, `check`'s
    /// raw read-only one, the reference schema): no opening rule runs, the caller has done what
    /// that connection needs.
    init(wrapping connection: Connection, path: String, mode: OpenMode, busyTimeoutMilliseconds: Int = 5_000) {
        self.path = path
        self.mode = mode
        self.connection = connection
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        createdFile = false
    }

    /// Closes the store and removes the file it created, with its `-wal`, `-shm` and `-journal`:
    /// for a command whose first write into a new warehouse failed, so that it leaves no file
    /// where there was none. Does nothing to a file the store did not create. The store is
    /// closed either way; it must not be used after.
    public func discardCreatedFile() {
        connection.close()
        guard createdFile else { return }
        Self.removeDatabaseFiles(path)
    }

    /// Removes the database file at `path` with its `-wal`, `-shm` and `-journal`.
    package static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { _ = unlinkFile(path + suffix) }
    }

    /// Opens the connection the mode asks for on a file `SchemaCheck` accepted, and returns it
    /// with the file's schema version. An existing file is checked on a read-only connection
    /// first, so a refused file is never opened for writing (nor checkpointed when it closes);
    /// only a file with a hot rollback journal, which a read-only connection cannot recover, is
    /// checked on a writing one (recovery restores the last committed state).
    private static func openVerified(path: String, mode: OpenMode, creating: Bool, timeout: Int32) throws -> (Connection, Int) {
        let name = Connection.fileSystemPath(path)
        // On a read-only file system, or in a directory this process cannot write with no -wal
        // beside the file, SQLite could not create the -shm a WAL-mode file needs: open it
        // immutable (see `FileStatus.needsImmutableRead`).
        let immutable = mode == .readOnly && FileStatus.needsImmutableRead(path)
        func open(readOnly: Bool) throws -> Connection {
            try Connection(path: name, options: .init(readOnly: readOnly, create: creating, busyTimeoutMilliseconds: timeout,
                                                      immutable: readOnly && immutable))
        }
        func verified(_ connection: Connection) throws -> (Connection, Int) {
            do {
                return (connection, try SchemaCheck.verify(connection, path: path))
            } catch {
                connection.close()
                throw error
            }
        }
        if creating { return try verified(open(readOnly: false)) }
        var reader: (Connection, Int)
        do {
            reader = try verified(open(readOnly: true))
        } catch let error as SQLiteError where error.isReadOnly {
            _ = try verified(open(readOnly: false)).0.close()
            reader = try verified(open(readOnly: true))
        }
        if mode == .readOnly { return reader }
        reader.0.close()
        // Checked again on the writing connection: the file might have changed in between.
        return try verified(open(readOnly: false))
    }

    /// Checks what can be checked without opening: the path is a regular, non-empty file, or
    /// (`createIfMissing`) missing in an existing directory with a name short enough. Returns
    /// whether the file will be created.
    package static func checkFile(path: String, mode: OpenMode) throws -> Bool {
        guard !path.isEmpty else { throw WarehouseError.invalidArgument("the database path must not be empty") }
        let status: FileStatus?
        do {
            status = try FileStatus.of(path, followLinks: true)
        } catch {
            throw WarehouseError.cannotOpen(path: path, detail: error.reason)
        }
        if let status {
            switch status.kind {
            case .regular:
                if status.size == 0 { throw WarehouseError.emptyFile(path: path) }
                return false
            case .directory:
                throw WarehouseError.isDirectory(path: path)
            default:
                throw WarehouseError.notARegularFile(path: path, kind: status.kind.phrase)
            }
        }
        switch mode {
        case .mustExist, .readOnly:
            throw WarehouseError.noDatabase(path: path)
        case .createIfMissing:
            let directory = FilePath.directory(of: path)
            guard let parent = FileStatus.ifPresent(directory, followLinks: true), parent.kind == .directory else {
                throw WarehouseError.missingDirectory(path: path)
            }
            let bytes = FilePath.name(of: path).utf8.count
            let limit = FilePath.nameLimit(inDirectory: directory)
            if bytes + "-journal".utf8.count > limit {
                throw WarehouseError.nameTooLong(path: path, bytes: bytes, limit: limit)
            }
            return true
        }
    }

    /// Removes a file this open created when it is still empty (a failed creation leaves nothing).
    private static func removeIfEmpty(_ path: String) {
        if let status = FileStatus.ifPresent(path, followLinks: false), status.kind == .regular, status.size == 0 {
            _ = unlinkFile(path)
        }
    }

    private static func configure(_ connection: Connection) throws {
        // The mode in force comes back; a read-only file may stay in its old mode.
        if try connection.journalMode != .wal {
            try connection.setJournalMode(.wal)
        }
        try connection.setSynchronous(.normal)
        try connection.setForeignKeys(true)
    }

    /// Migrates a verified, older warehouse opened read-only, on a short-lived writing
    /// connection that leaves the journal mode as it is.
    private static func upgrade(path: String, timeout: Int32) throws {
        let writer = try Connection(path: Connection.fileSystemPath(path), options: .init(
            readOnly: false, create: false, busyTimeoutMilliseconds: timeout))
        defer { writer.close() }
        _ = try SchemaCheck.verify(writer, path: path)
        try Migrator(migrations: WarehouseMigrations.all).migrate(writer, finish: CatalogueViews.finishMigration)
    }

    /// How to open more read-only connections to this store's file, the way the store opened its
    /// own (the path SQLite must see, immutable on a read-only file system): for readers that
    /// work in parallel. A value, so another thread can open its connection.
    var readerRecipe: ReaderRecipe {
        ReaderRecipe(path: connection.path, options: .init(
            readOnly: true, create: false, busyTimeoutMilliseconds: connection.options.busyTimeoutMilliseconds,
            immutable: connection.options.immutable))
    }

    /// See `readerRecipe`.
    struct ReaderRecipe: Sendable {
        /// The name SQLite opens (`Connection.fileSystemPath` of the user's path), never a URI.
        let path: String
        let options: Connection.Options

        /// A store of its own on a new read-only connection (`user` names the file in errors).
        func open(user: String) throws -> WarehouseStore {
            WarehouseStore(wrapping: try Connection(path: path, options: options), path: user, mode: .readOnly,
                           busyTimeoutMilliseconds: Int(options.busyTimeoutMilliseconds))
        }
    }

    /// The version of the SQLite library this binary runs on.
    public static var libraryVersion: String { Connection.libraryVersion }

    /// The schema version recorded in the file.
    public func schemaVersion() throws -> Int {
        try Migrator.version(of: connection)
    }

    /// Runs `body` in one IMMEDIATE transaction and turns SQLite failures into warehouse errors.
    ///
    /// `bulk`: foreign keys are not enforced during the transaction. For writers whose every
    /// reference comes from ids they just read or generated against the verified catalogue (the
    /// seed, a run): enforcement costs SQLite a parent lookup per row, which doubled the seed's
    /// time. The constraints stay declared and on for every other writer (and hand edits).
    ///
    /// `cacheMebibytes`: the page cache for the transaction (restored after). SQLite's default
    /// (2 MB) makes a transaction that updates pages all over a large table write them out and
    /// read them back many times: an import of 17.6M interleaved events wrote 35 GB for a 512 MB
    /// database before this was set.
    ///
    /// `rollbackJournal`: journal this one transaction with a rollback journal instead of WAL, for
    /// a load into a file the command created (nothing to read yet; a failure removes the file):
    /// switching the journal mode rewrites the file's header, so an existing file must not be
    /// loaded this way (a failed write leaves it byte for byte as it was only in WAL). SQLite
    /// journals only the pages that existed when the transaction began, so the loaded pages are
    /// written once, straight into the file; WAL writes each twice (to the -wal file, then the
    /// checkpoint copies it). Atomicity is the same: a killed load leaves a hot journal that the
    /// next open rolls back (recovery restores the empty warehouse). Readers wait for the
    /// transaction instead of reading beside it. `synchronous = FULL` for the transaction, as
    /// SQLite advises for a rollback journal, then WAL and NORMAL again. When another connection
    /// has the file open, SQLite cannot leave WAL, and the transaction runs in WAL as any other.
    public func write<T>(bulk: Bool = false, cacheMebibytes: Int? = nil, rollbackJournal: Bool = false,
                         _ body: () throws -> T) throws -> T {
        do {
            // foreign_keys cannot change inside a transaction, so switch it around the transaction.
            if bulk { try connection.setForeignKeys(false) }
            defer { if bulk { try? connection.setForeignKeys(true) } }
            if rollbackJournal, (try? connection.setJournalModeIfAlone(.delete)) == .delete {
                try connection.setSynchronous(.full)
                defer {
                    // Back to the opening rules' settings; a failure here leaves a rollback-journal
                    // file, which every writer's open switches to WAL again.
                    _ = try? connection.setJournalModeIfAlone(.wal)
                    try? connection.setSynchronous(.normal)
                    // A read opens the WAL (its -wal and -shm), as the store's connection held it before.
                    _ = try? Migrator.version(of: connection)
                }
                return try write(cacheMebibytes: cacheMebibytes, body)
            }
            return try write(cacheMebibytes: cacheMebibytes, body)
        } catch {
            throw Self.translate(error, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
    }

    /// One IMMEDIATE transaction with the page cache `cacheMebibytes` asks for (see `write`).
    private func write<T>(cacheMebibytes: Int?, _ body: () throws -> T) throws -> T {
        guard let cacheMebibytes else { return try connection.transaction(.immediate, body) }
        let previous = try connection.cacheKibibytes
        try connection.setCacheKibibytes(Int64(cacheMebibytes) * 1_024)
        defer { try? connection.setCacheKibibytes(previous) }
        return try connection.transaction(.immediate, body)
    }

    /// Runs `body` in one read (DEFERRED) transaction, so its queries see one consistent state
    /// even while another process writes; SQLite failures become warehouse errors.
    /// Not for use inside another transaction (nor around `WarehouseData.read`, which takes its own).
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        do {
            return try connection.transaction(.deferred, body)
        } catch {
            throw Self.translate(error, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
    }

    /// Maps low-level failures to the messages users should see; leaves others as they are.
    public static func translate(_ error: Error, path: String, busyTimeoutMilliseconds: Int) -> Error {
        let sqlite: SQLiteError
        switch error {
        case let error as SQLiteError:
            sqlite = error
        case let error as MigrationError:
            guard case .failed(_, _, let underlying) = error, underlying.isBusy || underlying.isFull
                || underlying.isNotADatabase || underlying.isReadOnly else {
                return WarehouseError.migration(error)
            }
            sqlite = underlying
        default:
            return error
        }
        if sqlite.isBusy { return WarehouseError.busy(path: path, milliseconds: busyTimeoutMilliseconds) }
        if sqlite.isNotADatabase { return WarehouseError.notADatabase(path: path, detail: sqlite.message) }
        if sqlite.isFull || sqlite.systemErrno == ENOSPC {
            return WarehouseError.diskFull(path: path, temporary: TemporaryFilesDirectory.suspect(database: path))
        }
        if sqlite.systemErrno == EFBIG { return WarehouseError.fileSizeLimit(path: path) }
        if sqlite.isReadOnly { return WarehouseError.readOnly(path: path) }
        if sqlite.isCannotOpen { return WarehouseError.cannotOpen(path: path, detail: sqlite.codeDescription) }
        return WarehouseError.storage(sqlite)
    }
}
