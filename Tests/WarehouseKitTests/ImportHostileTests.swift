import Foundation
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Defects `scripts/fuzz-import.sh` found in the import's validation: values it let through that
/// the schema then refused inside the writing pass (a raw SQLite error naming no file or line,
/// and a new, empty warehouse file left behind).
@Suite struct ImportHostileTests {
    /// A description that is a NUL byte (SQLite's length() stops at a NUL: 0, below the CHECK's 1),
    /// text after a NUL (which SQLite's text functions would drop), and 2,000 characters of 4,000
    /// code points (the CHECK counts code points): refused in validation, naming file and line.
    @Test(arguments: ["\u{0}", "pottery\u{0}clay", String(repeating: "e\u{301}", count: 2_000)])
    func descriptionsTheSchemaWouldRefuseAreRefusedByName(_ description: String) throws {
        var fixture = try ImportFixture()
        fixture.catalog = "category,subcategory,description\nmusic,jazz,\nbooks,crime,\"\(description)\"\n"
        fixture.likes = "user_id,subcategory,likes\n10,jazz,3\n"
        let problems = try fixture.refusal()
        #expect(problems.count == 1 && problems[0].contains("catalog.csv:3: column description"), "\(problems)")
        #expect(!FileManager.default.fileExists(atPath: fixture.database), "a refused import created the database")
    }

    /// The longest description the schema takes, in code points, still imports.
    @Test func aDescriptionOf2000CodePointsImports() throws {
        var fixture = try ImportFixture()
        fixture.catalog = "category,subcategory,description\nmusic,jazz,\nbooks,crime,\"\(String(repeating: "é", count: 2_000))\"\n"
        fixture.likes = "user_id,subcategory,likes\n10,jazz,3\n"
        #expect(try fixture.run().subcategories == 2)
    }

    /// A full name holding a NUL: SQLite would keep the bytes but its text functions stop there.
    @Test func aFullNameWithANULIsRefusedByName() throws {
        var fixture = try ImportFixture()
        fixture.users = "user_id,username,email,age,full_name\n10,ann,ann@example.com,34,\"Ann\u{0}Lee\"\n"
        fixture.likes = "user_id,subcategory,likes\n10,jazz,3\n"
        let problems = try fixture.refusal()
        #expect(problems.count == 1 && problems[0].contains("users.csv:2: column full_name"), "\(problems)")
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
    }
}

/// A writing pass that fails after validation (a full disk, a file changed under the import)
/// rolls back; the warehouse file that import created for it must then go, and any other must stay.
@Suite struct ImportCreatedFileTests {
    @Test func anEmptyWarehouseTheImportCreatedIsRemoved() throws {
        let fixture = try ImportFixture()
        _ = try WarehouseStore(path: fixture.database, mode: .createIfMissing)  // migrated, no users
        #expect(FileManager.default.fileExists(atPath: fixture.database))
        ImportJob.removeCreatedWarehouse(fixture.database)
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
        #expect(!FileManager.default.fileExists(atPath: fixture.database + "-wal"))
    }

    @Test func aWarehouseWithUsersIsKept() throws {
        let fixture = try ImportFixture()
        try fixture.run()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.database))
        ImportJob.removeCreatedWarehouse(fixture.database)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.database)) == before)
    }
}
