import Foundation
import FoundationXML
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// The report's "Segments at a glance": each card's figures against the tables they come from,
/// the rising-interest rule on hand-computed counts, and warehouses without interactions or
/// demographics (no line for what is absent, no "nan").
@Suite struct SegmentCardsTests {
    /// A seeded warehouse with a year of interactions, segmented (k = 4, no elbow).
    static func segmented(users: Int = 1_500, in dir: TemporaryDirectory, method: SegmentationMethod = .kmeans) throws -> WarehouseStore {
        let store = try seededStore(users: users, days: 365, in: dir)
        var configuration = SegmentationConfiguration()
        configuration.k = 4
        configuration.elbow = nil
        configuration.nInit = 2
        configuration.method = method
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        return store
    }

    /// The card data of the latest run, read as the report reads it.
    static func cards(_ store: WarehouseStore, filter: UserFilter = UserFilter()) throws -> SegmentCardData {
        try store.snapshot {
            let data = try WarehouseReader.read(store)
            let record = try #require(try RunRecord.read(id: 1, from: store))
            let composition = try SegmentComposition.read(run: 1, k: record.k, filter: filter, from: store)
            let view = try RunLoader.load(record, data: data, sampleSize: 100, seed: 1, filter: filter, from: store)
            return try SegmentCardData.read(view, data: data, composition: composition, filter: filter, from: store)
        }
    }

    /// The "Segments at a glance" section of a page.
    static func section(_ html: String) -> String {
        guard let start = html.range(of: "<section id=\"segment-cards\">"),
              let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func int(_ store: WarehouseStore, _ sql: String, _ values: [SQLValue] = []) throws -> Int {
        guard case .integer(let value)? = try store.connection.scalar(sql, values) else { return -1 }
        return Int(value)
    }

    @Test func eachCardIsItsSegmentsMembersWithTheStoredLift() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.segmented(in: dir)
        let data = try Self.cards(store)
        #expect(data.cards.map(\.segment) == [1, 2, 3, 4])
        for card in data.cards {
            let members = try Self.int(store, "SELECT count(*) FROM segment_assignments WHERE run_id = 1 AND segment = ?", [.integer(Int64(card.segment))])
            #expect(card.members == members && members > 0, "segment \(card.segment)")
            #expect(card.ageCounts.reduce(0, +) == card.members)
            #expect(card.activityCounts.reduce(0, +) == card.members)
            let oldest = try Self.int(store, "SELECT max(u.age) FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id WHERE a.run_id = 1 AND a.segment = ?",
                                      [.integer(Int64(card.segment))])
            #expect((card.medianAge ?? -1) >= 0 && (card.medianAge ?? .infinity) <= Double(oldest))
            // The interests shown: the segment's highest stored lifts above 1, each as stored.
            #expect(!card.overLikes.isEmpty && card.overLikes.count <= SegmentCardData.overLikesShown)
            let stored = try store.connection.rows(
                "SELECT subcategory_id, lift, users_liking FROM segment_profiles WHERE run_id = 1 AND segment = ? AND lift > 1 ORDER BY lift DESC, subcategory_id",
                [.integer(Int64(card.segment))]).map { row -> (Int, Double, Int) in
                guard case .integer(let id) = row[0], case .real(let lift) = row[1], case .integer(let users) = row[2] else { return (-1, .nan, -1) }
                return (Int(id), lift, Int(users))
            }
            #expect(!stored.isEmpty)
            let size = try Self.int(store, "SELECT users FROM segments WHERE run_id = 1 AND segment = ?", [.integer(Int64(card.segment))])
            for (shown, row) in zip(card.overLikes, stored) {
                #expect(shown.subcategoryID == row.0 && shown.lift == row.1, "segment \(card.segment): \(shown) vs \(row)")
                #expect(abs(shown.reach - Double(row.2) / Double(size)) < 1e-12)
            }
        }
        #expect(data.cards.reduce(0) { $0 + $1.members } == (try Self.int(store, "SELECT count(*) FROM segment_assignments WHERE run_id = 1")))
        #expect(abs(data.cards.reduce(0) { $0 + $1.share } - 1) < 1e-9)

        // The page: the section first, one card per segment, the lift in words, no "nan".
        let report = try ReportJob.run(store: store)
        let html = report.html
        let cards = try #require(html.range(of: "<section id=\"segment-cards\">"))
        let population = try #require(html.range(of: "<section id=\"population\">"))
        #expect(cards.lowerBound < population.lowerBound)
        for card in data.cards {
            #expect(html.contains("<article class=\"segment-card\" id=\"card-\(card.segment)\">"))
            let lift = try #require(card.overLikes.first)
            #expect(html.contains("\(lift.name): \(Format.percent(lift.reach, 0)) of them, \(Format.lift(lift.lift)) as likely as everyone"))
            #expect(html.contains("--run 1 --segment \(card.segment) --out segment-\(card.segment).csv"))
        }
        let section = Self.section(html)
        #expect(!section.isEmpty && !section.contains("nan") && !section.contains("NaN"))
        #expect(XMLParser(data: Data(html.utf8)).parse(), "the page is not well-formed XML")
    }

    /// The counts behind "rising" equal a direct count of the members' positive interactions in the
    /// two ranges (an independent query, no join order forced).
    @Test func recentCountsMatchADirectCount() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.segmented(users: 800, in: dir)
        let data = try Self.cards(store)
        let rising = try #require(data.rising)
        #expect(rising.status == .compared)
        let members = try store.connection.rows("SELECT user_id, segment FROM segment_assignments WHERE run_id = 1 ORDER BY user_id").map { row -> (Int64, Int32) in
            guard case .integer(let user) = row[0], case .integer(let segment) = row[1] else { return (-1, 0) }
            return (user, Int32(segment))
        }
        let counts = try RecentInterestCounts.read(userIDs: members.map(\.0), segments: members.map(\.1), k: 4, end: rising.end,
                                                   recentSeconds: 30 * 86_400, earlierSeconds: 60 * 86_400, from: store)
        // Each cell against the same count done by SQL alone (a grouped join).
        for cell in counts.cells.prefix(12) {
            let recentHere = try Self.int(store, """
                SELECT count(*) FROM interactions AS i JOIN segment_assignments AS a ON a.run_id = 1 AND a.user_id = i.user_id
                WHERE a.segment = ? AND i.subcategory_id = ? AND i.day * 86400 + i.second > ? AND i.day * 86400 + i.second <= ?
                """, [.integer(Int64(cell.segment)), .integer(Int64(cell.subcategoryID)), .integer(rising.end - 30 * 86_400), .integer(rising.end)])
            #expect(cell.recent == recentHere, "\(cell)")
        }
        let direct = { (low: Int64, high: Int64) throws -> Int in
            try Self.int(store, """
                SELECT count(*) FROM interactions WHERE day * 86400 + second > ? AND day * 86400 + second <= ?
                AND user_id IN (SELECT user_id FROM segment_assignments WHERE run_id = 1)
                """, [.integer(low), .integer(high)])
        }
        let recent = try direct(rising.end - 30 * 86_400, rising.end)
        let earlier = try direct(rising.end - 90 * 86_400, rising.end - 30 * 86_400)
        #expect(recent > 0 && earlier > 0)
        #expect(counts.cells.reduce(0) { $0 + $1.recent } == recent)
        #expect(counts.cells.reduce(0) { $0 + $1.earlier } == earlier)
        // A value rule on likes (a ratings-style kind): a like counts only with a value of at least
        // 3, and the seed's likes carry none, so only the other kinds count.
        try store.write { try store.connection.run("UPDATE interaction_kinds SET min_value = 3 WHERE name = 'like'") }
        let rated = try RecentInterestCounts.read(userIDs: members.map(\.0), segments: members.map(\.1), k: 4, end: rising.end,
                                                  recentSeconds: 30 * 86_400, earlierSeconds: 60 * 86_400, from: store)
        let notLikes = try Self.int(store, """
            SELECT count(*) FROM interactions WHERE day * 86400 + second > ? AND day * 86400 + second <= ?
            AND user_id IN (SELECT user_id FROM segment_assignments WHERE run_id = 1)
            AND (kind_id <> 1 OR value >= 3)
            """, [.integer(rising.end - 30 * 86_400), .integer(rising.end)])
        #expect(notLikes > 0 && notLikes < recent)
        #expect(rated.cells.reduce(0) { $0 + $1.recent } == notLikes)
        // The end is the last moment of any interaction (a run without a window).
        let last = try Self.int(store, "SELECT max(day * 86400 + second) FROM interactions")
        #expect(rising.end == Int64(last))
    }

    /// ρ = (r / b) / (R / B), shown when r ≥ 20, growth 2r/b − 1 ≥ +10%, ρ ≥ 1.2 and ln ρ ≥ 2√(1/r + 1/b).
    @Test func risingRuleOnHandCounts() {
        typealias Cell = RecentInterestCounts.Cell
        let cells = [
            // Subcategory 1: segment 1 doubles its daily rate (r 120, b 120: +100%), segment 2 flat
            // (r 100, b 200: +0%). Everyone: R 220, B 320 → G = 2·220/320 − 1 = +37.5%.
            Cell(segment: 1, subcategoryID: 1, recent: 120, earlier: 120),
            Cell(segment: 2, subcategoryID: 1, recent: 100, earlier: 200),
            // Subcategory 2: segment 1 rises, but on few interactions (r 21, b 20): ρ ≈ 1.5 against
            // everyone, yet ln ρ < 2√(1/21 + 1/20) ≈ 0.63.
            Cell(segment: 1, subcategoryID: 2, recent: 21, earlier: 20),
            Cell(segment: 2, subcategoryID: 2, recent: 400, earlier: 600),
            // Subcategory 3: below 20 recent interactions.
            Cell(segment: 1, subcategoryID: 3, recent: 19, earlier: 1),
            Cell(segment: 2, subcategoryID: 3, recent: 100, earlier: 200),
            // Subcategory 4: segment 3 falls (r 90, b 200: −10%) though far less than everyone
            // (R 90 + 60, B 200 + 400: −50%), ρ = 1.8: not rising.
            Cell(segment: 3, subcategoryID: 4, recent: 90, earlier: 200),
            Cell(segment: 2, subcategoryID: 4, recent: 60, earlier: 400),
        ]
        let rising = RisingInterests.rising(cells, k: 3)
        #expect(rising.count == 3)
        #expect(rising[0].map(\.subcategoryID) == [1])
        let first = rising[0][0]
        #expect(abs(first.growth - 1) < 1e-12)
        #expect(abs(first.everyoneGrowth - 0.375) < 1e-12)
        #expect(abs(first.ratio - (120.0 / 120) / (220.0 / 320)) < 1e-12)
        #expect(rising[1].isEmpty && rising[2].isEmpty)
        #expect(SegmentCards.signed(first.growth) == "+100%" && SegmentCards.signed(-0.031) == "−3%" && SegmentCards.signed(-0.001) == "±0%")
    }

    /// A warehouse without interactions, demographics or seed: no rising, gender or country line,
    /// and the page still parses.
    @Test func aWarehouseWithoutInteractionsOrDemographics() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("bare.sqlite"), mode: .createIfMissing)
        try store.write {
            let db = store.connection
            for c in 0..<12 {
                try db.run("INSERT INTO categories(id, name) VALUES (?, ?)", [.integer(Int64(c + 1)), .text("topic \(c)")])
                try db.run("INSERT INTO subcategories(id, category_id, name) VALUES (?, ?, ?)",
                           [.integer(Int64(c + 1)), .integer(Int64(c + 1)), .text("subtopic \(c)")])
            }
            for u in 1...400 {
                let main = u % 4, side = (u * 7) % 12
                var likes = [main: 4 + u % 5]
                likes[side, default: 0] += 1
                try db.run("INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES (?, ?, ?, ?, ?, ?)",
                           [.integer(Int64(u)), .text("user\(u)"), .text("User \(u)"), .text("user\(u)@example.com"),
                            .integer(Int64(18 + u % 50)), .integer(Int64(likes.values.reduce(0, +)))])
                for (category, count) in likes {
                    try db.run("INSERT INTO user_likes(user_id, subcategory_id, likes) VALUES (?, ?, ?)",
                               [.integer(Int64(u)), .integer(Int64(category + 1)), .integer(Int64(count))])
                }
            }
        }
        var configuration = SegmentationConfiguration()
        configuration.k = 4
        configuration.elbow = nil
        _ = try SegmentationJob.run(store: store, configuration: configuration)
        let data = try Self.cards(store)
        #expect(data.rising == nil)
        #expect(data.cards.allSatisfy { $0.genderShares == nil && $0.countries.isEmpty && $0.rising.isEmpty })
        let html = try ReportJob.run(store: store).html
        #expect(html.contains("id=\"card-4\"") && !html.contains("<dt>Rising</dt>") && !html.contains("<dt>Gender</dt>")
                && !html.contains("<dt>Countries</dt>") && html.contains("<dt>Age</dt>"))
        #expect(!Self.section(html).isEmpty && !Self.section(html).contains("nan") && !Self.section(html).contains("NaN"))
        // 12 categories: the favourite-category table has a row per category (and "No likes",
        // "Users") and a column per age group, not 12 category columns.
        let favourite = try #require(html.range(of: "id=\"tbl-favourite-category\"").map { html[$0.upperBound...] })
        let body = String(favourite[..<(favourite.range(of: "</table>")?.lowerBound ?? favourite.endIndex)])
        #expect(body.components(separatedBy: "<tr>").count - 1 == 1 + 12 + 2)
        #expect(body.components(separatedBy: "<th scope=\"col\"").count - 1 == 1 + 7 + 1)
        #expect(body.contains("<th scope=\"row\" class=\"text\">topic 0</th>"))
        #expect(XMLParser(data: Data(html.utf8)).parse(), "the page is not well-formed XML")
    }

    /// A latent-class run gets its cards too, and a filtered report's cards count the members the
    /// filter passes (and their commands carry the filter).
    @Test func latentClassAndFilteredCards() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.segmented(users: 900, in: dir, method: .latentClass)
        let html = try ReportJob.run(store: store).html
        #expect((1...4).allSatisfy { html.contains("id=\"card-\($0)\"") } && !Self.section(html).contains("NaN"))
        let filter = UserFilter(ages: [18...34])
        let data = try Self.cards(store, filter: filter)
        for card in data.cards {
            let members = try Self.int(store, """
                SELECT count(*) FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
                WHERE a.run_id = 1 AND a.segment = ? AND u.age BETWEEN 18 AND 34
                """, [.integer(Int64(card.segment))])
            #expect(card.members == members)
        }
        var configuration = ReportConfiguration()
        configuration.filter = filter
        let filtered = try ReportJob.run(store: store, configuration: configuration).html
        #expect(filtered.contains("--segment 1 --age 18-34 --out segment-1.csv"))
    }
}
