import Testing
@testable import Storage

@Suite struct MigratorTests {
    let migrations = [
        Migration(version: 1, name: "one", sql: "CREATE TABLE a(x INTEGER) STRICT;"),
        Migration(version: 2, name: "two", sql: "CREATE TABLE b(y INTEGER) STRICT; INSERT INTO a VALUES (1);"),
    ]

    @Test func appliesInOrderAndRecordsTheVersion() throws {
        let db = try Connection(path: ":memory:")
        let applied = try Migrator(migrations: migrations).migrate(db)
        #expect(applied.map(\.version) == [1, 2])
        #expect(try Migrator.version(of: db) == 2)
        #expect(try db.scalar("SELECT count(*) FROM a") == .integer(1))
        // Applying again is a no-op.
        #expect(try Migrator(migrations: migrations).migrate(db).isEmpty)
        #expect(try db.scalar("SELECT count(*) FROM a") == .integer(1))
    }

    @Test func refusesANewerDatabase() throws {
        let db = try Connection(path: ":memory:")
        try Migrator(migrations: migrations).migrate(db)
        let older = try Migrator(migrations: Array(migrations.prefix(1)))
        let error = try #require(throws: MigrationError.self) { try older.migrate(db) }
        #expect(error == .newerThanKnown(databaseVersion: 2, knownVersion: 1))
        #expect(error.description.contains("version 2"))
    }

    @Test func aFailedMigrationLeavesNothingBehind() throws {
        let db = try Connection(path: ":memory:")
        let broken = migrations + [Migration(version: 3, name: "broken", sql: "CREATE TABLE c(z); INSERT INTO nowhere VALUES (1);")]
        #expect(throws: MigrationError.self) { try Migrator(migrations: broken).migrate(db) }
        #expect(try Migrator.version(of: db) == 2)
        #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'c'") == .integer(0))
        #expect(db.isAutocommit)
    }

    @Test func rejectsAGapInTheSequence() throws {
        let gap = [migrations[1]]
        #expect(throws: MigrationError.badSequence(expected: 1, found: 2)) { try Migrator(migrations: gap) }
    }
}
