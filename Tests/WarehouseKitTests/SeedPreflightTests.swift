import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// What a seed refuses before writing: a file the disk cannot hold, and appending to a damaged file.
@Suite struct SeedPreflightTests {
    private func size(_ path: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// The estimate covers what a seed really takes at its peak (the database's growth plus the
    /// WAL, which keeps its high-water size while the connection is open, plus a rollback journal),
    /// without being absurd.
    @Test func theEstimateCoversTheMeasuredPeak() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            let base = size(path)
            _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 40_000, seed: 1))
            let used = size(path) - base + size(path + "-wal") + size(path + "-journal")
            let estimate = SeedPreflight.requiredBytes(users: 40_000, existingUsers: 0, days: SeedConfiguration.defaultDays, newFile: true)
            #expect(estimate >= used, "estimate \(estimate) < measured \(used)")
            #expect(estimate <= 3 * used, "estimate \(estimate) far above measured \(used)")
            #expect(Double(size(path)) / 40_000 <= Double(SeedPreflight.fileBytesPerUser + SeedPreflight.interactionBytesPerUser),
                    "bytes per user grew: \(size(path) / 40_000)")
        }
        // An append that keeps the indexes (fewer new users than existing), measured from a closed file.
        let store = try WarehouseStore(path: path, mode: .mustExist)
        let base = size(path)
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 8_000, seed: 2, append: true))
        let used = size(path) - base + size(path + "-wal")
        let estimate = SeedPreflight.requiredBytes(users: 8_000, existingUsers: 40_000, days: SeedConfiguration.defaultDays)
        #expect(estimate >= used, "append: estimate \(estimate) < measured \(used)")
    }

    @Test func theEstimateSaturatesInsteadOfOverflowing() {
        #expect(SeedPreflight.requiredBytes(users: .max, existingUsers: 0) == .max)
        #expect(SeedPreflight.requiredBytes(users: 1, existingUsers: .max) > 0)
        // (250 bytes a user once, 80 of index) × 1.25 into a new file; twice the 250 into an existing one.
        #expect(SeedPreflight.requiredBytes(users: 100_000_000, existingUsers: 0, newFile: true) == 41_250_000_000)
        #expect(SeedPreflight.requiredBytes(users: 100_000_000, existingUsers: 0) == 72_500_000_000)
        #expect(SeedPreflight.requiredBytes(users: 100_000_000, existingUsers: 1) == 72_500_000_100)
    }

    @Test func tooLittleSpaceIsRefusedNamingBothFiguresAndThePath() throws {
        let error = try #require(throws: WarehouseError.self) {
            try SeedPreflight.refuseIfDiskTooSmall(path: "/data/w.sqlite", users: 12_000_000, existingUsers: 0, free: 1_500_000_000)
        }
        let message = error.description
        #expect(message.contains("12000000 users") && message.contains("'/data/w.sqlite'"), "\(message)")
        #expect(message.contains("needs about 8.7 GB") && message.contains("has 1.5 GB free"), "\(message)")
        #expect(message.contains("nothing was written") && !message.contains("\n"), "\(message)")
        try SeedPreflight.refuseIfDiskTooSmall(path: "/data/w.sqlite", users: 10_000, existingUsers: 0, free: 1_500_000_000)
        try SeedPreflight.refuseIfDiskTooSmall(path: "/data/w.sqlite", users: 10_000_000, existingUsers: 0, free: nil)
    }

    /// Against the real file system: a seed far beyond the free space is refused at once and
    /// writes nothing (before the fix it started, and grew the WAL toward a full disk).
    @Test func aSeedBeyondTheFreeSpaceIsRefusedBeforeWriting() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 500, in: dir)
        let users = SeedConfiguration.maximumUsers
        let free = try #require(SeedPreflight.freeBytes(at: store.path))
        guard free < SeedPreflight.requiredBytes(users: users, existingUsers: 500) else {
            return  // a disk of more than 600 GB free: this seed would really run; nothing to test here
        }
        let walBefore = size(store.path + "-wal")
        let started = Date()
        let error = try #require(throws: WarehouseError.self) {
            try SeedJob.run(store: store, configuration: SeedConfiguration(users: users, seed: 9, append: true))
        }
        #expect(Date().timeIntervalSince(started) < 5, "the refusal must come before any work")
        #expect(error.description.contains("not enough free space") && error.description.contains(store.path), "\(error)")
        #expect(try store.connection.scalar("SELECT count(*) FROM users") == .integer(500))
        #expect(try store.connection.scalar("SELECT count(*) FROM seed_batches") == .integer(1))
        #expect(size(store.path + "-wal") == walBefore)
    }

    @Test func aNewDatabaseCanBeRefusedBeforeItIsCreated() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("new.sqlite")
        let free = try #require(SeedPreflight.freeBytes(at: dir.url.path))
        try SeedPreflight.refuseBeforeCreating(path: path, users: 1_000)
        if free < SeedPreflight.requiredBytes(users: SeedConfiguration.maximumUsers, existingUsers: 0, newFile: true) {
            #expect(throws: WarehouseError.self) {
                try SeedPreflight.refuseBeforeCreating(path: path, users: SeedConfiguration.maximumUsers)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A file failing PRAGMA quick_check (a damaged page the seed itself never reads) is not appended to.
    @Test func appendingToADamagedFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        let path: String
        let root: Int64
        do {
            let store = try seededStore(users: 1_500, in: dir)
            _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
            path = store.path
            root = try #require(try store.connection.scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'pca_scores'")?.int64)
            _ = try store.connection.rows("PRAGMA wal_checkpoint(TRUNCATE)")
            store.connection.close()
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let store = try WarehouseStore(path: path, mode: .mustExist)
        let error = try #require(throws: WarehouseError.self) {
            try SeedJob.run(store: store, configuration: SeedConfiguration(users: 200, seed: 8, append: true))
        }
        #expect(error.description.contains("fails SQLite's quick check") && error.description.contains("nothing was written"), "\(error)")
        #expect(!error.description.contains("\n"))
        #expect(try store.connection.scalar("SELECT count(*) FROM users") == .integer(1_500))
        store.connection.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
