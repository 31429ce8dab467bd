import CSQLite

/// One schema step: the SQL that takes a database from `version − 1` to `version`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// The step rebuilds a table that others refer to (SQLite's documented way to change a
    /// column's constraints: create the new table, copy, drop the old, rename). It runs with
    /// foreign keys off, so dropping the old table deletes nothing by cascade, and
    /// `PRAGMA foreign_key_check` must find no broken reference before it commits.
    public let rebuildsTables: Bool

    public init(version: Int, name: String, sql: String, rebuildsTables: Bool = false) {
        self.version = version
        self.name = name
        self.sql = sql
        self.rebuildsTables = rebuildsTables
    }
}

/// Why a database cannot be brought to the schema this binary knows.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// The database was written by a newer binary: we refuse rather than guess.
    case newerThanKnown(databaseVersion: Int, knownVersion: Int)
    /// The migration list is not 1, 2, 3, … (a programming error caught at startup).
    case badSequence(expected: Int, found: Int)
    /// The recorded version is not one any binary writes (negative): the file was edited by hand
    /// or belongs to another application.
    case invalidVersion(databaseVersion: Int)
    /// A migration failed; nothing of it was kept.
    case failed(version: Int, name: String, underlying: SQLiteError)

    public var description: String {
        switch self {
        case let .newerThanKnown(database, known):
            "database schema version \(database) is newer than this warehouse binary supports (\(known)); use a newer binary"
        case let .invalidVersion(database):
            "database schema version \(database) is not a version any warehouse binary writes (0…); refusing to touch it"
        case let .badSequence(expected, found):
            "migrations must be numbered 1, 2, 3, …: expected \(expected), found \(found)"
        case let .failed(version, name, underlying):
            "migration \(version) (\(name)) failed and was rolled back: \(underlying)"
        }
    }
}

/// Applies ordered migrations, each in its own IMMEDIATE transaction together with the
/// `PRAGMA user_version` that records it, so a killed or failed migration leaves the database
/// at the previous version with none of its changes.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) throws {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw MigrationError.badSequence(expected: offset + 1, found: migration.version)
        }
        self.migrations = migrations
    }

    /// The newest version this migrator knows.
    public var latestVersion: Int { migrations.count }

    /// The version recorded in the database (`PRAGMA user_version`, 0 for a new file).
    public static func version(of connection: Connection) throws -> Int {
        try connection.userVersion
    }

    /// Versions not yet applied.
    /// - Throws: `invalidVersion` for a negative version, `newerThanKnown` above `latestVersion`.
    public func pending(in connection: Connection) throws -> [Migration] {
        let current = try Self.version(of: connection)
        if current < 0 {
            throw MigrationError.invalidVersion(databaseVersion: current)
        }
        if current > latestVersion {
            throw MigrationError.newerThanKnown(databaseVersion: current, knownVersion: latestVersion)
        }
        return Array(migrations.dropFirst(current))
    }

    /// Brings the database to `latestVersion`; returns the migrations applied.
    ///
    /// `finish` runs inside each migration's transaction, after its SQL: for what depends on the
    /// data (a view generated from the stored catalogue), so it lands with the step or not at all.
    @discardableResult
    public func migrate(_ connection: Connection, finish: (Migration, Connection) throws -> Void = { _, _ in }) throws -> [Migration] {
        let todo = try pending(in: connection)
        for migration in todo {
            do {
                // foreign_keys cannot change inside a transaction, so switch it around the transaction.
                let restoreForeignKeys = migration.rebuildsTables ? try connection.foreignKeysEnabled : false
                if restoreForeignKeys { try connection.setForeignKeys(false) }
                defer { if restoreForeignKeys { try? connection.setForeignKeys(true) } }
                try connection.transaction(.immediate) {
                    // Re-read inside the write lock: another process may have migrated meanwhile.
                    let current = try Self.version(of: connection)
                    guard current == migration.version - 1 else { return }
                    try connection.execute(migration.sql)
                    if migration.rebuildsTables, let broken = try connection.scalar("PRAGMA foreign_key_check") {
                        throw SQLiteError(resultCode: SQLITE_CONSTRAINT,
                                          message: "a rebuilt table left a broken reference in table \(broken)",
                                          sql: "PRAGMA foreign_key_check")
                    }
                    try finish(migration, connection)
                    try connection.setUserVersion(Int32(clamping: migration.version))
                }
            } catch let error as SQLiteError {
                throw MigrationError.failed(version: migration.version, name: migration.name, underlying: error)
            }
        }
        return todo
    }
}
