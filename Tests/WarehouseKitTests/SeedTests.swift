import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// A fresh warehouse seeded with `users` users, in its own temporary directory. By default the
/// static population (`days` 0, generator v1: all-time likes from fixed preferences), whose
/// planted personas the clustering tests recover; `days` > 0 adds interactions over that many
/// days with drift and seasons (generator v2).
func seededStore(users: Int, seed: UInt64 = 42, batchSize: Int = 8_192, days: Int = 0, in dir: TemporaryDirectory,
                 name: String = "w.sqlite") throws -> WarehouseStore {
    let store = try WarehouseStore(path: dir.path(name), mode: .createIfMissing)
    _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: users, seed: seed, batchSize: batchSize, days: days))
    return store
}

/// Every row of the population tables, as text, in a fixed order: equal digests mean equal data.
func populationDigest(_ connection: Connection) throws -> [String] {
    var lines: [String] = []
    for sql in [
        "SELECT id, username, full_name, email, age, liked_posts, gender, country, region, city, postal_code, phone, date_of_birth FROM users ORDER BY id",
        "SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id, subcategory_id",
        "SELECT user_id, persona_id FROM user_personas ORDER BY user_id",
    ] {
        for row in try connection.rows(sql) {
            lines.append(row.map(\.description).joined(separator: "|"))
        }
    }
    return lines
}

@Suite struct SeedTests {
    @Test func writesUsersLikesPersonasAndProvenance() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, in: dir)
        let db = store.connection
        #expect(try db.scalar("SELECT count(*) FROM users") == .integer(2_000))
        #expect(try db.scalar("SELECT count(*) FROM user_personas") == .integer(2_000))
        #expect(try db.scalar("SELECT count(*) FROM categories") == .integer(4))
        #expect((try db.scalar("SELECT count(*) FROM subcategories WHERE category_id = 1")?.int64 ?? 0) >= 4)
        // Every user's likes sum to liked_posts.
        #expect(try db.scalar("""
            SELECT count(*) FROM users AS u
            WHERE u.liked_posts != (SELECT coalesce(sum(likes), 0) FROM user_likes WHERE user_id = u.id)
            """) == .integer(0))
        // The batch records what it made.
        let batch = try db.rows("SELECT seed, users, first_user_id, last_user_id, like_rows, generator_version, json_valid(parameters) FROM seed_batches")
        #expect(batch.count == 1)
        #expect(batch[0][0...3] == [.integer(42), .integer(2_000), .integer(1), .integer(2_000)])
        #expect(batch[0][4] == (try db.scalar("SELECT count(*) FROM user_likes")))
        #expect(batch[0][6] == .integer(1))
        // The unique indexes exist again after the bulk load, and the foreign keys hold.
        #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL") == .integer(2))
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try db.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    @Test func sameSeedSameRowsWhateverTheBatchSize() throws {
        let dir = try TemporaryDirectory()
        let a = try seededStore(users: 1_500, seed: 7, batchSize: 8_192, in: dir, name: "a.sqlite")
        let b = try seededStore(users: 1_500, seed: 7, batchSize: 97, in: dir, name: "b.sqlite")
        let c = try seededStore(users: 1_500, seed: 8, in: dir, name: "c.sqlite")
        let digestA = try populationDigest(a.connection)
        #expect(digestA == (try populationDigest(b.connection)))
        #expect(digestA != (try populationDigest(c.connection)))
    }

    @Test func refusesToReseedWithoutAppendAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, in: dir)
        let before = try populationDigest(store.connection)
        #expect(throws: WarehouseError.alreadySeeded(path: store.path, users: 300)) {
            try SeedJob.run(store: store, configuration: SeedConfiguration(users: 10))
        }
        #expect(try populationDigest(store.connection) == before)
        #expect(try store.connection.scalar("SELECT count(*) FROM seed_batches") == .integer(1))
    }

    /// With interactions too: the interactions, the drift truth and the likes of an appended
    /// seed are those of one larger seed, and the batch records generator v2 and its period.
    @Test func anAppendedPeriodEqualsOneLargerSeed() throws {
        let dir = try TemporaryDirectory()
        let appended = try seededStore(users: 300, days: 200, in: dir, name: "a.sqlite")
        _ = try SeedJob.run(store: appended, configuration: SeedConfiguration(users: 120, seed: 42, append: true, days: 200))
        let whole = try seededStore(users: 420, days: 200, in: dir, name: "b.sqlite")
        #expect(try populationDigest(appended.connection) == populationDigest(whole.connection))
        for sql in ["SELECT * FROM interactions ORDER BY day, user_id, second, kind_id, subcategory_id, item_id, ordinal",
                    "SELECT * FROM user_persona_changes ORDER BY user_id"] {
            let a = try appended.connection.rows(sql), b = try whole.connection.rows(sql)
            #expect(a.count == b.count && a.map { $0.map(\.description) } == b.map { $0.map(\.description) }, "\(sql)")
        }
        #expect(try whole.connection.scalar("SELECT count(*) FROM interactions")?.int64 ?? 0 > 420 * 60)
        #expect(try whole.connection.scalar("SELECT generator_version FROM seed_batches") == .integer(4))
        #expect(try whole.connection.scalar("SELECT json_extract(parameters, '$.interactions.days') FROM seed_batches") == .integer(200))
    }

    @Test func appendContinuesIdsAndEqualsOneLargerSeedOfTheSameSeed() throws {
        let dir = try TemporaryDirectory()
        let appended = try seededStore(users: 400, in: dir, name: "a.sqlite")
        let summary = try SeedJob.run(store: appended, configuration: SeedConfiguration(users: 100, seed: 42, append: true, days: 0))
        #expect(summary.firstUserID == 401)
        #expect(summary.lastUserID == 500)
        // Users are a pure function of (seed, id): appending equals seeding all at once.
        let whole = try seededStore(users: 500, in: dir, name: "b.sqlite")
        #expect(try populationDigest(appended.connection) == populationDigest(whole.connection))
        #expect(try appended.connection.scalar("SELECT count(*) FROM seed_batches") == .integer(2))
    }

    @Test func aFullDiskFailsClearlyAndLeavesTheDatabaseAsItWas() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 200, in: dir)
        let before = try populationDigest(store.connection)
        let pages = try store.connection.scalar("PRAGMA page_count")?.int64 ?? 0
        _ = try store.connection.scalar("PRAGMA max_page_count = \(pages + 20)")
        let error = try #require(throws: WarehouseError.self) {
            try SeedJob.run(store: store, configuration: SeedConfiguration(users: 5_000, append: true, days: 0))
        }
        #expect(error == .diskFull(path: store.path))
        #expect(try populationDigest(store.connection) == before)
        #expect(try store.connection.scalar("SELECT count(*) FROM seed_batches") == .integer(1))
        #expect(try store.connection.scalar("PRAGMA integrity_check") == .text("ok"))
    }

    @Test func aBusyDatabaseFailsClearlyAfterTheTimeout() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        let holder = try WarehouseStore(path: path, mode: .createIfMissing)
        let store = try WarehouseStore(path: path, mode: .mustExist, busyTimeoutMilliseconds: 50)
        try holder.connection.execute("BEGIN IMMEDIATE")
        #expect(throws: WarehouseError.busy(path: path, milliseconds: 50)) {
            try SeedJob.run(store: store, configuration: SeedConfiguration(users: 10))
        }
        try holder.connection.execute("ROLLBACK")
        #expect(try store.connection.scalar("SELECT count(*) FROM users") == .integer(0))
    }

    @Test func rejectsBadConfigurations() {
        #expect(throws: WarehouseError.invalidArgument("--users must be at least 1, got 0")) {
            try SeedConfiguration(users: 0).validate()
        }
        #expect(throws: WarehouseError.self) { try SeedConfiguration(users: -5).validate() }
        #expect(throws: WarehouseError.self) { try SeedConfiguration(users: 10, seed: UInt64.max).validate() }
    }
}
