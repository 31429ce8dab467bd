import Population
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Every ```sql block in README.md runs against a seeded, segmented warehouse and returns what the
/// raw tables say it should: each query's rows are checked against the same answer computed here
/// in Swift from plain reads of `users`, `user_likes`, `subcategories`, `categories`, `personas`,
/// `user_personas` and `segment_assignments` (never through the views or the run's stored
/// profiles the queries read), so a wrong join, filter, grouping, view or stored profile fails.
@Suite struct ReadmeQueryTests {
    static func queries() throws -> [String] {
        let readme = try RepositoryFiles.text("README.md")
        var blocks: [String] = []
        var current: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```sql") {
                current = []
            } else if line.hasPrefix("```"), let lines = current {
                blocks.append(lines.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func readmeHasAtLeastFiveQueries() throws {
        #expect(try Self.queries().count >= 5)
    }

    @Test func everyReadmeQueryReturnsWhatTheRawTablesSay() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, days: 365, in: dir)
        // Two windowed runs a month apart (for the month-by-month query), then an all-time run,
        // the latest, which the other queries read.
        for asOf in [SeedConfiguration.defaultAsOf - 31 * 86_400, SeedConfiguration.defaultAsOf] {
            var windowed = quickSegmentation()
            windowed.window = WindowRequest(asOf: asOf, windowSeconds: 60 * 86_400)
            _ = try SegmentationJob.run(store: store, configuration: windowed)
        }
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        // Genders by a rule the checks know without reading them (the seed's own are not relied on).
        try store.connection.execute(Self.plantedGenders)
        let raw = try RawTables(store.connection)
        var checked: [String] = []
        for query in try Self.queries() {
            let title = String(query.split(separator: "\n").first ?? "")
            let rows = try store.connection.rows(query)
            #expect(!rows.isEmpty, "no rows from:\n\(query)")
            guard let check = Self.checks[title] else {
                Issue.record("README query without an independent check here: \(title)")
                continue
            }
            try check(rows, raw)
            checked.append(title)
        }
        // Every check ran, once: a query renamed or dropped from the README is noticed.
        #expect(checked.sorted() == Self.checks.keys.sorted())

        // The README says `target --segment 2 --gender female --age 25-34 --all` gives the same count.
        let query = try #require(try Self.queries().first { $0.hasPrefix(Self.womenQuery) })
        let answer = try store.connection.rows(query)
        var options = TargetOptions()
        options.segment = 2
        options.top = 10_000
        options.filter = UserFilter(ages: [25...34], genders: [.female])
        let profile = try TargetJob.run(store: store, options: options)
        let running = try #require(profile.segments.first?.subcategories.first { $0.affinity.name == "running" })
        #expect(Int64(running.affinity.usersLiking) == answer.first.map { Self.int($0[1]) })
        #expect(Int64(profile.segments.first?.users ?? -1) == answer.first.map { Self.int($0[0]) })
    }

    /// users.gender by id: female, male, other, not disclosed (NULL) for id mod 4 = 0, 1, 2, 3.
    static let plantedGenders = "UPDATE users SET gender = CASE id % 4 WHEN 0 THEN 'female' WHEN 1 THEN 'male' WHEN 2 THEN 'other' END"

    static func plantedGender(_ user: Int64) -> String? { [Int64(0): "female", 1: "male", 2: "other"][user % 4] }

    static let womenQuery = "-- How many women 25–34 in segment 2 like running?"

    // MARK: the checks, by each query's first line

    typealias Check = @Sendable ([[SQLValue]], RawTables) throws -> Void

    static let checks: [String: Check] = [
        "-- Each category's share of all likes, any taxonomy": categoryShares,
        "-- Top subcategories among 18–24-year-olds": topSubcategoriesOfYoungAdults,
        "-- Average likes per category by persona (the planted truth)": averageLikesByPersona,
        "-- Favourite category by age group, with shares": favouriteCategoryByAgeGroup,
        "-- The long tail: the heaviest likers": heaviestLikers,
        "-- Segments of the latest run: size, age and what they like most (highest lift)": latestSegments,
        "-- How the latest segments line up with the planted personas": segmentsByPersona,
        "-- Who to show a dog-food ad: users of the segment with the highest lift for \"dogs\"": dogFoodAudience,
        "-- Share of each segment active in the last 30 days (before the latest interaction)": activeShare,
        "-- Daily active users per category, the last 7 days": dailyActiveUsers,
        "-- Top 3 searched keywords per segment in the last 7 days": topKeywords,
        "-- Segment sizes month by month (one run per month, made with --as-of)": monthlySizes,
        womenQuery: womenLikingRunning,
    ]

    /// women_25_34, liking_running, pct: the latest run's segment-2 members who are female (by
    /// `plantedGender`) and 25–34, and those of them with a like of running.
    static func womenLikingRunning(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let running = try #require(raw.subcategoryID(named: "running"))
        let women = Set(raw.latest.filter { user, entry in
            entry.segment == 2 && plantedGender(user) == "female" && (25...34).contains(raw.users[user]?.age ?? -1)
        }.keys)
        let liking = Set(raw.likes.filter { $0.subcategory == running && $0.likes > 0 && women.contains($0.user) }.map(\.user))
        #expect(rows.count == 1 && !women.isEmpty)
        #expect(int(rows[0][0]) == Int64(women.count) && int(rows[0][1]) == Int64(liking.count), "\(rows)")
        expectRounded(rows[0][2], 100 * Double(liking.count) / Double(max(1, women.count)), decimals: 1, "share liking running")
    }

    /// segment, users, active, pct_active: per segment of the latest run, its users and those
    /// with any interaction in the 30 days up to the latest interaction's day.
    static func activeShare(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let last = try #require(raw.interactions.map(\.day).max())
        let active = Set(raw.interactions.filter { $0.day > last - 30 }.map(\.user))
        var users: [Int64: Int64] = [:], activeUsers: [Int64: Int64] = [:]
        for (user, entry) in raw.latest {
            users[entry.segment, default: 0] += 1
            if active.contains(user) { activeUsers[entry.segment, default: 0] += 1 }
        }
        #expect(rows.map { int($0[0]) } == users.keys.sorted())
        for row in rows {
            let segment = int(row[0])
            #expect(int(row[1]) == users[segment] && int(row[2]) == activeUsers[segment, default: 0], "\(row)")
            expectRounded(row[3], 100 * Double(activeUsers[segment, default: 0]) / Double(users[segment] ?? 1), decimals: 1, "segment \(segment)")
        }
    }

    /// day, category, active_users: per day of the last 7 and category, the distinct users.
    static func dailyActiveUsers(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let last = try #require(raw.interactions.map(\.day).max())
        var users: [String: Set<Int64>] = [:]
        for interaction in raw.interactions where interaction.day > last - 7 {
            users["\(CivilCalendar.isoDate(ofDay: interaction.day))|\(raw.categoryName(of: interaction.subcategory))", default: []].insert(interaction.user)
        }
        #expect(rows.count == users.count)
        for row in rows {
            #expect(Int64(users["\(text(row[0]))|\(text(row[1]))"]?.count ?? -1) == int(row[2]), "\(row)")
        }
        #expect(rows.map { text($0[0]) } == rows.map { text($0[0]) }.sorted(), "days in order")
    }

    /// segment, keyword, searches: per segment of the latest run, its members' 3 most searched
    /// keywords over the last 7 days (ties by keyword).
    static func topKeywords(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let last = try #require(raw.interactions.map(\.day).max())
        var counts: [Int64: [String: Int64]] = [:]
        for interaction in raw.interactions where interaction.kind == "search" && interaction.day > last - 7 {
            guard let segment = raw.latest[interaction.user]?.segment, let keyword = interaction.keyword else { continue }
            counts[segment, default: [:]][keyword, default: 0] += 1
        }
        var expected: [[String]] = []
        for segment in counts.keys.sorted() {
            let top = counts[segment, default: [:]].sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
            expected += top.map { ["\(segment)", $0.key, "\($0.value)"] }
        }
        #expect(rows.map { ["\(int($0[0]))", text($0[1]), "\(int($0[2]))"] } == expected)
    }

    /// month, run_id, segment, users: per windowed run (by as-of) and segment, its assignments.
    static func monthlySizes(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        var expected: [[String]] = []
        for run in raw.windowedRuns.sorted(by: { $0.asOf < $1.asOf }) {
            let (y, m, _) = CivilCalendar.date(ofDay: run.asOf / 86_400)
            let month = "\(y)-" + (m < 10 ? "0\(m)" : "\(m)")
            for segment in run.sizes.keys.sorted() { expected.append([month, "\(run.id)", "\(segment)", "\(run.sizes[segment] ?? 0)"]) }
        }
        #expect(Set(expected.map { $0[0] }).count == 2, "two months")
        #expect(rows.map { [text($0[0]), "\(int($0[1]))", "\(int($0[2]))", "\(int($0[3]))"] } == expected)
    }

    /// category, likes, pct: every category's likes, its share of all likes, most liked first.
    static func categoryShares(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        var expected: [String: Int64] = [:]
        for like in raw.likes { expected[raw.categoryName(of: like.subcategory), default: 0] += like.likes }
        let total = raw.likes.reduce(0) { $0 + $1.likes }
        #expect(rows.count == expected.count)
        #expect(Set(rows.map { text($0[0]) }) == Set(expected.keys))
        for row in rows {
            let category = text(row[0])
            #expect(int(row[1]) == expected[category], "\(category)")
            expectRounded(row[2], 100 * Double(int(row[1])) / Double(total), decimals: 1, "\(category) pct")
        }
        expectNonIncreasing(rows.map { int($0[1]) }, "likes")
    }

    /// subcategory, category, likes: the 5 subcategories with the most likes from users aged 18–24.
    static func topSubcategoriesOfYoungAdults(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        var expected: [Int64: Int64] = [:]
        for like in raw.likes where (18...24).contains(raw.users[like.user]?.age ?? -1) {
            expected[like.subcategory, default: 0] += like.likes
        }
        #expect(rows.count == min(5, expected.count))
        // The 5 largest sums, whatever subcategories tie at the fifth.
        #expect(rows.map { int($0[2]) } == Array(expected.values.sorted(by: >).prefix(5)))
        for row in rows {
            let id = try #require(raw.subcategoryID(named: text(row[0])), "\(row)")
            #expect(int(row[2]) == expected[id], "\(row)")
            #expect(text(row[1]) == raw.categoryName(of: id), "\(row)")
        }
    }

    /// persona, users, sports, fashion, food, pets: per planted persona (by id) its users and their
    /// mean likes in each category, users without likes counting 0.
    static func averageLikesByPersona(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let categories = ["sports", "fashion", "food", "pets"]
        let perUser = raw.likesByCategory()
        var members: [Int64: [Int64]] = [:]
        for (user, persona) in raw.personaOf where raw.users[user] != nil { members[persona, default: []].append(user) }
        let personas = members.keys.sorted()
        #expect(rows.map { text($0[0]) } == personas.map { raw.personas[$0] ?? "?" })
        for (row, persona) in zip(rows, personas) {
            let users = members[persona] ?? []
            #expect(int(row[1]) == Int64(users.count), "\(row)")
            for (column, category) in categories.enumerated() {
                let sum = users.reduce(0) { $0 + (perUser[$1]?[category] ?? 0) }
                expectRounded(row[2 + column], Double(sum) / Double(users.count), decimals: 1, "\(text(row[0])) \(category)")
            }
        }
    }

    /// age_group, top_category, users, pct: per age group (youngest first) how many users like each
    /// category most (ties to the first of sports, fashion, food, pets; users without likes left
    /// out) and their share of the group, most users first.
    static func favouriteCategoryByAgeGroup(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let categories = ["sports", "fashion", "food", "pets"]
        let perUser = raw.likesByCategory()
        var expected: [String: [String: Int64]] = [:]
        for (id, user) in raw.users {
            let likes = categories.map { perUser[id]?[$0] ?? 0 }
            guard let most = likes.max(), most > 0, let top = likes.firstIndex(of: most) else { continue }
            expected[ageGroup(user.age), default: [:]][categories[top], default: 0] += 1
        }
        #expect(rows.count == expected.values.reduce(0) { $0 + $1.count })
        for row in rows {
            let group = text(row[0]), category = text(row[1])
            let users = try #require(expected[group]?[category], "\(row)")
            #expect(int(row[2]) == users, "\(row)")
            let groupUsers = expected[group, default: [:]].values.reduce(0, +)
            expectRounded(row[3], 100 * Double(users) / Double(groupUsers), decimals: 1, "\(group) \(category) pct")
        }
        // Age groups in order, each group's rows together.
        let order = rows.map { ageGroups.firstIndex(of: text($0[0])) ?? -1 }
        #expect(order == order.sorted(), "\(rows.map { text($0[0]) })")
        // Within a group, most users first. (The README's query once ordered by `min(age)`, the
        // youngest age of each (age group, category) cell rather than of the group: on this seed
        // 65+ listed sports, 6 users with the youngest 65, before fashion, 8 users with the
        // youngest 67. It now orders groups by the group's youngest age.)
        for group in ageGroups {
            expectNonIncreasing(rows.filter { text($0[0]) == group }.map { int($0[2]) }, "\(group) users")
        }
    }

    /// username, full_name, age, liked_posts: the 10 users with the most liked posts.
    static func heaviestLikers(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        #expect(rows.count == 10)
        #expect(rows.map { int($0[3]) } == Array(raw.users.values.map(\.likedPosts).sorted(by: >).prefix(10)))
        let byUsername = Dictionary(raw.users.values.map { ($0.username, $0) }, uniquingKeysWith: { a, _ in a })
        for row in rows {
            let user = try #require(byUsername[text(row[0])], "\(row)")
            #expect(text(row[1]) == user.fullName && int(row[2]) == user.age && int(row[3]) == user.likedPosts, "\(row)")
        }
    }

    /// segment, users, pct, mean_age, top_subcategory, lift, users_liking: per segment of the latest
    /// run its fitted users, their share and mean age, and the subcategory of highest lift (the
    /// one lift, `latestRunProfile`) with how many members like it.
    static func latestSegments(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let profile = raw.latestRunProfile()
        #expect(rows.map { int($0[0]) } == profile.segments.map(\.segment))
        for (row, segment) in zip(rows, profile.segments) {
            #expect(int(row[1]) == Int64(segment.members.count), "\(row)")
            expectRounded(row[2], 100 * Double(segment.members.count) / Double(profile.users), decimals: 1, "segment \(segment.segment) pct")
            let ages = segment.members.reduce(0) { $0 + (raw.users[$1]?.age ?? 0) }
            expectRounded(row[3], Double(ages) / Double(segment.members.count), decimals: 1, "segment \(segment.segment) mean age")
            let (top, lift) = try #require(segment.lifts.max { $0.value < $1.value }, "segment \(segment.segment)")
            #expect(text(row[4]) == raw.subcategories[top]?.name, "\(row)")
            expectRounded(row[5], lift, decimals: 2, "segment \(segment.segment) lift")
            #expect(int(row[6]) == Int64(segment.usersLiking[top] ?? 0), "\(row)")
        }
    }

    /// segment, persona, users: per segment of the latest run (fitted and assigned users) its
    /// users of each planted persona, most first.
    static func segmentsByPersona(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        var expected: [Int64: [String: Int64]] = [:]
        for (user, assignment) in raw.latest {
            guard let persona = raw.personaOf[user].flatMap({ raw.personas[$0] }) else { continue }
            expected[assignment.segment, default: [:]][persona, default: 0] += 1
        }
        #expect(rows.count == expected.values.reduce(0) { $0 + $1.count })
        for row in rows {
            #expect(expected[int(row[0])]?[text(row[1])] == int(row[2]), "\(row)")
        }
        #expect(rows.map { int($0[0]) } == rows.map { int($0[0]) }.sorted())
        for segment in expected.keys {
            expectNonIncreasing(rows.filter { int($0[0]) == segment }.map { int($0[2]) }, "segment \(segment) users")
        }
    }

    /// username, email, segment: up to 10 users of the latest run's segment with the highest lift
    /// for "dogs".
    static func dogFoodAudience(_ rows: [[SQLValue]], _ raw: RawTables) throws {
        let dogs = try #require(raw.subcategoryID(named: "dogs"))
        let profile = raw.latestRunProfile()
        let best = try #require(profile.segments.max { ($0.lifts[dogs] ?? 0) < ($1.lifts[dogs] ?? 0) })
        let members = raw.latest.filter { $0.value.segment == best.segment }.map(\.key)
        #expect(rows.count == min(10, members.count))
        let byUsername = Dictionary(raw.users.map { ($0.value.username, ($0.key, $0.value)) }, uniquingKeysWith: { a, _ in a })
        for row in rows {
            #expect(int(row[2]) == best.segment, "\(row)")
            let (id, user) = try #require(byUsername[text(row[0])], "\(row)")
            #expect(text(row[1]) == user.email && raw.latest[id]?.segment == best.segment, "\(row)")
        }
    }

    // MARK: helpers

    static let ageGroups = ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]

    static func ageGroup(_ age: Int64) -> String {
        switch age {
        case ..<18: "<18"
        case ..<25: "18-24"
        case ..<35: "25-34"
        case ..<45: "35-44"
        case ..<55: "45-54"
        case ..<65: "55-64"
        default: "65+"
        }
    }

    static func text(_ value: SQLValue) -> String { value.string ?? "not text: \(value)" }
    static func int(_ value: SQLValue) -> Int64 { value.int64 ?? Int64.min }

    /// `value` is `exact` rounded to `decimals` places: within half a unit of the last place.
    static func expectRounded(_ value: SQLValue, _ exact: Double, decimals: Int, _ what: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let unit = decimals == 1 ? 0.1 : 0.01
        guard let shown = value.double else {
            Issue.record("\(what): \(value) is not a number", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(shown - exact) <= unit / 2 + 1e-9, "\(what): \(shown) for \(exact)", sourceLocation: sourceLocation)
        #expect(abs(shown / unit - (shown / unit).rounded()) < 1e-6, "\(what): \(shown) has more than \(decimals) decimals",
                sourceLocation: sourceLocation)
    }

    static func expectNonIncreasing(_ values: [Int64], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(values == values.sorted(by: >), "\(what) not in decreasing order: \(values)", sourceLocation: sourceLocation)
    }
}

/// The tables the README's queries read, by plain SELECTs of their rows.
struct RawTables: Sendable {
    struct User: Sendable {
        let username: String, fullName: String, email: String, age: Int64, likedPosts: Int64
    }

    let users: [Int64: User]
    let likes: [(user: Int64, subcategory: Int64, likes: Int64)]
    let subcategories: [Int64: (name: String, category: Int64)]
    let categories: [Int64: String]
    let personas: [Int64: String]
    let personaOf: [Int64: Int64]
    /// The latest run's assignments (fitted and assigned): user → segment.
    let latest: [Int64: (segment: Int64, fitted: Bool)]
    let k: Int64
    /// Every interaction, read from the table (not the view).
    let interactions: [(day: Int64, user: Int64, kind: String, subcategory: Int64, keyword: String?)]
    /// Runs with a window: id, as-of, and segment → assigned users.
    let windowedRuns: [(id: Int64, asOf: Int64, sizes: [Int64: Int64])]

    init(_ db: Connection) throws {
        var users: [Int64: User] = [:]
        for row in try db.rows("SELECT id, username, full_name, email, age, liked_posts FROM users") {
            users[row[0].int64 ?? -1] = User(username: row[1].string ?? "", fullName: row[2].string ?? "", email: row[3].string ?? "",
                                             age: row[4].int64 ?? -1, likedPosts: row[5].int64 ?? -1)
        }
        self.users = users
        likes = try db.rows("SELECT user_id, subcategory_id, likes FROM user_likes").map {
            (user: $0[0].int64 ?? -1, subcategory: $0[1].int64 ?? -1, likes: $0[2].int64 ?? 0)
        }
        subcategories = Dictionary(try db.rows("SELECT id, name, category_id FROM subcategories").map {
            ($0[0].int64 ?? -1, (name: $0[1].string ?? "", category: $0[2].int64 ?? -1))
        }, uniquingKeysWith: { a, _ in a })
        categories = Dictionary(try db.rows("SELECT id, name FROM categories").map { ($0[0].int64 ?? -1, $0[1].string ?? "") },
                                uniquingKeysWith: { a, _ in a })
        personas = Dictionary(try db.rows("SELECT id, name FROM personas").map { ($0[0].int64 ?? -1, $0[1].string ?? "") },
                              uniquingKeysWith: { a, _ in a })
        personaOf = Dictionary(try db.rows("SELECT user_id, persona_id FROM user_personas").map { ($0[0].int64 ?? -1, $0[1].int64 ?? -1) },
                               uniquingKeysWith: { a, _ in a })
        let run = try db.rows("SELECT id, k FROM segmentation_runs ORDER BY id DESC LIMIT 1")[0]
        k = run[1].int64 ?? 0
        latest = Dictionary(try db.rows("SELECT user_id, segment, method FROM segment_assignments WHERE run_id = ?", [run[0]]).map {
            ($0[0].int64 ?? -1, (segment: $0[1].int64 ?? -1, fitted: $0[2].string == "fitted"))
        }, uniquingKeysWith: { a, _ in a })
        let kinds = Dictionary(try db.rows("SELECT id, name FROM interaction_kinds").map { ($0[0].int64 ?? -1, $0[1].string ?? "") },
                               uniquingKeysWith: { a, _ in a })
        interactions = try db.rows("SELECT day, user_id, kind_id, subcategory_id, keyword FROM interactions").map {
            (day: $0[0].int64 ?? -1, user: $0[1].int64 ?? -1, kind: kinds[$0[2].int64 ?? -1] ?? "?", subcategory: $0[3].int64 ?? -1,
             keyword: $0[4].string)
        }
        windowedRuns = try db.rows("SELECT run_id, as_of FROM run_windows").map { window in
            var sizes: [Int64: Int64] = [:]
            for row in try db.rows("SELECT segment FROM segment_assignments WHERE run_id = ?", [window[0]]) {
                sizes[row[0].int64 ?? -1, default: 0] += 1
            }
            return (id: window[0].int64 ?? -1, asOf: window[1].int64 ?? -1, sizes: sizes)
        }
    }

    func categoryName(of subcategory: Int64) -> String {
        subcategories[subcategory].flatMap { categories[$0.category] } ?? "?"
    }

    func subcategoryID(named name: String) -> Int64? {
        subcategories.first { $0.value.name == name }?.key
    }

    /// user → category name → likes.
    func likesByCategory() -> [Int64: [String: Int64]] {
        var result: [Int64: [String: Int64]] = [:]
        for like in likes { result[like.user, default: [:]][categoryName(of: like.subcategory), default: 0] += like.likes }
        return result
    }

    struct SegmentProfile {
        let segment: Int64
        let members: [Int64]
        /// subcategory → lift, for subcategories someone of the run likes.
        let lifts: [Int64: Double]
        /// subcategory → members with at least one like in it.
        let usersLiking: [Int64: Int]
    }

    /// The latest run's segments over its fitted users, profiled from the raw likes: lift(s, j) =
    /// ((u + 100 p) / (n + 100)) / p, u the members of s who like j, n the members of s, p the share
    /// of all fitted users who like j (the one lift, written out independently).
    func latestRunProfile() -> (users: Int, segments: [SegmentProfile]) {
        let fitted = latest.filter(\.value.fitted)
        var liking: [Int64: [Int64: Int]] = [:]
        var everyone: [Int64: Int] = [:]
        for like in likes where like.likes > 0 {
            guard let segment = fitted[like.user]?.segment else { continue }
            liking[segment, default: [:]][like.subcategory, default: 0] += 1
            everyone[like.subcategory, default: 0] += 1
        }
        let segments = (1...max(k, 1)).map { segment -> SegmentProfile in
            let members = fitted.filter { $0.value.segment == segment }.map(\.key)
            var lifts: [Int64: Double] = [:]
            for (subcategory, all) in everyone {
                let p = Double(all) / Double(fitted.count), u = Double(liking[segment]?[subcategory] ?? 0)
                lifts[subcategory] = ((u + 100 * p) / (Double(members.count) + 100)) / p
            }
            return SegmentProfile(segment: segment, members: members, lifts: lifts, usersLiking: liking[segment] ?? [:])
        }
        return (fitted.count, segments)
    }
}
