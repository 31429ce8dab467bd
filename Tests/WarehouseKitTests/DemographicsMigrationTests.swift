import Foundation
import Testing
import Storage
import TestSupport
import WarehouseSchema
@testable import WarehouseKit
@testable import WarehouseTables

/// Migration 11 rebuilds `users` (username, e-mail and full name become optional; gender, place,
/// phone and date of birth are added). The rebuild runs with foreign keys off, so dropping the old
/// table must not delete a user's likes, interactions or persona by cascade.
@Suite struct DemographicsMigrationTests {
    /// A warehouse at version 10 with one user, a like, an interaction and a persona.
    private func version10(at path: String, categories: [String]) throws {
        let raw = try Connection(path: path)
        try raw.execute("PRAGMA foreign_keys = ON")
        try Migrator(migrations: Array(WarehouseMigrations.all.prefix(10))).migrate(raw)
        for (index, name) in categories.enumerated() {
            try raw.execute("INSERT INTO categories VALUES (\(index + 1), '\(name)')")
        }
        try raw.execute("""
            INSERT INTO subcategories VALUES (1, 1, 'football');
            INSERT INTO personas VALUES (1, 'p', 1, 's');
            INSERT INTO users (id, username, full_name, email, age, liked_posts) VALUES (7, 'a7', 'Ann Lee', 'a7@example.com', 30, 3);
            INSERT INTO user_likes VALUES (7, 1, 3);
            INSERT INTO user_personas VALUES (7, 1);
            INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id) VALUES (20000, 7, 5, 1, 1);
            """)
        #expect(try raw.userVersion == 10)
        raw.close()
    }

    @Test func theRebuildKeepsEveryRowThatRefersToAUser() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        try version10(at: path, categories: ["sports", "fashion", "food", "pets"])
        let store = try WarehouseStore(path: path, mode: .mustExist)
        #expect(try store.schemaVersion() == WarehouseMigrations.latestVersion)
        let db = store.connection
        #expect(try db.scalar("SELECT count(*) FROM user_likes")?.int64 == 1)
        #expect(try db.scalar("SELECT count(*) FROM user_personas")?.int64 == 1)
        #expect(try db.scalar("SELECT count(*) FROM interactions")?.int64 == 1)
        #expect(try db.scalar("SELECT full_name FROM users WHERE id = 7")?.string == "Ann Lee")
        #expect(try db.scalar("SELECT gender IS NULL AND country IS NULL FROM user_profiles WHERE user_id = 7")?.int64 == 1)
        #expect(try db.scalar("SELECT sports FROM user_profiles WHERE user_id = 7")?.int64 == 3)
        #expect(try db.foreignKeysEnabled)
        // The constraints still hold on the rebuilt table, and the references to it still act.
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO user_likes VALUES (99, 1, 1)") }
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE users SET date_of_birth = '1990-02-30' WHERE id = 7") }
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE users SET phone = '+49 30 1234' WHERE id = 7") }
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE users SET country = 'de' WHERE id = 7") }
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE users SET gender = 'f' WHERE id = 7") }
        try db.execute("UPDATE users SET gender = 'female', country = 'DE', phone = '+4930123456', date_of_birth = '1996-02-29' WHERE id = 7")
        try db.execute("INSERT INTO users (id, age, liked_posts) VALUES (8, 40, 0)")   // ids only
        try db.execute("DELETE FROM users WHERE id = 7")
        #expect(try db.scalar("SELECT count(*) FROM user_likes")?.int64 == 0)
        #expect(try db.scalar("SELECT count(*) FROM interactions")?.int64 == 0)
    }

    @Test func anImportedCatalogueKeepsItsGeneratedViewWithTheNewColumns() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        try version10(at: path, categories: ["Drama", "Comedy"])
        do {
            let raw = try Connection(path: path)
            try raw.execute("DROP VIEW user_profiles")
            try raw.execute(CatalogueViews.generatedSQL([(1, "Drama"), (2, "Comedy")], demographics: false))
            raw.close()
        }
        let store = try WarehouseStore(path: path, mode: .mustExist)
        let columns = try store.connection.rows("SELECT name FROM pragma_table_info('user_profiles')").map { $0[0].string ?? "" }
        #expect(columns == ["user_id", "age", "age_group", "gender", "country", "liked_posts", "Drama", "Comedy", "top_category"])
        #expect(try store.connection.scalar("SELECT Drama FROM user_profiles WHERE user_id = 7")?.int64 == 3)
    }
}
