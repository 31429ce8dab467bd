import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// The packed copy of the interactions (`InteractionPacks`): the reads it serves are bit for bit
/// the reads of `interactions`, it is current only while it holds exactly their rows, and a pack
/// edited by hand is refused, never trusted into a crash.
@Suite struct InteractionPacksTests {
    static let weights = WindowedInterestTests.weights

    /// Reads `window` from `interactions` (packs not current), then builds the packs and reads it
    /// from them, on one thread and on two.
    static func bothWays(_ store: WarehouseStore, _ window: InteractionWindow) throws -> (rows: [WarehouseData], packed: [WarehouseData]) {
        try store.write { try store.run("DELETE FROM interaction_packs_current") }
        #expect(try !store.snapshot { try InteractionPacks.areCurrent(store) })
        let rows = [try WarehouseData.read(store, window: window, threads: 1, undecayed: true),
                    try WarehouseData.read(store, window: window, threads: 2, parallelFrom: 2, undecayed: true)]
        guard case .built = try InteractionPacks.refresh(store) else { throw WarehouseError.invalidArgument("the packs were not built") }
        #expect(try store.snapshot { try InteractionPacks.areCurrent(store) })
        let packed = [try WarehouseData.read(store, window: window, threads: 1, undecayed: true),
                      try WarehouseData.read(store, window: window, threads: 2, parallelFrom: 2, undecayed: true)]
        return (rows, packed)
    }

    @Test func theSumsFromThePacksAreTheSumsFromTheRowsBitForBit() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: WindowedInterestTests.users, days: 365, in: dir)
        let asOf = SeedConfiguration.defaultAsOf - 17 * 86_400 - 3_600
        for window in [InteractionWindow(asOf: asOf, windowSeconds: 90 * 86_400, halfLifeSeconds: 30 * 86_400, weights: Self.weights),
                       InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 7 * 86_400 + 5, halfLifeSeconds: 3 * 3_600,
                                         weights: [.init(kind: "search", weight: 2)]),
                       InteractionWindow(asOf: SeedConfiguration.defaultAsOf)] {
            let (rows, packed) = try Self.bothWays(store, window)
            for data in rows + packed {
                #expect(data.subcategoryLikes == rows[0].subcategoryLikes)
                #expect(data.categoryLikes == rows[0].categoryLikes)
                #expect(data.undecayedLikes == rows[0].undecayedLikes)
                #expect(data.userIDs == rows[0].userIDs)
            }
            #expect(rows[0].subcategoryLikes.contains { $0 > 0 })
        }
        // And both agree with the generator's own interactions.
        let window = InteractionWindow(asOf: asOf, windowSeconds: 90 * 86_400, halfLifeSeconds: 30 * 86_400, weights: Self.weights)
        WindowedInterestTests.expectAgrees(try WarehouseData.read(store, window: window), WindowedInterestTests.reference(window: window))
    }

    @Test func thePacksHoldEveryInteractionOnceInKeyOrder() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 5_000, days: 120, in: dir)  // ids 1 … 5,000: two buckets
        guard case .built(let rows, let packs) = try InteractionPacks.refresh(store) else {
            Issue.record("the packs were not built")
            return
        }
        let stored = try #require(try store.scalar("SELECT count(*) FROM interactions")?.int64)
        #expect(rows == stored)
        #expect(try store.scalar("SELECT sum(length(words)) / 8 FROM interaction_packs")?.int64 == stored)
        #expect(try store.scalar("SELECT rows FROM interaction_packs_current")?.int64 == stored)
        #expect(try store.scalar("SELECT count(*) FROM interaction_packs")?.int64 == Int64(packs))
        #expect(try store.scalar("SELECT count(*) FROM (SELECT DISTINCT day, user_id >> 12 FROM interactions)")?.int64 == Int64(packs))
        // A second refresh finds them current and writes nothing.
        #expect(try InteractionPacks.refresh(store) == .current)
        #expect(try store.snapshot { try InteractionPacks.difference(store) } == nil)

        // Without WAL the build runs on one thread (no reader beside a writer): the same packs.
        let words = try store.rows("SELECT id, hex(words) FROM interaction_packs ORDER BY id")
        try store.connection.execute("PRAGMA journal_mode = DELETE")
        try store.write { try store.run("DELETE FROM interaction_packs_current") }
        #expect(try InteractionPacks.refresh(store) == .built(rows: rows, packs: packs))
        #expect(try store.rows("SELECT id, hex(words) FROM interaction_packs ORDER BY id") == words)
    }

    @Test func aRatingRuleReadsTheSameFromThePacks() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 60, days: 365, in: dir)
        let rate = try WindowedInterestTests.addRatings(store)
        // And one rating without a value.
        try store.write {
            try store.run("INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id) VALUES (?, 1, 14, ?, 2)",
                          [.integer(SeedConfiguration.defaultAsOf / 86_400), .integer(rate)])
        }
        let window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 86_400,
                                       weights: [.init(kind: "rate", weight: 1), .init(kind: "like", weight: 1)])
        let (rows, packed) = try Self.bothWays(store, window)
        #expect(packed[0].subcategoryLikes == rows[0].subcategoryLikes && packed[1].subcategoryLikes == rows[0].subcategoryLikes)
        let ratingsOnly = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 86_400, weights: [.init(kind: "rate", weight: 1)])
        let data = try WarehouseData.read(store, window: ratingsOnly)
        #expect(data.subcategoryLikes[1] == 2, "ratings 5 and 4 count; 3.5, 1 and none do not")
        #expect(try store.scalar("SELECT count(*) FROM interaction_packs WHERE vals IS NOT NULL")?.int64 == 1)
    }

    /// Every change to the interactions or the packs, by hand or by a command, makes the packs
    /// not current; a windowed run builds them again.
    @Test func anyChangeMakesThePacksNotCurrent() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, days: 60, in: dir)
        let current = { try store.snapshot { try InteractionPacks.areCurrent(store) } }
        #expect(try !current(), "a seed leaves them not current")
        let day = SeedConfiguration.defaultAsOf / 86_400
        let edits = [
            "INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id, ordinal) VALUES (\(day), 3, 5, 1, 1, 9)",
            "UPDATE interactions SET second = 6 WHERE ordinal = 9",
            "DELETE FROM interactions WHERE ordinal = 9",
            "UPDATE interaction_packs SET words = words WHERE id = (SELECT min(id) FROM interaction_packs)",
            "DELETE FROM interaction_packs WHERE id = (SELECT max(id) FROM interaction_packs)",
            "INSERT INTO interaction_packs (id, day, bucket, words) VALUES (5, 0, 5, zeroblob(8))",
            "DELETE FROM users WHERE id = 7",  // its interactions go with it (ON DELETE CASCADE)
        ]
        for edit in edits {
            _ = try InteractionPacks.refresh(store)
            #expect(try current())
            try store.connection.execute(edit)
            #expect(try !current(), "\(edit)")
        }
        _ = try InteractionPacks.refresh(store)
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 10, seed: 3, append: true, days: 30))
        #expect(try !current(), "an appending seed")
        // The triggers are back after the seed: a hand edit still counts.
        _ = try InteractionPacks.refresh(store)
        try store.connection.execute("DELETE FROM interactions WHERE user_id = 2")
        #expect(try !current())

        var configuration = quickSegmentation()
        configuration.window = WindowRequest(windowSeconds: 30 * 86_400, weights: Self.weights)
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        #expect(try current(), "a windowed run built them")
    }

    /// A pack edited by hand, with its row in `interaction_packs_current` put back by hand, is
    /// refused with one line naming the pack, not read into a crash.
    @Test func aDamagedPackIsRefused() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, days: 60, in: dir)
        // A kind with a value rule, so the reads take `vals` too.
        try store.write {
            let kinds = try InteractionKindsTable.ensure(["rate"], store)
            try InteractionKindsTable.setMinValue(1, kind: try #require(kinds["rate"]), store)
        }
        let window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 60 * 86_400,
                                       weights: Self.weights + [.init(kind: "rate", weight: 1)])
        let target = "(SELECT max(id) FROM interaction_packs)"
        let damages: [(String, String)] = [
            // second 131,071 (bits 0-16 all set) in the first word
            ("UPDATE interaction_packs SET words = CAST(x'FFFF01' || substr(words, 4) AS BLOB) WHERE id = \(target)", "second 131071"),
            // kind 0: bits 24-47 of the first word cleared
            ("UPDATE interaction_packs SET words = CAST(substr(words, 1, 3) || x'000000' || substr(words, 7) AS BLOB) WHERE id = \(target)", "kind 0"),
            // users out of order: the last word first
            ("UPDATE interaction_packs SET words = CAST(substr(words, -8) || substr(words, 1, length(words) - 8) AS BLOB) WHERE id = \(target)", "user order"),
            // values of the wrong length
            ("UPDATE interaction_packs SET vals = zeroblob(length(words) + 8) WHERE id = \(target)", "bytes of words"),
        ]
        for (damage, named) in damages {
            try store.write { try store.run("DELETE FROM interaction_packs_current") }
            _ = try InteractionPacks.refresh(store)
            try store.connection.execute("PRAGMA ignore_check_constraints = ON")
            try store.connection.execute(damage)
            try store.connection.execute("PRAGMA ignore_check_constraints = OFF")
            try store.connection.execute("INSERT INTO interaction_packs_current (id, rows) VALUES (1, 0)")
            let refused = #expect(throws: WarehouseError.self) { try WarehouseData.read(store, window: window) }
            let message = String(describing: refused)
            #expect(message.contains("interaction_packs") && message.contains(named), "\(message)")
            #expect(!message.contains("\n"))
        }
    }

    /// `check` passes current packs and names the first difference of packs edited by hand and
    /// marked current again; packs that are not current are not checked (nothing reads them).
    @Test func checkComparesCurrentPacksWithTheInteractions() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, days: 30, in: dir)
        func packsVerdict() throws -> CheckSummary.Verdict {
            try #require(try CheckJob.run(path: store.path).checks.first { $0.name == "interaction_packs" })
        }
        #expect(try packsVerdict().status == .ok, "not current: nothing to compare")
        _ = try InteractionPacks.refresh(store)
        #expect(try packsVerdict().status == .ok)
        let edits: [(String, String)] = [
            ("UPDATE interaction_packs SET words = CAST(x'00' || substr(words, 2) AS BLOB) WHERE id = (SELECT min(id) FROM interaction_packs)", "in its words"),
            ("DELETE FROM interaction_packs WHERE id = (SELECT max(id) FROM interaction_packs)", "has no pack for day"),
            ("UPDATE interaction_packs_current SET rows = rows + 1", "interactions has"),
        ]
        for (edit, named) in edits {
            try store.write { try store.run("DELETE FROM interaction_packs_current") }
            _ = try InteractionPacks.refresh(store)
            try store.connection.execute(edit)
            try store.connection.execute("INSERT OR IGNORE INTO interaction_packs_current (id, rows) SELECT 1, count(*) FROM interactions")
            let verdict = try packsVerdict()
            #expect(verdict.status == .failed && (verdict.detail ?? "").contains(named), "\(edit): \(verdict.detail ?? "")")
        }
    }

    /// An interaction of a user who does not exist is refused from the packs as from the rows,
    /// wherever its id falls.
    @Test func anOrphanInteractionIsRefusedFromThePacks() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 200, days: 365, in: dir)
        try store.connection.execute("PRAGMA foreign_keys = OFF")
        let window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf)
        for orphan: Int64 in [0, 1_000_000] {
            try store.connection.execute(
                "INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id, ordinal) VALUES (\(SeedConfiguration.defaultAsOf / 86_400), \(orphan), 5, 1, 1, 7)")
            _ = try InteractionPacks.refresh(store)
            #expect(try store.snapshot { try InteractionPacks.areCurrent(store) })
            let refused = #expect(throws: WarehouseError.self) { try WarehouseData.read(store, window: window, threads: 2, parallelFrom: 2) }
            #expect(String(describing: refused).contains("user \(orphan), who is not in users"), "\(String(describing: refused))")
            try store.connection.execute("DELETE FROM interactions WHERE ordinal = 7")
        }
    }

    /// Sparse ids (a bucket per user), and users without interactions beyond the packed ids on
    /// either side (more than half of them, so one half of a parallel read has none that packs
    /// can hold): the packs give the rows' sums.
    @Test func sparseAndUnpackableUserIDsReadTheSameFromThePacks() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 200, days: 60, in: dir)
        try store.connection.execute("PRAGMA foreign_keys = OFF")
        for table in ["users": "id", "user_likes": "user_id", "user_personas": "user_id", "interactions": "user_id",
                      "user_persona_changes": "user_id"] {
            try store.connection.execute("UPDATE \(table.key) SET \(table.value) = \(table.value) * 5003")
        }
        let window = InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 30 * 86_400, halfLifeSeconds: 7 * 86_400,
                                       weights: Self.weights)
        var (rows, packed) = try Self.bothWays(store, window)
        for data in packed { #expect(data.subcategoryLikes == rows[0].subcategoryLikes && data.undecayedLikes == rows[0].undecayedLikes) }
        for (low, count) in [(InteractionPacks.users.upperBound + 1, 300), (-1_000_000, 300)] {
            try store.connection.execute("""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < \(count))
                INSERT INTO users (id, age, liked_posts) SELECT \(low) + i, 30, 0 FROM n
                """)
            (rows, packed) = try Self.bothWays(store, window)
            for data in packed { #expect(data.subcategoryLikes == rows[0].subcategoryLikes && data.userIDs == rows[0].userIDs) }
            try store.connection.execute("DELETE FROM users WHERE id BETWEEN \(low) AND \(low + Int64(count) - 1)")
        }
    }

    /// A user id past the packed range leaves the packs unbuilt; reads still give the sums.
    @Test func aWarehouseThePacksCannotHoldIsReadFromItsRows() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 100, days: 30, in: dir)
        try store.connection.execute("PRAGMA foreign_keys = OFF")
        let far = InteractionPacks.users.upperBound + 1
        try store.connection.execute("INSERT INTO users (id, username, email, age, liked_posts) VALUES (\(far), 'far', 'far@example.com', 30, 0)")
        try store.connection.execute(
            "INSERT INTO interactions (day, user_id, second, kind_id, subcategory_id) VALUES (\(SeedConfiguration.defaultAsOf / 86_400), \(far), 5, 1, 1)")
        let outcome = try InteractionPacks.refresh(store)
        guard case .unpackable(let reason) = outcome else {
            Issue.record("built: \(outcome)")
            return
        }
        #expect(reason.contains("user \(far)"))
        #expect(try store.scalar("SELECT count(*) FROM interaction_packs")?.int64 == 0, "the failed build rolled back")
        let data = try WarehouseData.read(store, window: InteractionWindow(asOf: SeedConfiguration.defaultAsOf, windowSeconds: 86_400))
        let row = try #require(data.userIDs.firstIndex(of: far))
        #expect(data.subcategoryLikes[row * data.subcategories.count] == 1)
    }
}
