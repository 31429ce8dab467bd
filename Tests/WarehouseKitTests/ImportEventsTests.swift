import Foundation
import Storage
import Synchronization
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Input files for `import --events` in a temporary directory, and imports of them.
struct EventsFixture {
    let dir: TemporaryDirectory
    var catalog = "category,subcategory\nmusic,jazz\nmusic,folk\nbooks,crime\nbooks,poetry\n"
    var users = "user_id,username,email,age\n10,ann,ann@example.com,34\n7,bob,bob@example.com,19\n"
    var likes: String?
    var events = "user_id,kind,timestamp,subcategory\n10,like,1700000000,jazz\n"
    var items: String?
    var withUsers = true
    var minValues: [String: Double] = [:]
    var bufferRows = 4_000_000
    /// 2026-12-07T00:00:00Z: "far in the future" is after 2026-12-08.
    static let now: Int64 = 1_796_601_600

    init() throws { dir = try TemporaryDirectory() }

    var database: String { dir.path("w.sqlite") }

    func configuration(append: Bool) -> ImportConfiguration {
        ImportConfiguration(catalogPath: dir.path("catalog.csv"), usersPath: withUsers ? dir.path("users.csv") : nil,
                            likesPath: likes == nil ? nil : dir.path("likes.csv"), eventsPath: dir.path("events.csv"),
                            itemsPath: items == nil ? nil : dir.path("items.csv"), minValues: minValues, append: append,
                            now: Self.now, eventBufferRows: bufferRows)
    }

    func write() throws {
        var files = [("catalog.csv", catalog), ("users.csv", users), ("events.csv", events)]
        if let likes { files.append(("likes.csv", likes)) }
        if let items { files.append(("items.csv", items)) }
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: dir.path(name))) }
    }

    @discardableResult
    func run(append: Bool = false) throws -> ImportSummary {
        try write()
        return try ImportJob.run(database: database, configuration: configuration(append: append))
    }

    /// The problems of an import that must be refused; the database must be byte for byte as it was.
    func refusal(append: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let before = fileBytes(database)
        defer { #expect(fileBytes(database) == before, "the refused import changed the database", sourceLocation: sourceLocation) }
        do {
            try run(append: append)
            Issue.record("the import was accepted", sourceLocation: sourceLocation)
            return []
        } catch let refusal as ImportRefusal {
            return refusal.problems
        }
    }

    func rows(_ sql: String) throws -> [[SQLValue]] {
        let store = try WarehouseStore(path: database, mode: .readOnly)
        return try store.connection.rows(sql)
    }

    func scalar(_ sql: String) throws -> SQLValue? {
        try rows(sql).first?.first
    }
}

@Suite struct ImportEventsTests {
    @Test func eventsBySubcategoryAndByItem() throws {
        var fixture = try EventsFixture()
        fixture.items = "item_id,subcategory\nfilm-1,jazz\nfilm-1,crime\nfilm-2,poetry\n"
        fixture.events = "user_id,kind,timestamp,item_id\n10,view,1700000000,film-1\n7,view,1700000100,film-2\n"
        let summary = try fixture.run()
        #expect(summary.events == 2 && summary.interactions == 3)
        // film-1 is in jazz (1) and crime (3): two rows, both with film-1's internal id.
        #expect(try fixture.rows("SELECT user_id, occurred_at, kind, subcategory_id FROM user_interactions ORDER BY user_id, subcategory_id")
                == [[.integer(7), .integer(1_700_000_100), .text("view"), .integer(4)],
                    [.integer(10), .integer(1_700_000_000), .text("view"), .integer(1)],
                    [.integer(10), .integer(1_700_000_000), .text("view"), .integer(3)]])
        #expect(try fixture.rows("SELECT DISTINCT i.external_id FROM interactions AS x JOIN items AS i ON i.id = x.item_id WHERE x.user_id = 10")
                == [[.text("film-1")]])
        #expect(try fixture.scalar("SELECT count(*) FROM item_subcategories") == .integer(3))

        var bySubcategory = try EventsFixture()
        bySubcategory.events = "user_id,kind,timestamp,subcategory\n10,view,1700000000,jazz\n10,view,1700000000,crime\n"
        try bySubcategory.run()
        #expect(try bySubcategory.rows("SELECT subcategory_id, item_id FROM interactions ORDER BY subcategory_id")
                == [[.integer(1), .integer(0)], [.integer(3), .integer(0)]])
    }

    @Test func isoAndUnixTimestampsAgree() throws {
        var fixture = try EventsFixture()
        // 1700000000 = 2023-11-14T22:13:20Z = 2023-11-15T00:13:20+02:00.
        fixture.events = "user_id,kind,timestamp,subcategory\n10,view,1700000000,jazz\n10,view,2023-11-14T22:13:20Z,folk\n10,view,2023-11-15T00:13:20+02:00,crime\n"
        try fixture.run()
        #expect(try fixture.rows("SELECT DISTINCT occurred_at FROM user_interactions") == [[.integer(1_700_000_000)]])
        #expect(try fixture.rows("SELECT DISTINCT day, second FROM interactions") == [[.integer(19_675), .integer(80_000)]])
    }

    @Test func likeEventsCountIntoUserLikesAndLikedPosts() throws {
        var fixture = try EventsFixture()
        fixture.likes = "user_id,subcategory,likes\n10,jazz,3\n7,folk,1\n"
        fixture.items = "item_id,subcategory\np1,jazz\np1,poetry\n"
        fixture.events = "user_id,kind,timestamp,item_id\n10,like,1700000000,p1\n10,like,1700000000,p1\n7,like,1700000500,p1\n7,comment,1700000600,p1\n"
        let summary = try fixture.run()
        #expect(summary.kinds == [.init(kind: "comment", rows: 2), .init(kind: "like", rows: 6)])
        #expect(try fixture.rows("SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id, subcategory_id")
                == [[.integer(7), .integer(1), .integer(1)], [.integer(7), .integer(2), .integer(1)], [.integer(7), .integer(4), .integer(1)],
                    [.integer(10), .integer(1), .integer(5)], [.integer(10), .integer(4), .integer(2)]])
        #expect(try fixture.rows("SELECT id, liked_posts FROM users ORDER BY id") == [[.integer(7), .integer(3)], [.integer(10), .integer(7)]])
        // Two likes of p1 by user 10 in the same second: ordinals 0 and 1, both kept.
        #expect(try fixture.rows("SELECT ordinal FROM interactions WHERE user_id = 10 AND subcategory_id = 1 ORDER BY ordinal")
                == [[.integer(0)], [.integer(1)]])
        let store = try WarehouseStore(path: fixture.database, mode: .readOnly)
        #expect(try InteractionsTable.likesBeyondUserLikes(store) == nil)
        #expect(try store.connection.scalar("SELECT count(*) FROM users AS u WHERE liked_posts != (SELECT coalesce(sum(likes), 0) FROM user_likes WHERE user_id = u.id)") == .integer(0))
    }

    @Test func kindsAreAddedByName() throws {
        var fixture = try EventsFixture()
        fixture.events = "user_id,kind,timestamp,subcategory\n10,view,1700000000,jazz\n10,Purchase,1700000001,jazz\n7,view,1700000002,folk\n7,like,1700000003,folk\n"
        let summary = try fixture.run()
        #expect(summary.kinds == [.init(kind: "Purchase", rows: 1), .init(kind: "like", rows: 1), .init(kind: "view", rows: 2)])
        #expect(try fixture.rows("SELECT id, name FROM interaction_kinds WHERE id > 4 ORDER BY id") == [[.integer(5), .text("Purchase")], [.integer(6), .text("view")]])
        #expect(try fixture.rows("SELECT kind, count(*) FROM user_interactions GROUP BY kind ORDER BY kind")
                == [[.text("Purchase"), .integer(1)], [.text("like"), .integer(1)], [.text("view"), .integer(2)]])
        #expect(summary.render().contains("Purchase 1, like 1, view 2"))
    }

    @Test func ratingsGetMinValueFourUnlessNamed() throws {
        var fixture = try EventsFixture()
        fixture.events = "user_id,kind,timestamp,subcategory,value\n10,rate,1700000000,jazz,5\n7,rate,1700000000,folk,2.5\n10,rating,1700000000,folk,\n7,view,1700000000,jazz,\n"
        let summary = try fixture.run()
        // `rating` carries no value: no rule.
        #expect(summary.rules == [.init(kind: "rate", minValue: 4, byDefault: true)])
        #expect(try fixture.rows("SELECT name, min_value FROM interaction_kinds WHERE id > 4 ORDER BY id")
                == [[.text("rate"), .real(4)], [.text("rating"), .null], [.text("view"), .null]])
        #expect(try fixture.rows("SELECT value FROM interactions WHERE kind_id = 5 ORDER BY value") == [[.real(2.5)], [.real(5)]])
        #expect(summary.render().contains("rate counts from value 4 (default for ratings)"))

        var named = try EventsFixture()
        named.events = fixture.events
        named.minValues = ["rate": 3, "view": 1]
        let namedSummary = try named.run()
        #expect(namedSummary.rules == [.init(kind: "rate", minValue: 3, byDefault: false), .init(kind: "view", minValue: 1, byDefault: false)])
        #expect(try named.rows("SELECT name, min_value FROM interaction_kinds WHERE id > 4 ORDER BY id")
                == [[.text("rate"), .real(3)], [.text("rating"), .null], [.text("view"), .real(1)]])

        var unknown = try EventsFixture()
        unknown.minValues = ["stars": 4]
        #expect(try unknown.refusal().contains { $0.contains("--min-value names kind \"stars\"") })
    }

    /// The stored rule is what the windowed segmentation reads: a rating below 4 is no interest.
    @Test func theRatingRuleFiltersWindowedInterest() throws {
        var fixture = try EventsFixture()
        fixture.events = "user_id,kind,timestamp,subcategory,value\n7,rate,1700000000,jazz,5\n7,rate,1700000001,jazz,2\n7,rate,1700000002,folk,3.5\n10,rate,1700000003,folk,4\n"
        try fixture.run()
        let store = try WarehouseStore(path: fixture.database, mode: .readOnly)
        let window = InteractionWindow(asOf: 1_700_000_100, weights: [.init(kind: "rate", weight: 1)])
        let plan = try WindowedInterest.plan(window, store)
        // Subcategory ids 1…4 → columns 0…3; users 7 and 10.
        var counts = [Double](repeating: 0, count: 2 * 4)
        try counts.withUnsafeMutableBufferPointer { buffer in
            try WindowedInterest.read(store, plan: plan, userIDs: [7, 10], rows: 0..<2, ids: 7...10, column: [-1, 0, 1, 2, 3], width: 4, into: buffer)
        }
        #expect(counts == [1, 0, 0, 0, 0, 1, 0, 0])
    }

    @Test func appendTakesEventsOfStoredUsersAndKeepsIdenticalUsers() throws {
        var fixture = try EventsFixture()
        fixture.events = "user_id,kind,timestamp,subcategory\n10,like,1700000000,jazz\n7,view,1700000000,folk\n"
        try fixture.run()
        // Ann again, identical (kept), and a new user; events of stored and new users; the same
        // like of Ann in the same second again (it gets ordinal 1, not refused, not dropped).
        fixture.users = "user_id,username,email,age\n10,ann,ann@example.com,34\n12,cid,cid@example.com,50\n"
        fixture.events = "user_id,kind,timestamp,subcategory\n10,like,1700000000,jazz\n7,like,1700000100,crime\n12,like,1700000200,poetry\n"
        let summary = try fixture.run(append: true)
        #expect(summary.users == 1 && summary.keptUsers == 1 && summary.events == 3)
        #expect(try fixture.rows("SELECT id, username, liked_posts FROM users ORDER BY id")
                == [[.integer(7), .text("bob"), .integer(1)], [.integer(10), .text("ann"), .integer(2)], [.integer(12), .text("cid"), .integer(1)]])
        #expect(try fixture.rows("SELECT ordinal FROM interactions WHERE user_id = 10 ORDER BY ordinal") == [[.integer(0)], [.integer(1)]])
        #expect(try fixture.scalar("SELECT count(*) FROM interactions") == .integer(5))
        #expect(try fixture.rows("SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id")
                == [[.integer(7), .integer(3), .integer(1)], [.integer(10), .integer(1), .integer(2)], [.integer(12), .integer(4), .integer(1)]])

        // Without --users: events of stored users only.
        fixture.withUsers = false
        fixture.events = "user_id,kind,timestamp,subcategory\n12,view,1700000300,jazz\n"
        #expect(try fixture.run(append: true).users == 0)
        #expect(try fixture.scalar("SELECT count(*) FROM interactions WHERE user_id = 12") == .integer(2))

        // A stored id with another e-mail is still refused.
        fixture.withUsers = true
        // A kept user given twice is a duplicate.
        fixture.users = "user_id,username,email,age\n10,ann,ann@example.com,34\n10,ann,ann@example.com,34\n"
        #expect(try fixture.refusal(append: true).contains { $0.contains("users.csv:3: duplicate user_id 10 (first on line 2)") })

        fixture.users = "user_id,username,email,age\n10,ann,ann@other.example,34\n"
        let problems = try fixture.refusal(append: true)
        #expect(problems.contains { $0.contains("users.csv:2: user_id 10 is already in the warehouse with other values (here username") }, "\(problems)")
    }

    static let refusals: [(events: String, expected: String)] = [
        ("user_id,kind,timestamp,subcategory\n10,view,17x00,jazz\n", "events.csv:2: column timestamp: \"17x00\" is not a moment"),
        ("user_id,kind,timestamp,subcategory\n10,view,2023-11-14T22:13:20,jazz\n", "events.csv:2: column timestamp: \"2023-11-14T22:13:20\" has no zone"),
        ("user_id,kind,timestamp,subcategory\n10,view,1969-12-31T23:59:59Z,jazz\n", "events.csv:2: column timestamp: \"1969-12-31T23:59:59Z\""),
        ("user_id,kind,timestamp,subcategory\n10,view,-5,jazz\n", "events.csv:2: column timestamp: \"-5\""),
        ("user_id,kind,timestamp,subcategory\n10,view,2026-12-09T00:00:00Z,jazz\n", "events.csv:2: column timestamp: \"2026-12-09T00:00:00Z\" is far in the future"),
        ("user_id,kind,timestamp,subcategory\n10,view,1700000000,rock\n", "events.csv:2: column subcategory: unknown subcategory \"rock\""),
        ("user_id,kind,timestamp,item_id\n10,view,1700000000,nope\n", "events.csv:2: column item_id: \"nope\" is an unknown item"),
        ("user_id,kind,timestamp,item_id\n10,view,1700000000,bare\n", "events.csv:2: column item_id: \"bare\" is an item without subcategories"),
        ("user_id,kind,timestamp,subcategory\n99,view,1700000000,jazz\n", "events.csv:2: column user_id: \"99\" is an unknown user"),
        ("user_id,kind,timestamp,subcategory,value\n10,rate,1700000000,jazz,NaN\n", "events.csv:2: column value: \"NaN\" is not a finite number"),
        ("user_id,kind,timestamp,subcategory,value\n10,rate,1700000000,jazz,1e999\n", "events.csv:2: column value: \"1e999\" is not a finite number"),
        ("user_id,kind,timestamp,subcategory,value\n10,rate,1700000000,jazz,five\n", "events.csv:2: column value: \"five\" is not a finite number"),
        ("user_id,kind,timestamp,subcategory\n10,,1700000000,jazz\n", "events.csv:2: column kind is empty"),
        ("user_id,kind,timestamp,subcategory,item_id\n10,view,1700000000,jazz,\n", "events.csv:1: columns \"subcategory\" and \"item_id\" are both there"),
        ("user_id,kind,timestamp\n10,view,1700000000\n", "events.csv:1: missing column \"subcategory\" or \"item_id\""),
    ]

    @Test(arguments: 0..<refusals.count) func refusalsNameFileLineColumnAndValueAndWriteNothing(_ index: Int) throws {
        let (events, expected) = Self.refusals[index]
        var fixture = try EventsFixture()
        // A warehouse to leave unchanged, then an --append with the bad events.
        try fixture.run()
        fixture.items = "item_id,subcategory\nfilm-1,jazz\nbare,\n"
        fixture.events = "user_id,kind,timestamp,subcategory\n10,view,1700000000,jazz\n"
        fixture.users = "user_id,username,email,age\n10,ann,ann@example.com,34\n"
        fixture.events = events
        let problems = try fixture.refusal(append: true)
        #expect(problems.contains { $0.contains(fixture.dir.path(expected)) }, "\(problems)")
        #expect(try fixture.scalar("SELECT count(*) FROM interactions") == .integer(1))
        // And the same into a new warehouse: no file is left.
        var fresh = try EventsFixture()
        fresh.items = fixture.items
        fresh.events = events
        _ = try fresh.refusal()
        #expect(!FileManager.default.fileExists(atPath: fresh.database))
    }

    /// Random events with many repeats of one second, as a file in the given order.
    static func randomEvents(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let kinds = ["like", "view", "rate"], subcategories = ["jazz", "folk", "crime", "poetry"], users = ["10", "7"]
        return (0..<count).map { _ in
            let kind = kinds[next(3)]
            let value = kind == "rate" ? String(next(3) + 3) : ""
            let keyword = next(4) == 0 ? "k\(next(2))" : ""
            return "\(users[next(2)]),\(kind),\(1_700_000_000 + next(3) * 86_400 + next(4)),\(subcategories[next(4)]),\(value),\(keyword)"
        }
    }

    @Test func anUnorderedFileGivesTheSameTableAsTheSortedOne() throws {
        let lines = Self.randomEvents(count: 3_000, seed: 42)
        let header = "user_id,kind,timestamp,subcategory,value,keyword\n"
        let allColumns = "SELECT day, user_id, second, kind_id, subcategory_id, item_id, ordinal, value, keyword FROM interactions ORDER BY 1, 2, 3, 4, 5, 6, 7"
        let withoutOrdinal = "SELECT day, user_id, second, kind_id, subcategory_id, item_id, value, keyword FROM interactions ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"
        var sorted = try EventsFixture()
        sorted.events = header + lines.sorted().joined(separator: "\n") + "\n"
        try sorted.run()
        var shuffled = try EventsFixture()
        shuffled.events = header + lines.joined(separator: "\n") + "\n"
        try shuffled.run()
        let expected = try sorted.rows(allColumns)
        #expect(expected.count == 3_000)
        #expect(try shuffled.rows(allColumns) == expected)
        // In runs of 300 rows (a 256-row statement and single rows): equal keys meet stored rows and take the next ordinals; nothing is lost.
        var runs = try EventsFixture()
        runs.bufferRows = 300
        runs.events = shuffled.events
        try runs.run()
        #expect(try runs.rows(withoutOrdinal) == sorted.rows(withoutOrdinal))
        #expect(try runs.rows("SELECT day, user_id, second, kind_id, subcategory_id, item_id, ordinal FROM interactions ORDER BY 1, 2, 3, 4, 5, 6, 7")
                == sorted.rows("SELECT day, user_id, second, kind_id, subcategory_id, item_id, ordinal FROM interactions ORDER BY 1, 2, 3, 4, 5, 6, 7"))
        #expect(try runs.rows("SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY 1, 2") == sorted.rows("SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY 1, 2"))
    }

    /// events.csv or items.csv edited in place (same size) once the writing pass has begun: the
    /// content hash differs from the validated one, the transaction rolls back, and the new
    /// warehouse file is gone.
    @Test(arguments: ["events.csv", "items.csv"])
    func aFileEditedBetweenThePassesIsRefused(file: String) throws {
        var fixture = try EventsFixture()
        fixture.items = "item_id,subcategory\nm-1,jazz\nm-1,folk\n"
        fixture.events = "user_id,kind,timestamp,item_id\n10,like,1700000000,m-1\n"
        try fixture.write()
        let path = fixture.dir.path(file)
        let edited = file == "events.csv" ? fixture.events.replacingOccurrences(of: "1700000000", with: "1700000009")
                                          : (fixture.items ?? "").replacingOccurrences(of: "folk", with: "jazz")
        let editOnce = Mutex(false)
        let progress: ImportJob.Progress = { stage, done, total in
            guard stage == "importing", done == total, editOnce.withLock({ let first = !$0; $0 = true; return first }) else { return }
            try? Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        }
        let error = try #require(throws: WarehouseError.self) {
            try ImportJob.run(database: fixture.database, configuration: fixture.configuration(append: false), progress: progress)
        }
        #expect(error.description.contains("\(file) changed while importing"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
    }
}
