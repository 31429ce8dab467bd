import Foundation
import TestSupport
import Testing

/// `warehouse evaluate` from the outside: the JSON scripts read (fixed keys), the text table,
/// and every bad argument refused in one line with the database left as it was.
@Suite struct CLIEvaluateTests {
    static let rankers = ["popularity", "history", "segment", "model", "planted", "oracle"]
    static let metrics = ["p_at_3", "r_at_3", "ndcg_at_5", "hit_at_3"]
    static let quick = ["--k", "3", "--n-init", "2", "--quiet"]

    /// A warehouse seeded with a year of interactions (they end at 2026-11-30T23:59:59Z).
    static func seeded(users: Int, in dir: TemporaryDirectory) throws -> String {
        let db = dir.path("w.sqlite")
        let seed = try CLIRunner.run(["seed", "--db", db, "--users", "\(users)", "--days", "365", "--quiet"])
        #expect(seed.status == 0, "\(seed.stderr)")
        return db
    }

    @Test func jsonHasTheFixedKeysAndParses() throws {
        let dir = try TemporaryDirectory()
        let db = try Self.seeded(users: 1_200, in: dir)
        let outcome = try CLIRunner.run(["evaluate", "--db", db, "--half-life", "30d", "--bootstrap", "100", "--json"] + Self.quick)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty, "--quiet: \(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome.stdout)")
        #expect(json["evaluation"] as? Int == 1)
        #expect(json["as_of"] as? String == "2026-10-31T23:59:59Z")
        #expect(json["horizon_days"] as? Double == 30)
        #expect(json["relevant"] as? [String] == ["like"])
        #expect(json["seconds"] is Double)
        let fit = try #require(json["fit"] as? [String: Any])
        #expect(fit["method"] as? String == "kmeans" && fit["k"] as? Int == 3 && fit["seed"] as? Int == 42)
        #expect(fit["half_life_seconds"] as? Int == 30 * 86_400 && fit["window_seconds"] is NSNull, "\(fit)")
        let users = try #require(json["users"] as? [String: Any])
        let scored = try #require(users["scored"] as? Int), newInterest = try #require(users["new_interest"] as? Int)
        let coldStart = try #require(users["cold_start"] as? Int)
        #expect(users["total"] as? Int == 1_200 && scored > 0 && newInterest <= scored && scored + coldStart <= 1_200, "\(users)")

        let rankers = try #require(json["rankers"] as? [[String: Any]])
        #expect(rankers.compactMap { $0["ranker"] as? String } == Self.rankers)
        for ranker in rankers {
            let name = ranker["ranker"] as? String ?? "?"
            #expect(Set(ranker.keys) == ["ranker", "all", "new_interest", "cold_start"], "\(name): \(ranker.keys.sorted())")
            for (variant, count) in [("all", scored), ("new_interest", newInterest), ("cold_start", coldStart)] {
                let figures = try #require(ranker[variant] as? [String: Any], "\(name) \(variant)")
                #expect(Set(figures.keys) == Set(["users", "intervals", "versus"] + Self.metrics), "\(name) \(variant): \(figures.keys.sorted())")
                #expect(figures["users"] as? Int == count, "\(name) \(variant)")
                let intervals = try #require(figures["intervals"] as? [String: [Double]], "\(name) \(variant)")
                let versus = try #require(figures["versus"] as? [String: [String: Any]], "\(name) \(variant)")
                guard count > 0 else { continue }
                #expect(Set(intervals.keys) == Set(Self.metrics), "\(name) \(variant)")
                for metric in Self.metrics {
                    let value = try #require(figures[metric] as? Double, "\(name) \(variant) \(metric)")
                    let interval = try #require(intervals[metric])
                    #expect(interval.count == 2 && interval[0] <= value && value <= interval[1], "\(name) \(variant) \(metric): \(value) \(interval)")
                    // A baseline is not compared with itself; every other ranker names the best baseline.
                    if let comparison = versus[metric] {
                        #expect(Set(comparison.keys) == ["baseline", "difference", "interval"], "\(comparison)")
                        let baseline = try #require(comparison["baseline"] as? String)
                        #expect(["popularity", "history", "segment"].contains(baseline) && baseline != name)
                        #expect(comparison["difference"] is Double && comparison["interval"] is [Double])
                    } else {
                        #expect(["popularity", "history", "segment"].contains(name), "\(name) \(variant) \(metric): no comparison")
                    }
                }
            }
        }
        // The same evaluation without intervals: empty interval maps, comparisons with a null interval.
        let bare = try CLIRunner.run(["evaluate", "--db", db, "--bootstrap", "0", "--json"] + Self.quick)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bare.stdout.utf8)) as? [String: Any], "\(bare.stderr)")
        let model = try #require((object["rankers"] as? [[String: Any]])?.first { $0["ranker"] as? String == "model" }?["all"] as? [String: Any])
        #expect((model["intervals"] as? [String: Any])?.isEmpty == true, "\(model)")
        #expect(((model["versus"] as? [String: Any])?["ndcg_at_5"] as? [String: Any])?["interval"] is NSNull, "\(model)")
    }

    @Test func textNamesEveryRankerAndVariant() throws {
        let dir = try TemporaryDirectory()
        let db = try Self.seeded(users: 800, in: dir)
        let outcome = try CLIRunner.run(["evaluate", "--db", db, "--bootstrap", "50"] + Self.quick)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = outcome.stdout
        #expect(text.hasPrefix("evaluation 1: as of 2026-10-31T23:59:59Z, horizon 30d, positive: like"), "\(text)")
        for title in ["every subcategory", "new interests only", "cold-start users"] { #expect(text.contains(title), "\(title): \(text)") }
        let lines = text.split(separator: "\n").map(String.init)
        for ranker in Self.rankers {
            #expect(lines.contains { $0.hasPrefix("  \(ranker) ") }, "\(ranker): \(text)")
        }
        #expect(text.contains("NDCG@5") && text.contains("P@3") && text.contains("hit@3"))
        // Stored: one evaluation, its figures.
        let check = try CLIRunner.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func badArgumentsAreRefusedInOneLineAndChangeNothing() throws {
        let dir = try TemporaryDirectory()
        let db = try Self.seeded(users: 300, in: dir)
        let before = FileManager.default.contents(atPath: db)
        let cases: [([String], [String])] = [
            (["--horizon", "0d"], ["--horizon", "'0d'"]),
            (["--horizon", "abc"], ["--horizon", "'abc'"]),
            (["--horizon", "4000d"], ["--horizon", "3650d"]),
            (["--horizon", "400d"], ["--horizon 400d is longer than the interactions' span"]),
            (["--relevant", "like,"], ["--relevant entry ''"]),
            (["--relevant", ""], ["--relevant entry ''"]),
            (["--relevant", "like,,share"], ["--relevant entry ''"]),
            (["--relevant", "purchase"], ["'purchase'", "like, comment, share, search"]),
            (["--relevant", "like,like"], ["--relevant names kind 'like' twice"]),
            (["--as-of", "tomorrow"], ["--as-of", "'tomorrow'"]),
            (["--as-of", "2026-11-30T12:00:00"], ["--as-of", "no zone"]),
            (["--as-of", "2020-01-01"], ["--as-of 2020-01-01T23:59:59Z is before the first interaction"]),
            (["--as-of", "2026-11-20"], ["reaches past the last interaction", "2026-10-31T23:59:59Z or earlier"]),
            (["--bootstrap", "-5"], ["--bootstrap", "-5"]),
            (["--bootstrap", "100001"], ["--bootstrap", "100001"]),
            (["--method", "latent-class", "--half-life", "30d"], ["latent-class", "not whole numbers"]),
        ]
        for (arguments, fragments) in cases {
            expectOneLineError(try CLIRunner.run(["evaluate", "--db", db] + arguments), mentioning: fragments)
            #expect(FileManager.default.contents(atPath: db) == before, "\(arguments) changed the database")
            #expect(!FileManager.default.fileExists(atPath: db + "-wal") || FileManager.default.contents(atPath: db + "-wal")?.isEmpty == true,
                    "\(arguments) left a write-ahead log")
        }
        let plain = dir.path("plain.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", plain, "--users", "100", "--days", "0", "--quiet"]).status == 0)
        expectOneLineError(try CLIRunner.run(["evaluate", "--db", plain]), mentioning: ["no timestamped interactions", "--days"])
        expectOneLineError(try CLIRunner.run(["evaluate", "--db", dir.path("missing.sqlite")]), mentioning: ["missing.sqlite"])
        #expect(!FileManager.default.fileExists(atPath: dir.path("missing.sqlite")))
    }
}
