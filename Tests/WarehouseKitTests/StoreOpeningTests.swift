import TestSupport
import Foundation
import Testing
import Storage
@testable import WarehouseKit

@Suite struct StoreOpeningTests {
    @Test func createsAndMigratesANewFile() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("w.sqlite"), mode: .createIfMissing)
        #expect(try store.schemaVersion() >= 1)
        #expect(try store.connection.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try store.connection.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    @Test func refusesAMissingDatabaseWithoutCreatingIt() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("missing.sqlite")
        #expect(throws: WarehouseError.noDatabase(path: path)) { try WarehouseStore(path: path, mode: .mustExist) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func refusesAMissingDirectory() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("nope/w.sqlite")
        #expect(throws: WarehouseError.missingDirectory(path: path)) { try WarehouseStore(path: path, mode: .createIfMissing) }
    }

    @Test func refusesADirectoryAndAnEmptyFile() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: WarehouseError.isDirectory(path: dir.url.path)) { try WarehouseStore(path: dir.url.path, mode: .createIfMissing) }
        let empty = dir.path("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: WarehouseError.emptyFile(path: empty)) { try WarehouseStore(path: empty, mode: .createIfMissing) }
    }

    @Test func refusesATextFileAndLeavesItAsItWas() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("notes.txt")
        let original = Data(String(repeating: "not a database\n", count: 100).utf8)
        _ = FileManager.default.createFile(atPath: path, contents: original)
        let error = try #require(throws: WarehouseError.self) { try WarehouseStore(path: path, mode: .createIfMissing) }
        guard case .notADatabase = error else { Issue.record("unexpected \(error)"); return }
        #expect(FileManager.default.contents(atPath: path) == original)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func refusesAnotherApplicationsDatabase() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.sqlite")
        do {
            let other = try Connection(path: path)
            try other.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
        }
        let before = FileManager.default.contents(atPath: path)
        #expect(throws: WarehouseError.foreignDatabase(path: path, tables: ["invoices"])) {
            try WarehouseStore(path: path, mode: .createIfMissing)
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test func refusesANewerSchema() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            try store.connection.execute("PRAGMA user_version = 999")
        }
        let error = try #require(throws: WarehouseError.self) { try WarehouseStore(path: path, mode: .mustExist) }
        #expect(error.description.contains("999"))
        #expect(error.description.contains("newer"))
    }
}
