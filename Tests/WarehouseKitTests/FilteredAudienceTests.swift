import Foundation
import Storage
import TestSupport
import Testing
import WarehouseSupport
@testable import WarehouseKit
@testable import WarehouseTables

/// `--age`, `--gender`, `--country` on the commands that choose an audience: `target` (profile
/// and `--interest`), `lookalike`, `recommend --all` and `report`. Genders and countries are set
/// here with UPDATEs (the seed's own demographics are not relied on), and every filtered figure is
/// checked against a count made in SQL from `users` and `segment_assignments` directly.
@Suite struct FilteredAudienceTests {
    /// Gives users genders (id mod 4: female, male, other, NULL) and countries (id mod 5: DE, FR,
    /// US, NULL, GB).
    static func setDemographics(_ store: WarehouseStore) throws {
        try store.connection.execute("""
            UPDATE users SET gender = CASE id % 4 WHEN 0 THEN 'female' WHEN 1 THEN 'male' WHEN 2 THEN 'other' END,
                             country = CASE id % 5 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' WHEN 2 THEN 'US' WHEN 4 THEN 'GB' END
            """)
    }

    static func count(_ sql: String, _ store: WarehouseStore) throws -> Int {
        Int(try store.connection.scalar(sql)?.int64 ?? -1)
    }

    static let female = UserFilter(genders: [.female])

    @Test func targetProfilesTheFilteredMembersAndStoresNothing() throws {
        let dir = try TemporaryDirectory()
        let (store, _) = try handMadeRun(in: dir)
        // Users 1, 2, 4 are female (segments 1, 1, 2); 3 male; 5 not disclosed; 6 female, no segment.
        try store.connection.execute("""
            UPDATE users SET gender = 'female' WHERE id IN (1, 2, 4, 6);
            UPDATE users SET gender = 'male', country = 'DE' WHERE id = 3;
            """)
        var options = TargetOptions()
        options.top = 3
        _ = try TargetJob.run(store: store, options: TargetOptions())   // the stored, unfiltered profile
        let storedBefore = try store.connection.rows("SELECT * FROM segment_affinity ORDER BY segment, subcategory_id")
        let audiencesBefore = try store.connection.rows("SELECT * FROM segment_audiences ORDER BY segment")

        options.filter = Self.female
        let view = try TargetJob.run(store: store, options: options)
        #expect(view.populationUsers == 3 && view.filter == "--gender female")
        #expect(view.segments.map(\.users) == [2, 1])
        // Segment 1's women (users 1, 2) against the run's women (1, 2, 4): football 2 of 2 vs 2 of 3.
        let football = try #require(view.segments[0].subcategories.first { $0.affinity.name == "football" }?.affinity)
        #expect(football.usersLiking == 2 && close(football.userIndex, 100 * (2.0 / 2) / (2.0 / 3)))
        #expect(try Self.count("SELECT count(*) FROM segment_assignments a JOIN users u ON u.id = a.user_id WHERE a.run_id = 1 AND u.gender = 'female'", store)
                == view.populationUsers)
        // Nothing stored: the unfiltered profile is as it was.
        #expect(try store.connection.rows("SELECT * FROM segment_affinity ORDER BY segment, subcategory_id") == storedBefore)
        #expect(try store.connection.rows("SELECT * FROM segment_audiences ORDER BY segment") == audiencesBefore)
        // The filter is said in text and JSON; without one, JSON says null.
        #expect(view.render().contains("passing --gender female") && view.render().contains("not stored"))
        let json = try JSONSerialization.jsonObject(with: Data(try view.json().utf8)) as? [String: Any]
        #expect(json?["filter"] as? String == "--gender female")
        let plain = try JSONSerialization.jsonObject(with: Data(try TargetJob.run(store: store, options: TargetOptions()).json().utf8)) as? [String: Any]
        #expect(plain?["filter"] is NSNull)

        // A filter that leaves the run, or the one segment asked for, empty: one line, nothing stored.
        options.filter = UserFilter(genders: [.other])
        #expect(throws: WarehouseError.invalidArgument("no member of run 1 passes --gender other; nothing to profile")) {
            try TargetJob.run(store: store, options: options)
        }
        options.filter = UserFilter(countries: [try #require(Country(code: "DE"))])
        options.segment = 2
        #expect(throws: WarehouseError.invalidArgument("no member of segment 2 of run 1 passes --country DE; nothing to profile")) {
            try TargetJob.run(store: store, options: options)
        }
        #expect(try store.connection.rows("SELECT * FROM segment_affinity ORDER BY segment, subcategory_id") == storedBefore)
    }

    @Test func targetInterestRanksTheFilteredMembersOnly() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, days: 60, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        try Self.setDemographics(store)
        var options = TargetOptions()
        options.interest = SubcategoryChoice("running")
        let all = try TargetInterestJob.run(store: store, options: options)
        options.filter = Self.female
        let women = try TargetInterestJob.run(store: store, options: options)
        #expect(all.filter == nil && women.filter == "--gender female")
        let expected = try Self.count("""
            SELECT count(*) FROM segment_assignments a JOIN users u ON u.id = a.user_id WHERE a.run_id = 1 AND u.gender = 'female'
            """, store)
        #expect(women.populationUsers == expected && women.populationUsers < all.populationUsers && expected > 0)
        for segment in women.segments {
            #expect(try Self.count("""
                SELECT count(*) FROM segment_assignments a JOIN users u ON u.id = a.user_id
                WHERE a.run_id = 1 AND u.gender = 'female' AND a.segment = \(segment.segment)
                """, store) == segment.users)
        }
        options.filter = UserFilter(ages: [150...150])
        #expect(throws: WarehouseError.self) { try TargetInterestJob.run(store: store, options: options) }
    }

    @Test func lookalikeFiltersTheCandidatesNotTheSeedSegment() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        try Self.setDemographics(store)
        var configuration = LookalikeJob.Configuration(segment: SegmentChoice(parsing: "2"), size: 10_000, out: dir.path("all.csv"))
        let all = try LookalikeJob.run(store: store, databasePath: store.path, configuration: configuration)
        configuration.out = dir.path("fr-men.csv")
        configuration.filter = UserFilter(genders: [.male], countries: [try #require(Country(code: "FR"))])
        let filtered = try LookalikeJob.run(store: store, databasePath: store.path, configuration: configuration)
        let expected = try Self.count("""
            SELECT count(*) FROM segment_assignments a JOIN users u ON u.id = a.user_id
            WHERE a.run_id = 1 AND a.segment <> 2 AND u.gender = 'male' AND u.country = 'FR'
            """, store)
        #expect(filtered.candidates == expected && filtered.users == expected && expected > 0 && expected < all.candidates)
        #expect(filtered.chosen.allSatisfy { $0.userID % 4 == 1 && $0.userID % 5 == 1 && $0.segment != 2 })
        // The same users, at the same distances, as the unfiltered list keeps of them: the seed is unfiltered.
        let kept = all.chosen.filter { $0.userID % 4 == 1 && $0.userID % 5 == 1 }
        #expect(kept == filtered.chosen && filtered.filter == "--gender male --country FR")
        #expect(filtered.render().contains("passing"))
        // Nobody passing: one line, no file.
        configuration.out = dir.path("none.csv")
        configuration.filter = UserFilter(ages: [150...150])
        #expect(throws: WarehouseError.self) { try LookalikeJob.run(store: store, databasePath: store.path, configuration: configuration) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.csv")))
    }

    @Test func recommendAllWritesRowsForTheFilteredUsersOnly() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_200, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        try Self.setDemographics(store)
        var options = RecommendOptions(userID: nil)
        options.all = true
        options.top = 3
        options.out = dir.path("all.csv")
        _ = try RecommendAllJob.run(store: store, options: options, threads: 2)
        options.out = dir.path("women-25-34.csv")
        options.filter = UserFilter(ages: [25...34], genders: [.female])
        let summary = try RecommendAllJob.run(store: store, options: options, threads: 2)
        let expected = try UsersTable.ids(passing: options.filter, from: store)
        let women = try Self.count("SELECT count(*) FROM users WHERE gender = 'female' AND age BETWEEN 25 AND 34", store)
        #expect(summary.users == expected.count && summary.users == women && women > 0)
        #expect(summary.filter == "--age 25-34 --gender female")
        func rows(_ name: String) throws -> [String] {
            try String(contentsOfFile: dir.path(name), encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        }
        let filtered = try rows("women-25-34.csv")
        let users = Set(filtered.compactMap { $0.split(separator: ",").first.flatMap { Int64($0) } })
        #expect(users.isSubset(of: Set(expected)) && filtered.count == summary.rows)
        // Each filtered row is the unfiltered file's row for that user: the filter chooses, never changes.
        let passing = Set(expected.map(String.init))
        #expect(try rows("all.csv").filter { passing.contains(String($0.prefix { $0 != "," })) } == filtered)

        options.out = dir.path("nobody.csv")
        options.filter = UserFilter(ages: [150...150])
        #expect(throws: WarehouseError.invalidArgument("no user passes --age 150; nothing written")) {
            try RecommendAllJob.run(store: store, options: options)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("nobody.csv")))
        var single = RecommendOptions(userID: 3)
        single.filter = Self.female
        #expect(throws: WarehouseError.self) { try single.validate() }
    }

    @Test func anEmptySegmentAndAWarehouseWithoutDemographicsDrawNoNumberThatIsNot() throws {
        // Segment 2 empty after a filter; segment 1 with members but no gender or country at all.
        var composition = SegmentComposition(k: 2)
        composition.ageGroups[0][2] = 5
        composition.genders[0][3] = 5
        composition.noCountry[0] = 5
        var page = ReportPage()
        CompositionSection.render(composition, k: 2, filter: Self.female, into: &page)
        let html = page.body   // the charts and tables (the document adds the page's script, which names NaN)
        #expect(!html.contains("NaN") && !html.contains("nan") && !html.contains("inf"))
        #expect(html.contains("Every one of the 5 users gave no gender") && html.contains("Every one of the 5 users gave no country"))
        #expect(html.contains("0 (n/a)") && html.contains("members passing --gender female"))
        #expect(page.figures.filter { $0.kind == .chart }.count == 3)
    }

    @Test func theReportShowsCompositionAndSaysItsFilter() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_200, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())

        // No demographics at all (as an import without the columns gives): every member is "not
        // disclosed" and "no country", said so.
        try store.connection.execute("UPDATE users SET gender = NULL, country = NULL")
        let bare = try ReportJob.run(store: store)
        for id in ["fig-segment-ages", "fig-segment-genders", "fig-segment-countries", "tbl-segment-genders", "tbl-segment-countries"] {
            #expect(bare.figures.contains { $0.id == id }, "\(id)")
        }
        #expect(bare.html.contains("Every one of the") && bare.html.contains("gave no gender") && bare.html.contains("gave no country"))
        let none = try SegmentComposition.read(run: 1, k: 4, from: store)
        let members = try Self.count("SELECT count(*) FROM segment_assignments a JOIN users u ON u.id = a.user_id WHERE a.run_id = 1", store)
        #expect((1...4).reduce(0) { $0 + none.genders[$1 - 1][3] } == members && none.noCountry.reduce(0, +) == members)
        #expect(!bare.html.contains("note-filter"))

        try Self.setDemographics(store)
        let composition = try SegmentComposition.read(run: 1, k: 4, from: store)
        for segment in 1...4 {
            let byGender = try store.connection.rows("""
                SELECT coalesce(u.gender, 'none'), count(*) FROM segment_assignments a JOIN users u ON u.id = a.user_id
                WHERE a.run_id = 1 AND a.segment = \(segment) GROUP BY 1
                """)
            let counts = Dictionary(uniqueKeysWithValues: byGender.map { ($0[0].string ?? "", Int($0[1].int64 ?? 0)) })
            #expect(composition.genders[segment - 1] == [counts["female"] ?? 0, counts["male"] ?? 0, counts["other"] ?? 0, counts["none"] ?? 0])
            #expect(composition.countries[segment - 1]["DE"] == (try Self.count("""
                SELECT count(*) FROM segment_assignments a JOIN users u ON u.id = a.user_id
                WHERE a.run_id = 1 AND a.segment = \(segment) AND u.country = 'DE'
                """, store)))
            #expect(composition.ageGroups[segment - 1].reduce(0, +) == composition.members(of: segment))
        }

        var configuration = ReportConfiguration()
        configuration.filter = UserFilter(genders: [.female], countries: [try #require(Country(code: "DE"))])
        let women = try ReportJob.run(store: store, configuration: configuration)
        let expected = try Self.count("SELECT count(*) FROM users WHERE gender = 'female' AND country = 'DE'", store)
        #expect(women.users == expected && expected > 0)
        #expect(women.html.contains("note-filter") && women.html.contains("Warehouse report: users passing --gender female --country DE"))
        let filteredComposition = try SegmentComposition.read(run: 1, k: 4, filter: configuration.filter, from: store)
        #expect((1...4).allSatisfy { filteredComposition.genders[$0 - 1] == [filteredComposition.members(of: $0), 0, 0, 0] })
        #expect(filteredComposition.countries.allSatisfy { $0.keys.sorted() == [] || $0.keys.sorted() == ["DE"] })

        configuration.filter = UserFilter(ages: [150...150])
        #expect(throws: WarehouseError.self) { try ReportJob.run(store: store, configuration: configuration) }

        // A stored value the schema allows but no ISO code (XK) is shown by its code; a hand-edited
        // gender the schema refuses cannot be stored at all.
        try store.connection.execute("UPDATE users SET country = 'XK' WHERE id = 2")
        let placed = try Self.count("SELECT count(*) FROM segment_assignments WHERE run_id = 1 AND user_id = 2", store)
        #expect(try SegmentComposition.read(run: 1, k: 4, from: store).countries.contains { $0["XK"] != nil } == (placed == 1))
    }
}
