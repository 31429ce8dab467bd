import TestSupport
import Foundation
import Testing

/// `audience --interest` and `target --interest`, from the outside: files, summaries, JSON and
/// one-line refusals that leave nothing behind.
@Suite struct CLIInterestTests {
    private func json(_ outcome: CLIRunner.Outcome) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))) as? [String: Any]
    }

    @Test func interestAudiencesAndSegmentsForAnInterest() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "2000", "--days", "90", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "off", "--quiet"]).status == 0)

        let audience = try CLIRunner.run(["audience", "--db", db, "--interest", "Running", "--size", "150", "--out", dir.path("r.csv")])
        #expect(audience.status == 0, "\(audience.stderr)")
        #expect(audience.stdout.contains("150 users most likely to engage with") && audience.stdout.contains("expected reach"))
        let lines = try String(contentsOfFile: dir.path("r.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "user_id,username,email,chance,predicted_share,segment,segment_name" && lines.count == 151)
        let chances = lines.dropFirst().compactMap { Double($0.split(separator: ",")[3]) }
        #expect(chances.count == 150 && chances == chances.sorted(by: >) && chances.allSatisfy { $0 > 0 && $0 <= 1 })

        // The same users by id, in JSON, as a Google list; 12h instead of 30 days gives lower chances.
        let google = try #require(json(try CLIRunner.run(["audience", "--db", db, "--interest", "3", "--size", "150", "--format", "google",
                                                          "--out", dir.path("r.google.csv"), "--json"])))
        #expect(google["users"] as? Int == 150 && google["subcategory"] as? String == "running" && google["horizon"] as? String == "30d")
        #expect((google["last_chance"] as? Double).map { abs($0 - (chances.last ?? 0)) < 1e-12 } == true)
        #expect((google["expected_reach"] as? Double).map { abs($0 - chances.reduce(0, +)) < 1e-9 } == true)
        for key in ["mean_chance", "population_mean_chance", "candidates", "scored_users", "coverage", "covered_days", "model_source"] {
            #expect(google.keys.contains(key), "\(key)")
        }
        #expect(try String(contentsOfFile: dir.path("r.google.csv"), encoding: .utf8).hasPrefix("Email,Phone,First Name,Last Name,Country,Zip\n"))
        let short = try #require(json(try CLIRunner.run(["audience", "--db", db, "--interest", "running", "--size", "150", "--horizon", "12h",
                                                         "--out", dir.path("short.csv"), "--json"])))
        #expect((short["expected_reach"] as? Double ?? 1e9) < (google["expected_reach"] as? Double ?? 0))

        let target = try CLIRunner.run(["target", "--db", db, "--interest", "RUNNING"])
        #expect(target.status == 0, "\(target.stderr)")
        #expect(target.stdout.contains("by expected reach") && target.stdout.contains("lift"))
        let ranking = try #require(json(try CLIRunner.run(["target", "--db", db, "--interest", "running", "--horizon", "7d", "--json"])))
        let segments = try #require(ranking["segments"] as? [[String: Any]])
        let reach = segments.compactMap { $0["expected_reach"] as? Double }
        #expect(segments.count == 4 && reach == reach.sorted(by: >) && ranking["prior_users"] as? Double == 100)
        #expect(segments.allSatisfy { $0["lift"] is Double && $0["lift_rank"] is Int && $0["mean_chance"] is Double })
        for outcome in [audience, target] {
            #expect(outcome.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(outcome.stdout)")
        }
        // target without --interest is the profile it always was.
        let profile = try CLIRunner.run(["target", "--db", db, "--top", "3"])
        #expect(profile.status == 0 && profile.stdout.contains("lift = how many times as likely"), "\(profile.stderr)")

        let none = dir.path("none.csv")
        for (arguments, fragments, status) in [
            (["audience", "--interest", "quidditch", "--size", "5"], ["'quidditch'", "e.g."], Int32(1)),
            (["audience", "--interest", "running", "--size", "0"], ["--size", "got 0"], 64),
            (["audience", "--interest", "running", "--segment", "1", "--size", "5"], ["--segment", "--interest", "not both"], 64),
            (["audience", "--interest", "running"], ["--size"], 64),
            (["audience", "--segment", "1", "--size", "5"], ["--size 5", "--interest"], 64),
            (["audience", "--segment", "1", "--horizon", "7d"], ["--horizon", "7d"], 64),
            (["audience"], ["--segment", "--interest"], 64),
            (["audience", "--interest", "running", "--size", "5", "--horizon", "5 weeks"], ["--horizon", "'5 weeks'"], 64),
            (["audience", "--interest", "running", "--size", "5", "--max-distance", "2"], ["--max-distance"], 64),
            (["audience", "--interest", "running", "--size", "5", "--run", "9"], ["9"], 1),
            (["target", "--interest", "quidditch"], ["'quidditch'"], 1),
            (["target", "--interest", "running", "--segment", "2"], ["--segment 2", "--interest"], 64),
            (["target", "--interest", "running", "--all"], ["--all", "--interest"], 64),
            (["target", "--interest", "running", "--horizon", "4000d"], ["--horizon", "4000d"], 64),
            (["target", "--horizon", "7d"], ["--horizon 7d", "--interest"], 64),
        ] {
            let full = arguments + ["--db", db] + (arguments[0] == "audience" ? ["--out", none] : [])
            expectOneLineError(try CLIRunner.run(full), mentioning: fragments, status: status)
            #expect(!FileManager.default.fileExists(atPath: none), "\(arguments)")
        }
        // An existing file is refused without --force and kept; with it, replaced.
        let again = try CLIRunner.run(["audience", "--db", db, "--interest", "running", "--size", "10", "--out", dir.path("r.csv")])
        expectOneLineError(again, mentioning: ["--force"], status: 1)
        #expect(try String(contentsOfFile: dir.path("r.csv"), encoding: .utf8).split(separator: "\n").count == 151)
        #expect(try CLIRunner.run(["audience", "--db", db, "--interest", "running", "--size", "10", "--out", dir.path("r.csv"),
                                   "--force"]).status == 0)
        #expect(try String(contentsOfFile: dir.path("r.csv"), encoding: .utf8).split(separator: "\n").count == 11)
    }
}
