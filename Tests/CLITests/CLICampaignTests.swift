import TestSupport
import Foundation
import Testing

/// Names, audience files and lookalikes, from the outside.
@Suite struct CLICampaignTests {
    private func json(_ outcome: CLIRunner.Outcome) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))) as? [String: Any]
    }

    @Test func aCampaignEndToEnd() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "2500", "--quiet"]).status == 0)
        let segmentation = try CLIRunner.run(["run-segmentation", "--db", db, "--k", "5", "--n-init", "2", "--elbow", "off", "--quiet"])
        #expect(segmentation.status == 0 && segmentation.stdout.contains("name"), "\(segmentation.stderr)")

        let renamed = try CLIRunner.run(["name", "--db", db, "--run", "1", "--segment", "2", "Weekend athletes"])
        #expect(renamed.status == 0 && renamed.stdout.contains("→ 'Weekend athletes'"), "\(renamed.stderr)")
        let listing = try #require(json(try CLIRunner.run(["name", "--db", db, "--json"])))
        let segments = try #require(listing["segments"] as? [[String: Any]])
        #expect(segments.count == 5 && segments[1]["name"] as? String == "Weekend athletes" && segments[1]["name_source"] as? String == "user")

        let audience = try CLIRunner.run(["audience", "--db", db, "--segment", "weekend athletes", "--format", "meta",
                                          "--out", dir.path("a.meta.csv")])
        #expect(audience.status == 0, "\(audience.stderr)")
        let lines = try String(contentsOfFile: dir.path("a.meta.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "email,phone,fn,ln,ct,st,zip,country,dob,gen" && lines.count > 10)
        let all = try CLIRunner.run(["audience", "--db", db, "--segment", "all", "--format", "google", "--out", dir.path("lists"), "--json"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect((json(all)?["files"] as? [Any])?.count == 5)
        let lookalike = try CLIRunner.run(["lookalike", "--db", db, "--segment", "2", "--size", "300", "--out", dir.path("l.csv")])
        #expect(lookalike.status == 0 && lookalike.stdout.contains("300 users outside segment 2"), "\(lookalike.stderr)")
        let recommend = try #require(json(try CLIRunner.run(["recommend", "--db", db, "--user", "5", "--json"])))
        #expect(recommend["basis"] is String && recommend.keys.contains("segment_name"))

        for outcome in [segmentation, renamed, audience, lookalike] {
            #expect(outcome.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(outcome.stdout)")
        }

        // One-line refusals naming the value; nothing written.
        for (arguments, fragment) in [
            (["audience", "--db", db, "--segment", "1", "--out", dir.path("a.meta.csv")], "--force"),
            (["audience", "--db", db, "--segment", "3", "--max-distance", "0", "--out", dir.path("none.csv")], "has no users"),
            (["audience", "--db", db, "--segment", "Nobody", "--out", dir.path("none.csv")], "'Nobody'"),
            (["audience", "--db", db, "--segment", "9", "--out", dir.path("none.csv")], "no segment 9"),
            (["audience", "--db", db, "--segment", "1", "--out", db, "--force"], "database"),
            (["audience", "--db", db, "--segment", "1", "--country", "IS", "--out", dir.path("none.csv")], "has no users with --country IS"),
            (["audience", "--db", db, "--segment", "1", "--age", "40-30", "--out", dir.path("none.csv")], "--age 40-30"),
            (["audience", "--db", db, "--segment", "1", "--gender", "robot", "--out", dir.path("none.csv")], "--gender robot"),
            (["lookalike", "--db", db, "--segment", "1", "--size", "0", "--out", dir.path("none.csv")], "got 0"),
            (["lookalike", "--db", db, "--segment", "all", "--size", "5", "--out", dir.path("none.csv")], "'all'"),
            (["name", "--db", db, "--segment", "1", "weekend ATHLETES"], "already named"),
            (["name", "--db", db, "--run", "8", "--segment", "1", "x"], "8"),
        ] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status != 0 && outcome.errorLines.count == 1 && outcome.stderr.contains(fragment),
                    "\(arguments): \(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.csv")))
    }

    /// A killed `audience` leaves the destination as it was (absent) or complete, never partial.
    @Test func aKilledAudienceLeavesNoPartialFile() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "12000", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "2", "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)
        let complete = dir.path("complete.csv")
        #expect(try CLIRunner.run(["audience", "--db", db, "--segment", "1", "--format", "meta", "--out", complete]).status == 0)
        let expected = try String(contentsOfFile: complete, encoding: .utf8)
        #expect(expected.split(separator: "\n").count > 3_000)
        for (index, delay) in [0.02, 0.05, 0.1, 0.2, 0.3, 0.5].enumerated() {
            let out = dir.path("killed\(index).csv")
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = ["audience", "--db", db, "--segment", "1", "--format", "meta", "--out", out]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: out) {
                #expect(try String(contentsOfFile: out, encoding: .utf8) == expected, "kill \(index) after \(delay) s left a partial file")
            }
        }
    }

    /// Issue 24 (3 and 4): eight `audience --out same.csv` at once without `--force`: exactly one
    /// exits 0 and the others say the file exists; and a segment named like a formula reaches
    /// the CSV as text (`'=…`), never as a cell a spreadsheet would evaluate.
    @Test func racingAudiencesWriteOneFileAndNoFormula() async throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "600", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)
        let formula = "=cmd|' /C calc'!A0"
        #expect(try CLIRunner.run(["name", "--db", db, "--segment", "1", formula]).status == 0)
        let out = dir.path("same.csv")
        let outcomes = try await withThrowingTaskGroup(of: CLIRunner.Outcome.self) { group in
            for _ in 0..<8 {
                group.addTask { try CLIRunner.run(["audience", "--db", db, "--segment", "1", "--out", out]) }
            }
            var all: [CLIRunner.Outcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0.status == 0 }.count == 1, "\(outcomes.map { "\($0.status) \($0.stderr)" })")
        #expect(outcomes.filter { $0.status != 0 }.allSatisfy { $0.stderr.contains("it exists; give --force") })
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!lines.isEmpty && lines.allSatisfy { $0.contains(",\"'=cmd|' /C calc'!A0\",") }, "\(lines.prefix(2))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
