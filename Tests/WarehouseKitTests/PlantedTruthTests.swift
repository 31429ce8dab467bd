import Population
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `PlantedTruth`: present for a warehouse the seed wrote with interactions, absent (nil, never
/// an error or a wrong truth) as soon as anything says the rows may not be the generator's, and
/// in agreement with the personas and changes the seed stored.
@Suite struct PlantedTruthTests {
    static let model = PopulationModel.standard
    static let columns = model.subcategories.map(\.id)
    static let day = CivilCalendar.secondsPerDay

    static func load(_ store: WarehouseStore, columns: [Int] = columns) throws -> PlantedTruth? {
        try store.snapshot { try PlantedTruth.load(store, subcategoryIDs: columns) }
    }

    /// The store's (user, integer column) pairs of `sql`.
    static func pairs(_ store: WarehouseStore, _ sql: String) throws -> [(Int64, Int64)] {
        try store.connection.rows(sql).map { ($0[0].int64 ?? -1, $0[1].int64 ?? -1) }
    }

    @Test func aSeedWithInteractionsHasItsTruthUserByUser() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, seed: 5, days: 60, in: dir)
        let truth = try #require(try Self.load(store))
        let timeline = InteractionModel(days: 60, asOf: SeedConfiguration.defaultAsOf)
        var out = [Double](repeating: 0, count: Self.columns.count), direct = out
        // The persona at the as-of is the one user_personas holds; lurkers have no preference.
        let personas = Dictionary(uniqueKeysWithValues: try Self.pairs(store, "SELECT user_id, persona_id FROM user_personas"))
        let likedPosts = try Self.pairs(store, "SELECT id, liked_posts FROM users ORDER BY id")
        #expect(likedPosts.count == 300)
        for (user, posts) in likedPosts {
            let persona = truth.truth(userID: user, at: timeline.asOf, horizonSeconds: 7 * Self.day, into: &out)
            #expect((persona != nil) == (posts > 0), "user \(user) with \(posts) liked posts")
            guard let persona else { continue }
            #expect(Int64(persona) == personas[user], "user \(user)")
            #expect(Self.model.preference(seed: 5, userID: user, timeline: timeline, at: timeline.asOf, horizonSeconds: 7 * Self.day,
                                          into: &direct) == persona && direct == out)
        }
        // Users outside every batch have none.
        for user: Int64 in [0, -3, 301, .max] {
            #expect(!truth.preference(userID: user, at: timeline.asOf, horizonSeconds: Self.day, into: &out))
        }
        // Columns that are not the generator's 1…s in order would not line up: none.
        #expect(try Self.load(store, columns: Self.columns.reversed()) == nil)
        #expect(try Self.load(store, columns: Array(Self.columns.dropLast())) == nil)
        #expect(try Self.load(store, columns: []) == nil)
    }

    @Test func aDriftedUserHasTheNewPersonasPreferenceFromTheChangeOn() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, seed: 9, days: 90, in: dir)
        let truth = try #require(try Self.load(store))
        let changes = try store.connection.rows("SELECT user_id, from_at, initial_persona, persona_id FROM user_persona_changes ORDER BY user_id")
        #expect(changes.count > 10)
        let columns = Self.columns.count
        var before = [Double](repeating: 0, count: columns), after = before, later = before
        for change in changes {
            let user = try #require(change[0].int64), at = try #require(change[1].int64)
            let from = try #require(change[2].int64), to = try #require(change[3].int64)
            #expect(truth.truth(userID: user, at: at - 1, horizonSeconds: Self.day, into: &before).map(Int64.init) == from, "user \(user)")
            #expect(truth.truth(userID: user, at: at, horizonSeconds: Self.day, into: &after).map(Int64.init) == to, "user \(user)")
            #expect(truth.truth(userID: user, at: at + 20 * Self.day, horizonSeconds: Self.day, into: &later).map(Int64.init) == to)
            // A fresh Dirichlet draw: the preference itself changes, not only the label.
            #expect(zip(before, after).map { abs($0 - $1) }.reduce(0, +) > 0.05, "user \(user)")
        }
    }

    @Test func anEditedOrOlderOrForeignSeedHasNone() throws {
        let dir = try TemporaryDirectory()
        let edited = try seededStore(users: 50, days: 30, in: dir, name: "edited.sqlite")
        #expect(try Self.load(edited) != nil)
        let length = try #require(try edited.connection.scalar("SELECT length(parameters) FROM seed_batches")?.int64)
        #expect(length < PlantedTruth.longestParameters / 4)
        let db = edited.connection
        let edits = [
            #"UPDATE seed_batches SET parameters = replace(parameters, '"drift_share":0.1', '"drift_share":0.25')"#,
            #"UPDATE seed_batches SET parameters = replace(parameters, '"days":30', '"days":99999999999999999999')"#,
            #"UPDATE seed_batches SET parameters = replace(parameters, '"as_of":', '"as_of":-')"#,
            #"UPDATE seed_batches SET parameters = replace(parameters, '"interactions"', '"interplay"')"#,
            #"UPDATE seed_batches SET parameters = '{"interactions":{"as_of":86400,"days":1}}'"#,
            #"UPDATE seed_batches SET parameters = '[' || replace(hex(zeroblob(40000)), '00', '1,') || '1]'"#,
            "UPDATE seed_batches SET generator_version = 1",
            "UPDATE seed_batches SET generator_version = 2",
            "UPDATE seed_batches SET seed = -1",
            "UPDATE seed_batches SET users = users + 1",
        ]
        for edit in edits {
            try db.execute("SAVEPOINT edit")
            try db.execute(edit)
            // Inside the savepoint's transaction.
            #expect(try PlantedTruth.load(edited, subcategoryIDs: Self.columns) == nil, "after \(edit)")
            try db.execute("ROLLBACK TO edit")
            try db.execute("RELEASE edit")
        }
        #expect(try Self.load(edited) != nil)
        // A static seed (generator v1) has no time, so no truth; nor has a warehouse without seeds.
        let static1 = try seededStore(users: 50, days: 0, in: dir, name: "v1.sqlite")
        #expect(try Self.load(static1) == nil)
        let empty = try WarehouseStore(path: dir.path("empty.sqlite"), mode: .createIfMissing)
        #expect(try Self.load(empty) == nil)
    }

    @Test func appendedBatchesEachKeepTheirSeedAndPeriod() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 40, seed: 1, days: 30, in: dir)
        let asOf = SeedConfiguration.defaultAsOf - 100 * Self.day
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 60, seed: 2, append: true, days: 45, asOf: asOf))
        let truth = try #require(try Self.load(store))
        var out = [Double](repeating: 0, count: Self.columns.count), direct = out
        let timelines = [(UInt64(1), InteractionModel(days: 30, asOf: SeedConfiguration.defaultAsOf)), (2, InteractionModel(days: 45, asOf: asOf))]
        for user in Int64(1)...100 {
            let (seed, timeline) = timelines[user <= 40 ? 0 : 1]
            let expected = Self.model.preference(seed: seed, userID: user, timeline: timeline, at: asOf, horizonSeconds: Self.day, into: &direct)
            #expect(truth.truth(userID: user, at: asOf, horizonSeconds: Self.day, into: &out) == expected, "user \(user)")
            if expected != nil { #expect(out == direct, "user \(user)") }
        }
        // One static batch among them: no truth for any.
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 5, seed: 3, append: true, days: 0))
        #expect(try Self.load(store) == nil)
    }
}
