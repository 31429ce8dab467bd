import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// A warehouse made by hand: 2 categories, 3 subcategories, 2 personas, 6 users, and a run with
/// k = 2 that holds users 1–5 (user 3 assigned after the fit); user 6 is in no segment.
///
///     user  age  persona  likes                      segment
///        1   20  athlete  football 3, pizza 1        1
///        2   22  athlete  football 1, tennis 1       1
///        3   30  athlete  tennis 2                   1 (assigned)
///        4   40  foodie   pizza 5                    2
///        5   70  foodie   pizza 2, football 1        2
///        6   50  foodie   pizza 9                    –
func handMadeRun(in dir: TemporaryDirectory) throws -> (store: WarehouseStore, run: Int64) {
    let store = try WarehouseStore(path: dir.path("hand.sqlite"), mode: .createIfMissing)
    try store.connection.execute("""
        INSERT INTO categories VALUES (1, 'sports'), (2, 'food');
        INSERT INTO subcategories VALUES (1, 1, 'football'), (2, 1, 'tennis'), (3, 2, 'pizza');
        INSERT INTO personas VALUES (1, 'athlete', 1, 'sporty'), (2, 'foodie', 2, 'eats');
        INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES
            (1, 'u1', 'U', 'u1@example.com', 20, 4), (2, 'u2', 'U', 'u2@example.com', 22, 2),
            (3, 'u3', 'U', 'u3@example.com', 30, 2), (4, 'u4', 'U', 'u4@example.com', 40, 5),
            (5, 'u5', 'U', 'u5@example.com', 70, 3), (6, 'u6', 'U', 'u6@example.com', 50, 9);
        INSERT INTO user_likes VALUES (1, 1, 3), (1, 3, 1), (2, 1, 1), (2, 2, 1), (3, 2, 2), (4, 3, 5), (5, 3, 2), (5, 1, 1), (6, 3, 9);
        INSERT INTO user_personas VALUES (1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2);
        INSERT INTO segmentation_runs(k, n_components, features, feature_count, seed, n_init, max_iter, tol, users,
            max_user_id, inertia, iterations, explained_variance, threads, seconds)
            VALUES (2, 1, 'category_share', 2, 42, 1, 10, 0.0001, 4, 5, 1.0, 1, 1.0, 1, 0.1);
        INSERT INTO segment_assignments(run_id, user_id, segment, distance, method) VALUES
            (1, 1, 1, 0.1, 'fitted'), (1, 2, 1, 0.1, 'fitted'), (1, 3, 1, 0.1, 'assigned'), (1, 4, 2, 0.1, 'fitted'), (1, 5, 2, 0.1, 'fitted');
        """)
    return (store, 1)
}

/// `a` within 1e-9 of `b` (relative), for indexes computed as ratios.
func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-9 * max(1, abs(b))
}

@Suite struct TargetingTests {
    @Test func affinityIndexesMatchTheHandComputedFixture() throws {
        let dir = try TemporaryDirectory()
        let (store, run) = try handMadeRun(in: dir)
        var options = TargetOptions()
        options.top = 3
        let view = try TargetJob.run(store: store, options: options)
        #expect(view.populationUsers == 5 && view.assignedUsers == 1)   // user 6 has no segment: not in the population
        let one = view.segments[0], two = view.segments[1]
        #expect(one.users == 3 && one.assignedUsers == 1 && two.users == 2)
        #expect(close(one.share, 3.0 / 5) && close(one.meanAge, 24) && close(two.meanAge, 55))

        // Segment 1, subcategories ranked by user index: tennis 2 of 3 users vs 2 of 5 → 100·(2/3)/(2/5);
        // football 2 of 3 vs 3 of 5; pizza 1 of 3 vs 3 of 5.
        #expect(one.subcategories.map(\.affinity.name) == ["tennis", "football", "pizza"])
        let tennis = one.subcategories[0].affinity, football = one.subcategories[1].affinity, pizza = one.subcategories[2].affinity
        #expect(close(tennis.userIndex, 500.0 / 3) && tennis.usersLiking == 2)
        #expect(close(football.userIndex, 1000.0 / 9) && football.usersLiking == 2)
        #expect(close(pizza.userIndex, 500.0 / 9) && pizza.usersLiking == 1)
        // Like index: segment 1 has 8 likes (football 4, tennis 3, pizza 1), everyone 16 (football 5, tennis 3, pizza 8).
        #expect(close(football.likeIndex, 160) && football.likes == 4)
        #expect(close(tennis.likeIndex, 200) && close(pizza.likeIndex, 25))
        #expect(close(football.userShare, 2.0 / 3) && close(football.populationUserShare, 3.0 / 5))
        // Segment 2: pizza 2 of 2 users, 7 of 8 likes; tennis nobody (index 0, not undefined).
        let pizza2 = try #require(two.subcategories.first { $0.affinity.name == "pizza" }?.affinity)
        #expect(close(pizza2.userIndex, 500.0 / 3) && close(pizza2.likeIndex, 175))
        #expect(two.subcategories.first { $0.affinity.name == "tennis" }?.affinity.userIndex == 0)
        // Categories: sports 3 of 3 vs 4 of 5 users → 125; 7 of 8 likes vs 8 of 16 → 175.
        let sports = try #require(one.categories.first { $0.affinity.name == "sports" }?.affinity)
        #expect(close(sports.userIndex, 125) && close(sports.likeIndex, 175) && sports.usersLiking == 3)
        // Ages and personas: 18-24 is 2 of 3 vs 2 of 5; every foodie of the run is in segment 2.
        let young = try #require(one.ageGroups.first { $0.name == "18-24" })
        #expect(young.users == 2 && close(young.index, 500.0 / 3))
        #expect(two.personas.map(\.name) == ["foodie"] && close(two.personas[0].index, 250))
        // All under the default support of 30: every line is flagged.
        #expect(one.subcategories.allSatisfy { $0.lowSupport })

        // Stored: the tables hold the same numbers, and reading them back gives the same report.
        let db = store.connection
        #expect(close(try db.scalar("SELECT user_index FROM segment_affinity WHERE run_id = 1 AND segment = 1 AND subcategory_id = 2")?.double, 500.0 / 3))
        #expect(close(try db.scalar("SELECT like_index FROM segment_category_affinity WHERE run_id = 1 AND segment = 2 AND category_id = 2")?.double, 175))
        #expect(try db.scalar("SELECT users FROM segment_personas WHERE run_id = 1 AND segment = 2 AND persona_id = 2") == .integer(2))
        #expect(try db.scalar("SELECT count(*) FROM segment_age_groups WHERE run_id = 1") == .integer(14))
        let computed = try store.snapshot { try TargetingReport.compute(store: store, run: run, k: 2) }
        let stored = try #require(try StoredTargeting.read(run: run, k: 2, catalogue: TargetingCatalogue(store: store), in: store))
        #expect(stored.report == computed)
        // Running it again replaces the run's rows rather than adding to them.
        _ = try TargetJob.run(store: store, options: options)
        #expect(try db.scalar("SELECT count(*) FROM segment_affinity") == .integer(6))
        #expect(try db.scalar("SELECT count(*) FROM segment_audiences") == .integer(2))
    }

    @Test func rankingByLikesAndFilteringBySegment() throws {
        let dir = try TemporaryDirectory()
        let (store, _) = try handMadeRun(in: dir)
        var options = TargetOptions()
        options.segment = 2
        options.ranking = .likes
        options.top = 2
        options.minSupport = 2
        let view = try TargetJob.run(store: store, options: options)
        #expect(view.segments.map(\.segment) == [2])
        #expect(view.segments[0].subcategories.map(\.affinity.name) == ["pizza", "football"])
        #expect(view.segments[0].subcategories.map(\.lowSupport) == [false, true])   // 7 likes, 1 like
        let text = view.render()
        #expect(text.contains("segment 2: 2 users") && text.contains("! low support"))
        let json = try JSONSerialization.jsonObject(with: Data(try view.json().utf8)) as? [String: Any]
        let segments = json?["segments"] as? [[String: Any]]
        let first = (segments?.first?["subcategories"] as? [[String: Any]])?.first
        #expect(first?["name"] as? String == "pizza" && first?["rank"] as? Int == 1 && first?["low_support"] as? Bool == false)
    }

    @Test func aSeededRunsProfileAgreesWithItsSegmentProfiles() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 3_000, in: dir)
        let result = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        var options = TargetOptions()
        options.top = 20
        let view = try TargetJob.run(store: store, options: options)
        #expect(view.populationUsers == result.users && view.assignedUsers == 0)
        #expect(view.segments.map(\.users) == result.segments.map(\.users))
        // Without assigned users target's lift is the run's, segment by segment, and the like
        // index is 100 × the run's share of likes ÷ everyone's.
        let allLikes = result.segments.reduce(0.0) { sum, s in sum + s.subcategories.reduce(0.0) { $0 + $1.meanLikes * Double(s.users) } }
        for (segment, fitted) in zip(view.segments, result.segments) {
            for line in fitted.subcategories {
                let mine = try #require(segment.subcategories.first { $0.affinity.id == line.subcategoryID }?.affinity)
                #expect(close(mine.lift, line.lift ?? .nan), "segment \(segment.segment) \(line.name)")
                let everyone = result.segments.reduce(0.0) { sum, s in
                    sum + (s.subcategories.first { $0.subcategoryID == line.subcategoryID }.map { $0.meanLikes * Double(s.users) } ?? 0)
                } / allLikes
                #expect(close(mine.likeIndex, 100 * line.share / everyone), "segment \(segment.segment) \(line.name)")
                #expect(mine.usersLiking == line.usersLiking)
            }
            // Each segment is one planted persona: its top persona holds most of it and is over-represented.
            let top = try #require(segment.personas.first)
            #expect(top.share > 0.8 && (top.index ?? 0) > 150, "segment \(segment.segment): \(top)")
            #expect((segment.categories.first?.affinity.userIndex ?? 0) > 100)
        }
        let db = store.connection
        #expect(try db.scalar("SELECT sum(users) FROM segment_audiences WHERE run_id = ?", [.integer(result.runID)]) == .integer(Int64(result.users)))
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test func badInputIsRefusedInOneLineAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let (store, _) = try handMadeRun(in: dir)
        func refusal(_ options: TargetOptions) throws -> WarehouseError {
            let error = try #require(throws: WarehouseError.self) { try TargetJob.run(store: store, options: options) }
            #expect(!error.description.contains("\n"))
            return error
        }
        var options = TargetOptions()
        options.run = .id(99)
        #expect(try refusal(options) == .noSuchRun("99"))
        options.run = .latest
        options.segment = 3
        #expect(try refusal(options) == .invalidArgument("run 1 has segments 1…2; there is no segment 3"))
        options.segment = 0
        #expect(try refusal(options).description.contains("--segment must be at least 1, got 0"))
        options.segment = nil
        options.top = 0
        #expect(try refusal(options).description.contains("--top must be between 1 and 10000, got 0"))
        #expect(try store.connection.scalar("SELECT count(*) FROM segment_audiences") == .integer(0))

        let empty = try WarehouseStore(path: dir.path("empty.sqlite"), mode: .createIfMissing)
        #expect(throws: WarehouseError.noSuchRun("latest")) { try TargetJob.run(store: empty, options: TargetOptions()) }
    }
}

/// A hand-made run with its stored profiles but no names (as a run made before names existed):
/// 2 categories, 4 subcategories, 10 users, k = 2. Segment 1 holds users 1–5, segment 2 users 6–9
/// fitted and user 10 assigned after the fit (so not in `segments` nor `segment_profiles`).
///
///     user  age  likes                           segment
///        1   30  pizza 2, football 1             1
///        2   66  pizza 3, sushi 1                1
///        3   70  pizza 1, sushi 2                1
///        4   72  sushi 3                         1
///        5   80  pizza 2, sushi 1, tennis 1      1
///        6   20  football 3, tennis 1            2
///        7   21  football 2, tennis 2            2
///        8   23  football 1, tennis 1, pizza 2   2
///        9   26  football 2                      2
///       10   30  tennis 2                        2 (assigned)
///
/// Likes of the fitted users: segment 1 football 1, tennis 1, pizza 8, sushi 7 (17); segment 2
/// football 8, tennis 4, pizza 2, sushi 0 (14); everyone football 9, tennis 5, pizza 10, sushi 7 (31).
/// Lift = segment share / everyone's share, e.g. sushi in segment 1: (7/17) / (7/31) = 31/17.
func handMadeProfiledRun(in dir: TemporaryDirectory) throws -> WarehouseStore {
    let store = try WarehouseStore(path: dir.path("profiled.sqlite"), mode: .createIfMissing)
    try store.connection.execute("""
        INSERT INTO categories VALUES (1, 'sports'), (2, 'food');
        INSERT INTO subcategories VALUES (1, 1, 'football'), (2, 1, 'tennis'), (3, 2, 'pizza'), (4, 2, 'sushi');
        INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES
            (1, 'u1', 'U', 'u1@example.com', 30, 3), (2, 'u2', 'U', 'u2@example.com', 66, 4),
            (3, 'u3', 'U', 'u3@example.com', 70, 3), (4, 'u4', 'U', 'u4@example.com', 72, 3),
            (5, 'u5', 'U', 'u5@example.com', 80, 4), (6, 'u6', 'U', 'u6@example.com', 20, 4),
            (7, 'u7', 'U', 'u7@example.com', 21, 4), (8, 'u8', 'U', 'u8@example.com', 23, 4),
            (9, 'u9', 'U', 'u9@example.com', 26, 2), (10, 'u10', 'U', 'u10@example.com', 30, 2);
        INSERT INTO user_likes VALUES (1, 3, 2), (1, 1, 1), (2, 3, 3), (2, 4, 1), (3, 3, 1), (3, 4, 2), (4, 4, 3),
            (5, 3, 2), (5, 4, 1), (5, 2, 1), (6, 1, 3), (6, 2, 1), (7, 1, 2), (7, 2, 2), (8, 1, 1), (8, 2, 1), (8, 3, 2),
            (9, 1, 2), (10, 2, 2);
        INSERT INTO segmentation_runs(k, n_components, features, feature_count, seed, n_init, max_iter, tol, users,
            max_user_id, inertia, iterations, explained_variance, threads, seconds)
            VALUES (2, 1, 'category_share', 2, 42, 1, 10, 0.0001, 9, 9, 1.0, 1, 1.0, 1, 0.1);
        INSERT INTO segment_assignments(run_id, user_id, segment, distance, method) VALUES
            (1, 1, 1, 0.1, 'fitted'), (1, 2, 1, 0.1, 'fitted'), (1, 3, 1, 0.1, 'fitted'), (1, 4, 1, 0.1, 'fitted'),
            (1, 5, 1, 0.1, 'fitted'), (1, 6, 2, 0.1, 'fitted'), (1, 7, 2, 0.1, 'fitted'), (1, 8, 2, 0.1, 'fitted'),
            (1, 9, 2, 0.1, 'fitted'), (1, 10, 2, 0.1, 'assigned');
        -- Fitted users: segment 1 aged 30, 66, 70, 72, 80 (mean 63.6), 17 liked posts in all;
        -- segment 2 aged 20, 21, 23, 26 (mean 22.5), 14 liked posts.
        INSERT INTO segments(run_id, segment, users, share, mean_age, mean_liked_posts, top_category) VALUES
            (1, 1, 5, 5.0 / 9, 63.6, 3.4, 'food'), (1, 2, 4, 4.0 / 9, 22.5, 3.5, 'sports');
        INSERT INTO segment_profiles(run_id, segment, subcategory_id, mean_likes, share, lift, users_liking) VALUES
            (1, 1, 1, 0.2, 1.0 / 17, (1.0 / 17) / (9.0 / 31), 1), (1, 1, 2, 0.2, 1.0 / 17, (1.0 / 17) / (5.0 / 31), 1),
            (1, 1, 3, 1.6, 8.0 / 17, (8.0 / 17) / (10.0 / 31), 4), (1, 1, 4, 1.4, 7.0 / 17, (7.0 / 17) / (7.0 / 31), 4),
            (1, 2, 1, 2.0, 8.0 / 14, (8.0 / 14) / (9.0 / 31), 4), (1, 2, 2, 1.0, 4.0 / 14, (4.0 / 14) / (5.0 / 31), 3),
            (1, 2, 3, 0.5, 2.0 / 14, (2.0 / 14) / (10.0 / 31), 1), (1, 2, 4, 0.0, 0.0, 0.0, 0);
        """)
    return store
}

/// `target` names a run's segments from the members it reads anyway: the same names (and
/// descriptions) as naming from the tables, whose age profile is one join of the members with `users`.
@Suite struct TargetingNamingTests {
    @Test func theInMemoryAgeProfileIsTheJoinsOne() throws {
        let dir = try TemporaryDirectory()
        let (store, run) = try handMadeRun(in: dir)
        let joined = try AssignmentsTable.ageGroupCounts(run: run, k: 2, from: store)
        let inMemory = try store.snapshot { try TargetingReport.profile(store: store, run: run, k: 2).ageCounts }
        #expect(inMemory == joined)
        // Users 1-3 (3 assigned) in segment 1, aged 20, 22, 30; users 4, 5 aged 40, 70; user 6 in no segment.
        #expect(inMemory == [[0, 2, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 1]])
    }

    /// The names and descriptions of `handMadeProfiledRun`, worked out by hand from the rules of
    /// `SegmentNaming` on the lifts as stored (hand-written ratios here, as the naming reads any
    /// stored run's; × 100 below as indexes) (interests: index ≥ 120, liked by ≥ 3 and ≥ 10% of the segment's users, the
    /// two highest index × reach; age: the narrowest band of one or two adjacent groups holding more
    /// than half the members, else "skews …", else a band of three, else "all ages").
    ///
    /// Segment 1: indexes sushi 100 × 31/17 = 182.4 (4 of 5 users: score 145.9), pizza 100 × (8/17)/(10/31)
    /// = 145.9 (4 of 5: score 116.7), tennis 36.5, football 20.3. Members' ages (users 1–5): 25-34 1,
    /// 65+ 4: 65+ holds 80%, more than half, so "65+".
    /// Segment 2: football 100 × (8/14)/(9/31) = 196.8 (4 of 4 users: score 196.8), tennis 100 × (4/14)/(5/31)
    /// = 177.1 (3 of 4: score 132.8), pizza 44.3, sushi 0. Members (users 6–10, the assigned user 10
    /// included): 18-24 3, 25-34 2: 18-24 holds 60%, more than half, so "18–24" (the old rule joined
    /// 25-34, index 133, into "18–34" though it holds 40%). The description shows the assigned user
    /// counted: 18-24 is 60% of the members against 30% of everyone's ten (without user 10: 75% and
    /// 3 of 9).
    static let names = ["Sushi & pizza fans, 65+", "Football & tennis fans, 18–24"]
    static let descriptions = [
        "5 users (55.6% of 9); aged 65+: 80% vs 40% of everyone (index 200), mean age 63.6; "
            + "over-likes sushi (lift 1.82×), pizza (lift 1.46×); under-likes football (0.20×), tennis (0.36×)",
        "4 users (44.4% of 9); aged 18-24: 60% vs 30% of everyone (index 200), mean age 22.5; "
            + "over-likes football (lift 1.97×), tennis (lift 1.77×); under-likes sushi (0.00×), pizza (0.44×)",
    ]

    /// A run made before names existed: naming it from the tables, and `target` (which names it
    /// from the members it reads, and stores the names), both give the hand-worked names.
    @Test func targetNamesAHandMadeRunWithTheHandWorkedNames() throws {
        let dir = try TemporaryDirectory()
        let store = try handMadeProfiledRun(in: dir)
        let db = store.connection
        #expect(try db.scalar("SELECT count(*) FROM segment_names") == .integer(0))
        let fromTables = try SegmentNaming.names(run: 1, k: 2, store: store)
        #expect(fromTables.map(\.name) == Self.names)
        #expect(fromTables.map(\.description) == Self.descriptions)
        #expect(fromTables.map(\.source) == ["generated", "generated"])
        #expect(try db.scalar("SELECT count(*) FROM segment_names") == .integer(0))   // naming from the tables stores nothing

        let view = try TargetJob.run(store: store, options: TargetOptions())
        #expect(view.segments.map(\.name) == Self.names)
        #expect(view.segments.map(\.description) == Self.descriptions)
        let stored = try db.rows("SELECT segment, name, source FROM segment_names WHERE run_id = 1 ORDER BY segment")
        #expect(stored == [[.integer(1), .text(Self.names[0]), .text("generated")],
                           [.integer(2), .text(Self.names[1]), .text("generated")]])
        #expect(view.render().contains("  name: Football & tennis fans, 18–24"), "\(view.render())")
    }

    /// A differential check on a realistic run (seeded, with appended and assigned users): `target`'s
    /// names, from the age profile it counts in memory, equal those generated from the tables. It
    /// proves the two paths agree, not that the names are right: the hand-made run's test does that.
    @Test func targetNamesARunMadeBeforeNamesAsTheTablesWould() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, seed: 5, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 4, elbow: 4...4))
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 150, seed: 5, append: true, days: 0))
        _ = try AssignJob.run(store: store, run: .latest, threads: 2)
        let db = store.connection
        let run = try #require(try db.scalar("SELECT max(id) FROM segmentation_runs")?.int64)
        try db.execute("DELETE FROM segment_names WHERE run_id = \(run)")   // as a run made before names existed
        let expected = SegmentNaming.generate(try SegmentNaming.Inputs.read(run: run, k: 4, from: store), taken: [:])
        let descriptions = try SegmentNaming.names(run: run, k: 4, store: store).map(\.description)
        #expect(expected.count == 4)
        let view = try TargetJob.run(store: store, options: TargetOptions())
        #expect(view.segments.map(\.name) == (1...4).map { expected[$0] })
        #expect(view.segments.map(\.description) == descriptions)
        let stored = try SegmentNamesTable.read(run: run, k: 4, from: store)
        #expect((1...4).map { stored[$0]?.name } == (1...4).map { expected[$0] })
    }
}
