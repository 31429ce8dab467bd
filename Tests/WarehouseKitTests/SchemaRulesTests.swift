import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
import WarehouseSchema
@testable import WarehouseTables

/// Opening a warehouse (`SchemaCheck`) and `warehouse check` (`SchemaComparison`) judge a schema
/// by one set of rules (`SchemaRules`): after each edit both accept the file, or both refuse it.
@Suite struct SchemaRulesTests {
    enum Verdict: String, Sendable, CustomStringConvertible { case accepted, refused; var description: String { rawValue } }

    /// (what the edit does, the edit on a seeded warehouse at the latest version, the verdict).
    static let edits: [(String, @Sendable (Connection) throws -> Void, Verdict)] = [
        ("nothing", { _ in }, .accepted),
        ("a dropped index", { try $0.execute("DROP INDEX users_email") }, .refused),
        ("an altered view", { try $0.execute("DROP VIEW latest_run; CREATE VIEW latest_run AS SELECT * FROM segmentation_runs") }, .refused),
        ("an extra table", { try $0.execute("CREATE TABLE analyst_notes(id INTEGER PRIMARY KEY, body TEXT)") }, .accepted),
        ("an extra table with its own index and trigger", {
            try $0.execute("""
                CREATE TABLE analyst_notes(id INTEGER PRIMARY KEY, body TEXT);
                CREATE INDEX analyst_notes_body ON analyst_notes(body);
                CREATE TRIGGER analyst_notes_stamp AFTER INSERT ON analyst_notes BEGIN SELECT 1; END
                """)
        }, .accepted),
        ("an extra index on a warehouse table", { try $0.execute("CREATE INDEX users_age ON users(age)") }, .refused),
        ("an extra trigger on a warehouse view", {
            try $0.execute("CREATE TRIGGER sneaky INSTEAD OF INSERT ON latest_run BEGIN SELECT 1; END")
        }, .refused),
        ("a view re-created with other white space", { db in
            let sql = try db.scalar("SELECT sql FROM sqlite_schema WHERE name = 'latest_run'")?.string ?? "missing view"  // fails loudly below
            try db.execute("DROP VIEW latest_run")
            try db.execute(sql.replacingOccurrences(of: " ", with: "\n  "))
        }, .accepted),
        ("the regenerated user_profiles", { try CatalogueViews.regenerate(WarehouseStore(wrapping: $0, path: "", mode: .mustExist)) }, .accepted),
        ("user_profiles regenerated, then a category renamed by hand", {
            try CatalogueViews.regenerate(WarehouseStore(wrapping: $0, path: "", mode: .mustExist))
            try $0.execute("UPDATE categories SET name = 'renamed' WHERE id = 1")
        }, .refused),
        ("a hand-made user_profiles", {
            try $0.execute("DROP VIEW user_profiles; CREATE VIEW user_profiles AS SELECT id AS user_id FROM users")
        }, .refused),
        ("a table in place of a view", { try $0.execute("DROP VIEW latest_run; CREATE TABLE latest_run(id INTEGER)") }, .refused),
    ]

    @Test(arguments: edits.indices)
    func openingAndCheckAgree(_ index: Int) throws {
        let (label, edit, expected) = Self.edits[index]
        let dir = try TemporaryDirectory()
        let path: String
        do {
            let store = try seededStore(users: 30, in: dir)
            path = store.path
            try edit(store.connection)
        }
        let opening: Verdict
        do {
            _ = try WarehouseStore(path: path, mode: .readOnly)
            opening = .accepted
        } catch let error as WarehouseError {
            guard case .schemaMismatch = error else { throw error }
            opening = .refused
        }
        let report = try CheckJob.run(path: path)
        let schema = try #require(report.checks.first { $0.name == "schema" })
        let check: Verdict = schema.status == .ok ? .accepted : .refused
        #expect(opening == expected, "\(label): opening \(opening)")
        #expect(check == expected, "\(label): check \(check) (\(schema.detail ?? "no detail"))")
    }

    /// The two present one difference each their own way, from the same list.
    @Test func bothWordTheSameDifferences() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 10, in: dir)
        try store.connection.execute("DROP INDEX users_email; CREATE INDEX users_age ON users(age)")
        let differences = try SchemaRules.differences(store.connection, version: WarehouseMigrations.latestVersion)
        #expect(differences.count == 2)
        #expect(differences.map(SchemaCheck.phrase) == ["missing index users_email on users", "index users_age on users was added to a warehouse table"])
        #expect(differences.map(SchemaComparison.line) == ["the index users_email is missing", "index users_age on users is not the warehouse's"])
    }
}
