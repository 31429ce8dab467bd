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
        let stored = try #require(try StoredTargeting.read(run: run, k: 2, catalogue: TargetingCatalogue(connection: store), in: store))
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
        // Without assigned users the like index is 100 × the run's lift, segment by segment.
        for (segment, fitted) in zip(view.segments, result.segments) {
            for line in fitted.subcategories {
                let mine = try #require(segment.subcategories.first { $0.affinity.id == line.subcategoryID }?.affinity)
                #expect(close(mine.likeIndex, 100 * (line.lift ?? .nan)), "segment \(segment.segment) \(line.name)")
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

    @Test func targetNamesARunMadeBeforeNamesAsTheTablesWould() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, seed: 5, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 4, elbow: 4...4))
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 150, seed: 5, append: true))
        _ = try AssignJob.run(store: store, run: .latest, threads: 2)
        let db = store.connection
        let run = try #require(try db.scalar("SELECT max(id) FROM segmentation_runs")?.int64)
        try db.execute("DELETE FROM segment_names WHERE run_id = \(run)")   // as a run made before names existed
        let expected = SegmentNaming.generate(try SegmentNaming.Inputs.read(run: run, k: 4, from: store), taken: [:])
        let descriptions = try SegmentNaming.names(run: run, k: 4, connection: store).map(\.description)
        #expect(expected.count == 4)
        let view = try TargetJob.run(store: store, options: TargetOptions())
        #expect(view.segments.map(\.name) == (1...4).map { expected[$0] })
        #expect(view.segments.map(\.description) == descriptions)
        let stored = try SegmentNamesTable.read(run: run, k: 4, from: store)
        #expect((1...4).map { stored[$0]?.name } == (1...4).map { expected[$0] })
    }
}
