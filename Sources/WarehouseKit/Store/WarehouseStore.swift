import Foundation
import Storage
import WarehouseSchema

/// An open warehouse: a connection to an SQLite file that holds the warehouse schema at the
/// version this binary knows, with the connection settings every command relies on.
///
/// Opening checks the file before SQLite touches it, so bad paths get precise errors and are
/// left as they were: a directory, a missing directory, an empty or non-SQLite file, and a
/// database of another application are refused; a newer schema is refused; an older one is
/// migrated (each migration in its own transaction).
///
/// Connection settings: WAL journal (readers such as the `sqlite3` shell, `info` and `report`
/// keep reading while a seed or a run writes; a killed writer's uncommitted frames are ignored),
/// `synchronous = NORMAL` (in WAL mode a crash of the process never loses a committed
/// transaction; only a power loss can drop the last ones, and never corrupts), foreign keys on,
/// and a busy timeout so a second writer waits for the first before failing clearly.
public final class WarehouseStore {
    public enum OpenMode: Sendable {
        /// Create the file when missing (for `seed`).
        case createIfMissing
        /// The file must exist already (every other command).
        case mustExist
    }

    public let path: String
    public let connection: Connection
    public let busyTimeoutMilliseconds: Int

    public init(path: String, mode: OpenMode, busyTimeoutMilliseconds: Int = 5_000) throws {
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        try Self.checkFile(path: path, mode: mode)
        do {
            connection = try Connection(path: path, options: .init(
                readOnly: false, create: mode == .createIfMissing,
                busyTimeoutMilliseconds: Int32(clamping: busyTimeoutMilliseconds)))
        } catch let error as SQLiteError {
            throw Self.translate(error, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
        do {
            try Self.refuseForeign(connection, path: path)
            try configure()
            try Migrator(migrations: WarehouseMigrations.all).migrate(connection)
        } catch {
            throw Self.translate(error, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
    }

    /// Checks what can be checked without opening: the path is not a directory, its directory
    /// exists, and an existing file is not empty.
    static func checkFile(path: String, mode: OpenMode) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw WarehouseError.isDirectory(path: path) }
            let size = (try? files.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size == 0 { throw WarehouseError.emptyFile(path: path) }
            return
        }
        switch mode {
        case .mustExist:
            throw WarehouseError.noDatabase(path: path)
        case .createIfMissing:
            let directory = (path as NSString).deletingLastPathComponent
            let parent = directory.isEmpty ? "." : directory
            var parentIsDirectory: ObjCBool = false
            if !files.fileExists(atPath: parent, isDirectory: &parentIsDirectory) || !parentIsDirectory.boolValue {
                throw WarehouseError.missingDirectory(path: path)
            }
        }
    }

    /// A database at schema version 0 that already has tables belongs to someone else.
    static func refuseForeign(_ connection: Connection, path: String) throws {
        let version = try Migrator.version(of: connection)
        guard version == 0 else { return }
        let tables = try connection.rows(
            "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).compactMap { $0.first?.string }
        if !tables.isEmpty {
            throw WarehouseError.foreignDatabase(path: path, tables: tables)
        }
    }

    private func configure() throws {
        // journal_mode returns the mode in force; a read-only file may stay in its old mode.
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = NORMAL")
        try connection.execute("PRAGMA foreign_keys = ON")
    }

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
    public func write<T>(bulk: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            // foreign_keys cannot change inside a transaction, so switch it around the transaction.
            if bulk { try connection.execute("PRAGMA foreign_keys = OFF") }
            defer { if bulk { try? connection.execute("PRAGMA foreign_keys = ON") } }
            return try connection.transaction(.immediate, body)
        } catch {
            throw Self.translate(error, path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
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
                || underlying.isNotADatabase || underlying.resultCode == readOnlyCode else {
                return WarehouseError.migration(error)
            }
            sqlite = underlying
        default:
            return error
        }
        if sqlite.isBusy { return WarehouseError.busy(path: path, milliseconds: busyTimeoutMilliseconds) }
        if sqlite.isNotADatabase { return WarehouseError.notADatabase(path: path, detail: sqlite.message) }
        if sqlite.isFull { return WarehouseError.diskFull(path: path) }
        if sqlite.resultCode == readOnlyCode { return WarehouseError.readOnly(path: path) }
        if sqlite.resultCode == cantOpenCode { return WarehouseError.cannotOpen(path: path, detail: sqlite.codeDescription) }
        return WarehouseError.storage(sqlite)
    }

    /// `SQLITE_READONLY` and `SQLITE_CANTOPEN`, without importing the C module here.
    private static let readOnlyCode: Int32 = 8
    private static let cantOpenCode: Int32 = 14
}
