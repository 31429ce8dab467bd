import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// A load into a warehouse with no users writes with a rollback journal (`WarehouseStore.write(rollbackJournal:)`)
/// and leaves the file in WAL mode; when another connection has the file open, SQLite cannot
/// leave WAL, and the load runs in WAL as any other write.
@Suite struct LoadJournalTests {
    private func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    private func journalMode(_ path: String) throws -> JournalMode {
        try Connection(path: path, options: .init(readOnly: true)).journalMode
    }

    @Test func aFirstSeedLeavesTheFileInWALModeWithNoJournal() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, days: 30, in: dir)
        #expect(try UsersTable.count(store) == 3_000)
        #expect(try journalMode(store.path) == .wal)
        #expect(!FileManager.default.fileExists(atPath: store.path + "-journal"))
        // Written straight into the file: the -wal (opened again after the load) holds nothing.
        #expect(size(store.path + "-wal") == 0, "the -wal holds \(size(store.path + "-wal")) bytes")
        // The store's own connection is back to its opening settings: a later write is a WAL write.
        #expect(try store.connection.journalMode == .wal && store.connection.synchronous == .normal)
    }

    @Test func aSeedWithAnotherConnectionOpenRunsInWALAndSucceeds() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        let store = try WarehouseStore(path: path, mode: .createIfMissing)
        let reader = try Connection(path: path, options: .init(readOnly: true))
        #expect(try reader.scalar("SELECT count(*) FROM users") == .integer(0))
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 2_000, seed: 5, days: 30))
        #expect(try reader.scalar("SELECT count(*) FROM users") == .integer(2_000))
        #expect(try reader.journalMode == .wal)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        // Written through the WAL: its frames are still in the -wal while the connections are open.
        #expect(size(path + "-wal") > 1_000_000, "the -wal holds \(size(path + "-wal")) bytes")
    }

    /// An existing file with no users is written through the WAL: a seed that fails inside its
    /// transaction (likes a hand edit left without their user) leaves it byte for byte.
    @Test func aFailedSeedIntoAnExistingEmptyFileLeavesItByteForByte() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do { _ = try WarehouseStore(path: path, mode: .createIfMissing) }
        do {
            let raw = try Connection(path: path)
            try raw.execute("INSERT INTO user_likes (user_id, subcategory_id, likes) VALUES (5, 1, 1)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let store = try WarehouseStore(path: path, mode: .mustExist)
            #expect(!store.createdFile)
            let error = try #require(throws: WarehouseError.self) {
                try SeedJob.run(store: store, configuration: SeedConfiguration(users: 500, seed: 1, days: 10))
            }
            #expect(error.description.contains("user_likes has likes for user 5"), "\(error)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file changed")
        #expect(size(path + "-wal") == 0 && !FileManager.default.fileExists(atPath: path + "-journal"))
    }

    @Test func bothWaysWriteTheSameRows() throws {
        let dir = try TemporaryDirectory()
        let alone = try seededStore(users: 2_000, days: 30, in: dir, name: "alone.sqlite")
        let path = dir.path("watched.sqlite")
        let watched = try WarehouseStore(path: path, mode: .createIfMissing)
        let reader = try Connection(path: path, options: .init(readOnly: true))
        _ = try reader.scalar("SELECT count(*) FROM users")
        _ = try SeedJob.run(store: watched, configuration: SeedConfiguration(users: 2_000, seed: 42, days: 30))
        #expect(try populationDigest(alone.connection) == populationDigest(watched.connection))
        let interactions = "SELECT count(*), sum(day * 7 + user_id * 3 + second + kind_id * 11 + subcategory_id * 13 + ordinal) FROM interactions"
        #expect(try alone.connection.rows(interactions) == watched.connection.rows(interactions))
    }
}
