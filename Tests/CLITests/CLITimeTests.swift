import Foundation
import TestSupport
import Testing

/// Time on the command line, from the outside: seeding with a period, windowed runs shown by
/// `runs` and `info`, `trends`, and every bad time argument refused in one line that names the
/// option and the value, with the database left as it was.
@Suite struct CLITimeTests {
    @Test func aSeededPeriodIsSegmentedOverTimeAndShown() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        let seed = try CLIRunner.run(["seed", "--db", db, "--users", "1500", "--days", "120", "--as-of", "2026-06-30", "--quiet"])
        #expect(seed.status == 0, "\(seed.stderr)")
        #expect(seed.stdout.contains("interactions"))
        let info = try CLIRunner.run(["info", "--db", db])
        #expect(info.stdout.contains("to 2026-06-30T"), "\(info.stdout)")
        #expect(info.stdout.contains("from 2026-03-03T"), "\(info.stdout)")
        for kind in ["like", "comment", "share", "search"] { #expect(info.stdout.contains("\n  \(kind) "), "\(kind): \(info.stdout)") }

        let common = ["--db", db, "--k", "3", "--elbow", "off", "--n-init", "2", "--quiet"]
        #expect(try CLIRunner.run(["run-segmentation"] + common + ["--as-of", "2026-05-31", "--window", "30d"]).status == 0)
        let second = try CLIRunner.run(["run-segmentation"] + common + ["--window", "30d", "--weights", "like=1,comment=3,share=5,search=2",
                                                                        "--half-life", "14d", "--align-to", "1"])
        #expect(second.status == 0, "\(second.stderr)")
        let runs = try CLIRunner.run(["runs", "--db", db, "--json"])
        #expect(runs.stdout.contains("\"window\" : \"as of 2026-05-31T23:59:59Z, window 30d, no decay, like=1\"")
                || runs.stdout.contains("\"window\":\"as of 2026-05-31T23:59:59Z, window 30d, no decay, like=1\""), "\(runs.stdout)")
        let trends = try CLIRunner.run(["trends", "--db", db, "--runs", "2,1"])
        #expect(trends.status == 0, "\(trends.stderr)")
        #expect(trends.stdout.contains("run 1 · 2026-05-31") && trends.stdout.contains("run 1 → run 2:"), "\(trends.stdout)")
        let json = try CLIRunner.run(["trends", "--db", db, "--runs", "1,2", "--json"])
        #expect(json.stdout.contains("\"moved\""), "\(json.stdout)")
        #expect(try CLIRunner.run(["check", "--db", db]).status == 0)
    }

    @Test func badTimeArgumentsAreRefusedAndChangeNothing() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "10", "--days", "-1"]), mentioning: ["--days", "-1"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "10", "--days", "3651"]), mentioning: ["--days", "3651"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "10", "--as-of", "tomorrow"]), mentioning: ["--as-of", "'tomorrow'"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "10", "--as-of", "1970-01-05"]), mentioning: ["--days 365", "1970"])
        #expect(!FileManager.default.fileExists(atPath: db))
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        let before = try #require(FileManager.default.contents(atPath: db))
        let cases: [([String], [String])] = [
            (["--window", "0d"], ["--window", "'0d'"]),
            (["--window", "99999d"], ["--window", "'99999d'"]),
            (["--half-life", "soon"], ["--half-life", "'soon'"]),
            (["--weights", "like=-2"], ["--weights", "'-2'"]),
            (["--weights", "like=nan"], ["--weights", "'nan'"]),
            (["--weights", "purchase=1"], ["'purchase'", "like, comment, share, search"]),
            (["--as-of", "2026-11-30T12:00:00"], ["--as-of", "no zone"]),
            (["--as-of", "2020-01-01"], ["--as-of 2020-01-01T23:59:59Z", "outside the interactions' span"]),
            (["--as-of", "2026-12-25"], ["outside the interactions' span"]),
        ]
        for (arguments, fragments) in cases {
            expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--elbow", "off"] + arguments), mentioning: fragments)
        }
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--elbow", "off", "--method", "latent-class", "--half-life", "30d"]),
                           mentioning: ["latent-class", "not whole numbers"])
        expectOneLineError(try CLIRunner.run(["trends", "--db", db, "--runs", "1"]), mentioning: ["--runs", "at least two"])
        expectOneLineError(try CLIRunner.run(["trends", "--db", db, "--runs", "1,x"]), mentioning: ["--runs", "'x'"])
        #expect(FileManager.default.contents(atPath: db) == before)
        let plain = dir.path("plain.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", plain, "--users", "100", "--days", "0", "--quiet"]).status == 0)
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", plain, "--window", "30d"]), mentioning: ["has none", "--days"])
    }
}
