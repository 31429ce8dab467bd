import Testing
import Storage
import WarehouseSchema

@Suite struct SchemaTests {
    /// Every object's (type, name, table, SQL) as SQLite stores it, plus the recorded version.
    private func snapshot(_ db: Connection) throws -> [[SQLValue]] {
        try db.rows("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
            + [[.integer(Int64(try Migrator.version(of: db)))]]
    }

    @Test func migrationsGiveExactlySchemaSQL() throws {
        let migrated = try Connection(path: ":memory:")
        try Migrator(migrations: WarehouseMigrations.all).migrate(migrated)
        let fromSchema = try Connection(path: ":memory:")
        try fromSchema.execute(RepositoryFiles.text("schema.sql"))
        #expect(try snapshot(migrated) == snapshot(fromSchema))
        #expect(try Migrator.version(of: migrated) == WarehouseMigrations.latestVersion)
    }

    @Test func everyMigrationFileIsEmbeddedInOrder() throws {
        let files = try RepositoryFiles.list("migrations").filter { $0.hasSuffix(".sql") }
        #expect(files.count == WarehouseMigrations.all.count)
        for (file, migration) in zip(files, WarehouseMigrations.all) {
            let number = Int(file.prefix(4))
            #expect(number == migration.version, "\(file)")
            #expect(file == fourDigits(migration.version) + "_\(migration.name).sql")
            #expect(try RepositoryFiles.text("migrations/\(file)") == migration.sql, "\(file) differs from the embedded copy")
        }
    }

    @Test func foreignKeysAndChecksHold() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("PRAGMA foreign_keys = ON")
        try Migrator(migrations: WarehouseMigrations.all).migrate(db)
        try db.execute("INSERT INTO categories VALUES (1, 'sports'); INSERT INTO subcategories VALUES (1, 1, 'football')")
        try db.execute("INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (1, 'a1', 'A', 'a1@example.com', 30, 3)")
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO user_likes VALUES (1, 99, 3)") }   // no such subcategory
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO user_likes VALUES (1, 1, 0)") }    // likes > 0
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO user_likes VALUES (1, 1, 'x')") }  // STRICT
        #expect(throws: SQLiteError.self) {
            try db.execute("INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (2, 'a1', 'B', 'b@example.com', 30, 0)")
        }
    }
}

/// `7` → `"0007"`.
private func fourDigits(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
