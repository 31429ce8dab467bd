import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// A seeded warehouse written out as the three CSV files and imported again gives the same
/// catalogue, users and likes.
@Suite struct ImportRoundTripTests {
    /// One CSV field as RFC 4180 writes it.
    static func csv(_ value: SQLValue) -> String {
        let text = value.string ?? value.description
        return text.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Writes `sql`'s rows under `header` to `path`, CRLF line ends and a BOM (as spreadsheets do).
    static func export(_ connection: Connection, _ sql: String, header: String, to path: String) throws {
        var text = "\u{FEFF}" + header + "\r\n"
        for row in try connection.rows(sql) { text += row.map(csv).joined(separator: ",") + "\r\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func seededWarehouseExportedAndReimportedIsTheSame() throws {
        let dir = try TemporaryDirectory()
        let seeded = try seededStore(users: 600, seed: 5, in: dir, name: "seeded.sqlite")
        let db = seeded.connection
        try Self.export(db, "SELECT c.name, s.name FROM subcategories s JOIN categories c ON c.id = s.category_id ORDER BY s.id",
                        header: "category,subcategory", to: dir.path("catalog.csv"))
        // Columns in another order than the import's, users in descending id order.
        try Self.export(db, "SELECT email, id, full_name, age, username FROM users ORDER BY id DESC",
                        header: "email,user_id,full_name,age,username", to: dir.path("users.csv"))
        try Self.export(db, "SELECT l.user_id, s.name, l.likes FROM user_likes l JOIN subcategories s ON s.id = l.subcategory_id ORDER BY l.user_id, s.id",
                        header: "user_id,subcategory,likes", to: dir.path("likes.csv"))
        let summary = try ImportJob.run(database: dir.path("imported.sqlite"), configuration: ImportConfiguration(
            catalogPath: dir.path("catalog.csv"), usersPath: dir.path("users.csv"), likesPath: dir.path("likes.csv")))
        #expect(summary.users == 600)
        let imported = try WarehouseStore(path: dir.path("imported.sqlite"), mode: .readOnly)
        for sql in ["SELECT id, name FROM categories ORDER BY id", "SELECT id, category_id, name FROM subcategories ORDER BY id",
                    "SELECT id, username, full_name, email, age, liked_posts FROM users ORDER BY id",
                    "SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id, subcategory_id",
                    "SELECT user_id, sports, fashion, food, pets, top_category FROM user_profiles ORDER BY user_id"] {
            let original = try db.rows(sql)
            #expect(!original.isEmpty)
            #expect(try imported.connection.rows(sql) == original, "\(sql)")
        }
        // No planted personas in the import: the truth stays with the seeded warehouse.
        #expect(try imported.connection.scalar("SELECT count(*) FROM user_personas") == .integer(0))
    }
}
