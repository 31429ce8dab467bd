#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Population
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Interest audiences (`audience --interest`) and the ranking of segments for an interest
/// (`target --interest`): the predicted chance checked against its formula, recomputed here from
/// `recommend --all`'s shares and SQL counts; the audience against a brute-force top N; thread
/// and chunk counts; refusals; hashed lists against the segment audiences'; the shrinkage.
@Suite struct InterestAudienceTests {
    /// One line of an interest audience's CSV (the fields before the segment's name).
    struct Line: Equatable {
        let user: Int64
        let chance: Double
        let share: Double
        let segment: Int?
    }

    private func lines(_ path: String) throws -> (header: String, rows: [Line]) {
        let text = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let rows = text.dropFirst().map { line -> Line in
            let fields = line.split(separator: ",", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
            return Line(user: Int64(fields[0]) ?? -1, chance: Double(fields[3]) ?? .nan, share: Double(fields[4]) ?? .nan,
                        segment: Int(fields[5]))
        }
        return (text.first ?? "", rows)
    }

    /// Every user's predicted share of subcategory `subcategory`, from `recommend --all`'s file
    /// (every subcategory, liked ones included).
    private func shares(_ store: WarehouseStore, subcategory: Int, in dir: TemporaryDirectory) throws -> [Int64: Double] {
        var options = RecommendOptions(userID: nil)
        options.all = true
        options.includeLiked = true
        options.top = Catalog.subcategories.count
        options.out = dir.path("recommend-all.csv")
        options.force = true
        _ = try RecommendAllJob.run(store: store, options: options)
        var shares: [Int64: Double] = [:]
        for line in try String(contentsOfFile: dir.path("recommend-all.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            if Int(fields[2]) == subcategory, let user = Int64(fields[0]), let score = Double(fields[4]) { shares[user] = score }
        }
        return shares
    }

    /// T_i (undecayed) per user and D in seconds, from SQL: all-time likes over the interactions'
    /// span for a run without a window, else the likes inside the run's window over the window
    /// clipped to the span.
    private func activity(_ db: Connection, run: Int64) throws -> (totals: [Int64: Double], covered: Double) {
        let first = try #require(try db.scalar("SELECT min(day * 86400 + second) FROM interactions")?.int64)
        let last = try #require(try db.scalar("SELECT max(day * 86400 + second) FROM interactions")?.int64)
        var totals: [Int64: Double] = [:]
        guard let window = try db.rows("SELECT as_of, window_seconds FROM run_windows WHERE run_id = ?", [.integer(run)]).first,
              let asOf = window[0].int64 else {
            for row in try db.rows("SELECT id, liked_posts FROM users") { totals[row[0].int64 ?? 0] = Double(row[1].int64 ?? 0) }
            return (totals, Double(max(last - first, 86_400)))
        }
        let start = window[1].int64.map { asOf - $0 } ?? first
        for row in try db.rows("""
            SELECT user_id, count(*) FROM interactions
            WHERE kind_id = (SELECT id FROM interaction_kinds WHERE name = 'like') AND day * 86400 + second > ? AND day * 86400 + second <= ?
            GROUP BY user_id
            """, [.integer(start), .integer(asOf)]) {
            totals[row[0].int64 ?? 0] = Double(row[1].int64 ?? 0)
        }
        return (totals, Double(max(min(asOf, last) - max(start, first), 86_400)))
    }

    /// c = 1 − (1 − p)^(T · H / D) for every user, written from the definition.
    private func expectedChances(_ store: WarehouseStore, run: Int64, subcategory: Int, horizon: Double,
                                 in dir: TemporaryDirectory) throws -> [Int64: Double] {
        let p = try shares(store, subcategory: subcategory, in: dir)
        let (totals, covered) = try activity(store.connection, run: run)
        var chances: [Int64: Double] = [:]
        for (user, share) in p { chances[user] = 1 - pow(1 - share, (totals[user] ?? 0) * horizon / covered) }
        return chances
    }

    /// The audience is the top N by the chance recomputed here: every chosen user's chance agrees,
    /// the list is in order (ties: lower id), and no user left out has a higher chance.
    private func expectTopN(_ rows: [Line], expected: [Int64: Double], size: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rows.count == min(size, expected.values.filter { $0 > 0 }.count), sourceLocation: sourceLocation)
        for row in rows {
            #expect(abs(row.chance - (expected[row.user] ?? -1)) < 1e-12, "user \(row.user)", sourceLocation: sourceLocation)
        }
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(a.chance > b.chance || (a.chance == b.chance && a.user < b.user), sourceLocation: sourceLocation)
        }
        let chosen = Set(rows.map(\.user)), last = rows.last?.chance ?? 0
        let better = expected.filter { !chosen.contains($0.key) && $0.value > last + 1e-12 }
        #expect(better.isEmpty, "left out with a higher chance: \(better.prefix(3))", sourceLocation: sourceLocation)
    }

    private func configuration(_ interest: String, size: Int, out: String, format: AudienceFormat = .csv) -> InterestAudienceJob.Configuration {
        var configuration = InterestAudienceJob.Configuration(interest: SubcategoryChoice(interest), size: size, out: out)
        configuration.format = format
        return configuration
    }

    // MARK: The chance

    @Test func theChanceIsOneMinusTheShareMissedMTimes() {
        #expect(PredictedChance.chance(share: 0.3, expected: 0) == 0)
        #expect(PredictedChance.chance(share: 0, expected: 5) == 0)
        #expect(PredictedChance.chance(share: 1, expected: 0.5) == 1)
        let shares = [1e-9, 0.001, 0.05, 0.2, 0.5, 0.9, 0.999]
        let ms = [1e-6, 0.01, 0.5, 1, 2.5, 10, 200]
        for p in shares {
            #expect(abs(PredictedChance.chance(share: p, expected: 1) - p) < 1e-15, "m = 1 gives p, p = \(p)")
            for m in ms {
                let c = PredictedChance.chance(share: p, expected: m)
                #expect(abs(c - (1 - pow(1 - p, m))) <= 1e-12 * max(1, c), "p \(p), m \(m)")
                #expect(c >= 0 && c <= 1)
            }
        }
        // Rises with p at every m, and with m at every p.
        for m in ms {
            let c = shares.map { PredictedChance.chance(share: $0, expected: m) }
            #expect(zip(c, c.dropFirst()).allSatisfy { $0 < $1 || $1 == 1 }, "m \(m): \(c)")
        }
        for p in shares {
            let c = ms.map { PredictedChance.chance(share: p, expected: $0) }
            #expect(zip(c, c.dropFirst()).allSatisfy { $0 < $1 || $1 == 1 }, "p \(p): \(c)")
        }
        // No cancellation for tiny p·m (1 − (1 − p)^m would lose every digit here).
        #expect(abs(PredictedChance.chance(share: 1e-12, expected: 1e-6) / 1e-18 - 1) < 1e-9)
    }

    @Test func theCountsCoverTheWindowClippedToTheInteractionsOrTheirSpanOrAnAssumedYear() {
        let day: Int64 = 86_400, month = 30 * day
        let span = (100 * day)...(400 * day)
        func covered(_ window: InteractionWindow?, _ span: ClosedRange<Int64>?) -> PredictedChance {
            PredictedChance(horizonSeconds: month, window: window, span: span)
        }
        let inside = covered(InteractionWindow(asOf: 400 * day, windowSeconds: 90 * day), span)
        #expect(inside.coveredSeconds == 90 * day && inside.coverage == .window && inside.scale == 30.0 / 90)
        // A window reaching before the first interaction covers only from it; an as-of past the last only to it.
        #expect(covered(InteractionWindow(asOf: 400 * day, windowSeconds: 3_650 * day), span).coveredSeconds == 300 * day)
        #expect(covered(InteractionWindow(asOf: 500 * day, windowSeconds: 150 * day), span).coveredSeconds == 50 * day)
        #expect(covered(InteractionWindow(asOf: 300 * day), span).coveredSeconds == 200 * day)
        let likes = covered(nil, span)
        #expect(likes.coveredSeconds == 300 * day && likes.coverage == .interactions)
        let assumed = covered(nil, nil)
        #expect(assumed.coveredSeconds == 365 * day && assumed.coverage == .assumed && abs(assumed.scale - 30.0 / 365) < 1e-15)
        // At least a day: interactions all in one second do not make every rate infinite.
        #expect(covered(nil, (5 * day)...(5 * day)).coveredSeconds == day)
    }

    // MARK: The audience

    @Test func theAudienceIsTheTopNByTheChanceRecomputedFromRecommendAllOnAnyThreadOrChunkCount() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_500, days: 120, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation()).runID
        let expected = try expectedChances(store, run: run, subcategory: 3, horizon: 30 * 86_400, in: dir)
        let one = try InterestAudienceJob.run(store: store, databasePath: store.path,
                                              configuration: configuration("RUNNING", size: 300, out: dir.path("one.csv")),
                                              threads: 1, chunkUsers: 700)
        let two = try InterestAudienceJob.run(store: store, databasePath: store.path,
                                              configuration: configuration("3", size: 300, out: dir.path("two.csv")), threads: 2)
        let (header, rows) = try lines(dir.path("one.csv"))
        #expect(header == "user_id,username,email,chance,predicted_share,segment,segment_name")
        #expect(try String(contentsOfFile: dir.path("one.csv"), encoding: .utf8) == String(contentsOfFile: dir.path("two.csv"), encoding: .utf8))
        expectTopN(rows, expected: expected, size: 300)
        let p = try shares(store, subcategory: 3, in: dir)
        for row in rows { #expect(row.share == p[row.user], "the share is recommend's, user \(row.user)") }
        #expect(one.users == 300 && one.chosen == 300 && one.subcategoryID == 3 && one.subcategory == "running")
        #expect(one.lastChance == rows.last?.chance && abs(one.expectedReach - rows.reduce(0) { $0 + $1.chance }) < 1e-9)
        #expect(abs((one.meanChance ?? 0) - one.expectedReach / 300) < 1e-12 && one.coverage == "interactions")
        #expect(one.scoredUsers == 2_500 && one.candidates == expected.values.filter { $0 > 0 }.count)
        #expect(abs(one.populationMeanChance - expected.values.reduce(0, +) / 2_500) < 1e-9)
        #expect(one.expectedReach == two.expectedReach && one.populationMeanChance == two.populationMeanChance)
        // Placed users carry their segment.
        let placed = Dictionary(uniqueKeysWithValues: try store.connection.rows(
            "SELECT user_id, segment FROM segment_assignments WHERE run_id = ?", [.integer(run)]).map { ($0[0].int64 ?? 0, Int($0[1].int64 ?? 0)) })
        for row in rows { #expect(row.segment == placed[row.user]) }
        // N beyond the users with counts: every one of them, no user without counts.
        let everyone = try InterestAudienceJob.run(store: store, databasePath: store.path,
                                                   configuration: configuration("running", size: 1_000_000, out: dir.path("all.csv")),
                                                   threads: 2, chunkUsers: 999)
        let all = try lines(dir.path("all.csv")).rows
        expectTopN(all, expected: expected, size: 1_000_000)
        #expect(everyone.chosen < everyone.requested && all.allSatisfy { $0.chance > 0 })
    }

    @Test func aWindowedDecayedRunCountsTheWindowUndecayedForM() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_500, days: 200, in: dir)
        var segmentation = quickSegmentation()
        segmentation.window = WindowRequest(windowSeconds: 90 * 86_400, halfLifeSeconds: 30 * 86_400)
        let run = try SegmentationJob.run(store: store, configuration: segmentation).runID
        var settings = configuration("Street Food", size: 200, out: dir.path("w.csv"))
        settings.horizonSeconds = 7 * 86_400
        let subcategory = try #require(Catalog.subcategories.first { $0.name == "street food" }).id
        let expected = try expectedChances(store, run: run, subcategory: subcategory, horizon: 7 * 86_400, in: dir)
        let summary = try InterestAudienceJob.run(store: store, databasePath: store.path, configuration: settings, threads: 2, chunkUsers: 500)
        expectTopN(try lines(dir.path("w.csv")).rows, expected: expected, size: 200)
        #expect(summary.coverage == "window" && summary.coveredDays == 90 && summary.horizon == "7d")
    }

    @Test func aWarehouseWithoutInteractionsAssumesAYear() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_200, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let summary = try InterestAudienceJob.run(store: store, databasePath: store.path,
                                                  configuration: configuration("football", size: 50, out: dir.path("a.csv")))
        #expect(summary.coverage == "assumed" && summary.coveredDays == 365 && summary.users == 50)
        #expect(summary.render().contains("assumed 365 days"))
    }

    @Test func hashedListsAreWhatTheSegmentAudiencesGiveTheSameUsers() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, days: 60, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let rows = try {
            _ = try InterestAudienceJob.run(store: store, databasePath: store.path, configuration: configuration("cats", size: 400, out: dir.path("i.csv")))
            return try lines(dir.path("i.csv")).rows
        }()
        for format in [AudienceFormat.meta, .google] {
            // Each segment's CSV and hashed list, line by line: user → digest as `audience --segment` writes it.
            var digest: [Int64: String] = [:]
            for segment in 1...4 {
                var csv = AudienceJob.Configuration(segment: .number(segment), out: dir.path("s\(segment).csv"))
                csv.force = true
                var hashed = csv
                hashed.format = format
                hashed.out = dir.path("s\(segment).\(format.rawValue).csv")
                _ = try AudienceJob.run(store: store, databasePath: store.path, configuration: csv)
                let list = try AudienceJob.run(store: store, databasePath: store.path, configuration: hashed)
                #expect(list.files.allSatisfy { $0.skipped == 0 })
                let users = try String(contentsOfFile: csv.out, encoding: .utf8).split(separator: "\n").dropFirst().map { Int64($0.split(separator: ",")[0]) ?? 0 }
                let digests = try String(contentsOfFile: hashed.out, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
                #expect(users.count == digests.count)
                for (user, line) in zip(users, digests) { digest[user] = line }
            }
            let summary = try InterestAudienceJob.run(store: store, databasePath: store.path,
                                                      configuration: configuration("cats", size: 400, out: dir.path("i.\(format.rawValue).csv"), format: format))
            let text = try String(contentsOfFile: dir.path("i.\(format.rawValue).csv"), encoding: .utf8)
            #expect(text == ([CustomerList.header(format) ?? ""] + rows.map { digest[$0.user] ?? "unplaced \($0.user)" }).joined(separator: "\n") + "\n")
            #expect(summary.users == 400 && summary.skipped == 0 && summary.format == format)
        }
    }

    @Test func refusalsNameTheValueAndLeaveNoFile() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 600, days: 30, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation(k: 3))
        let out = dir.path("never.csv")
        var horizon = configuration("running", size: 5, out: out)
        horizon.horizonSeconds = 60
        var tooLong = configuration("running", size: 5, out: out)
        tooLong.horizonSeconds = 3_651 * 86_400
        var missingRun = configuration("running", size: 5, out: out)
        missingRun.run = .id(9)
        for (settings, fragments) in [
            (configuration("quidditch", size: 5, out: out), ["'quidditch'", "e.g.", "'football'"]),
            (configuration("ball", size: 5, out: out), ["'ball'", "'football'", "'basketball'"]),
            (configuration("999", size: 5, out: out), ["'999'"]),
            (configuration(" ", size: 5, out: out), ["--interest"]),
            (configuration("running", size: 0, out: out), ["--size", "got 0"]),
            (configuration("running", size: 10_000_001, out: out), ["--size", "10000001"]),
            (horizon, ["--horizon", "60s"]),
            (tooLong, ["--horizon", "3651d"]),
            (missingRun, ["9"]),
            (configuration("running", size: 5, out: ""), ["--out"]),
            (configuration("running", size: 5, out: store.path), ["database"]),
        ] {
            do {
                _ = try InterestAudienceJob.run(store: store, databasePath: store.path, configuration: settings)
                Issue.record("accepted: \(fragments)")
            } catch {
                let message = String(describing: error)
                #expect(!message.contains("\n"))
                for fragment in fragments { #expect(message.contains(fragment), "\(message)") }
            }
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        // An existing file stays as it was without force.
        try "keep\n".write(toFile: out, atomically: true, encoding: .utf8)
        #expect(throws: WarehouseError.self) {
            try InterestAudienceJob.run(store: store, databasePath: store.path, configuration: configuration("running", size: 5, out: out))
        }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep\n")
        // No temporary sibling left behind by any refusal.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains("never") } == ["never.csv"])
    }

    // MARK: Segments for an interest

    @Test func theLiftShrinksASmallSegmentTowardOne() throws {
        // Five keen users, two thousand fairly keen, three thousand not.
        let members = [5, 2_000, 3_000], reach = [4.5, 1_000, 300]
        let mean = reach.reduce(0, +) / Double(members.reduce(0, +))
        let raw = members.indices.map { Lift.raw(engaged: reach[$0], members: members[$0], everyone: mean) ?? .nan }
        let lift = members.indices.map { Lift.shrunk(engaged: reach[$0], members: members[$0], everyone: mean) ?? .nan }
        #expect(raw[0] > raw[1] && raw[1] > raw[2], "unshrunk, the five top the list: \(raw)")
        #expect(lift[1] > lift[0] && lift[0] > lift[2], "shrunk, they do not: \(lift)")
        // By hand: c̄ = 1304.5 / 5005; the five: (4.5 + 100 c̄) / 105 / c̄.
        let c = 1_304.5 / 5_005
        #expect(abs(lift[0] - (4.5 + 100 * c) / 105 / c) < 1e-12 && abs(lift[1] - (1_000 + 100 * c) / 2_100 / c) < 1e-12)
        #expect(abs(raw[0] - 0.9 / c) < 1e-12)
        // An empty segment sits at 1; nothing to compare with when no one has a chance.
        #expect(Lift.shrunk(engaged: 0, members: 0, everyone: 0.2) == 1)
        #expect(Lift.raw(engaged: 0, members: 0, everyone: 0.2) == nil)
        #expect(Lift.shrunk(engaged: 0, members: 10, everyone: 0) == nil)
        // The shrinkage fades with size: a segment of a million keeps almost all of its departure.
        let big = try #require(Lift.shrunk(engaged: 900_000, members: 1_000_000, everyone: 0.3))
        #expect(abs(big - 3) < 1e-3)
    }

    @Test func targetSumsEachMembersChanceByThreadsAndChunksAlike() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_200, days: 90, in: dir)
        let run = try SegmentationJob.run(store: store, configuration: quickSegmentation()).runID
        var options = TargetOptions()
        options.interest = SubcategoryChoice("Streetwear")
        let one = try TargetInterestJob.run(store: store, options: options, threads: 1, chunkUsers: 600)
        let two = try TargetInterestJob.run(store: store, options: options, threads: 2)
        #expect(try one.json() == two.json())
        // Every member's chance, from the audience of everyone with counts (members without any add 0).
        _ = try InterestAudienceJob.run(store: store, databasePath: store.path,
                                        configuration: configuration("streetwear", size: 1_000_000, out: dir.path("all.csv")))
        var reach = [Int: Double]()
        for row in try lines(dir.path("all.csv")).rows { if let segment = row.segment { reach[segment, default: 0] += row.chance } }
        var users = [Int: Int]()
        for row in try store.connection.rows("SELECT segment, count(*) FROM segment_assignments WHERE run_id = ? GROUP BY segment",
                                             [.integer(run)]) {
            users[Int(row[0].int64 ?? 0)] = Int(row[1].int64 ?? 0)
        }
        let population = users.values.reduce(0, +), mean = reach.values.reduce(0, +) / Double(population)
        #expect(one.populationUsers == population && abs(one.populationMeanChance - mean) < 1e-12)
        #expect(one.segments.count == 4 && one.priorUsers == 100 && one.subcategory == "streetwear")
        for segment in one.segments {
            #expect(segment.users == users[segment.segment])
            #expect(abs(segment.expectedReach - (reach[segment.segment] ?? 0)) < 1e-9)
            // The lift is the one lift of the members who engage with streetwear now, not of the chances.
            let p = Double(one.segments.reduce(0) { $0 + $1.engagedUsers }) / Double(population)
            let shrunk = (Double(segment.engagedUsers) + 100 * p) / Double(segment.users + 100) / p
            #expect(abs((segment.lift ?? 0) - shrunk) < 1e-9)
        }
        // Listed by expected reach; the ranks by lift a permutation, in the order of the lift.
        #expect(one.segments.map(\.rank) == [1, 2, 3, 4])
        #expect(zip(one.segments, one.segments.dropFirst()).allSatisfy { $0.expectedReach >= $1.expectedReach })
        let byLift = one.segments.sorted { $0.liftRank < $1.liftRank }
        #expect(Set(one.segments.map(\.liftRank)) == [1, 2, 3, 4])
        #expect(zip(byLift, byLift.dropFirst()).allSatisfy { ($0.lift ?? 0) >= ($1.lift ?? 0) })
        #expect(one.render().split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func targetKeepsTheProfileOptionsForTheProfile() {
        var options = TargetOptions()
        options.interest = SubcategoryChoice("running")
        #expect(throws: Never.self) { try options.validate() }
        for (change, fragment) in [({ (o: inout TargetOptions) in o.segment = 2 }, "--segment 2"), ({ $0.top = 3 }, "--top 3"),
                                   ({ $0.ranking = .likes }, "--by likes"), ({ $0.minSupport = 5 }, "--min-support 5"),
                                   ({ $0.horizonSeconds = 10 }, "--horizon")] as [((inout TargetOptions) -> Void, String)] {
            var changed = options
            change(&changed)
            do { try changed.validate(); Issue.record("accepted \(fragment) with --interest") } catch {
                #expect(String(describing: error).contains(fragment), "\(error)")
            }
        }
        var horizonAlone = TargetOptions()
        horizonAlone.horizonSeconds = 7 * 86_400
        do { try horizonAlone.validate(); Issue.record("accepted --horizon without --interest") } catch {
            #expect(String(describing: error).contains("--horizon 7d goes with --interest"))
        }
    }
}
