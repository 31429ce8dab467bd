import TestSupport
import Foundation
import Testing

/// The ad-targeting commands, from the outside.
@Suite struct CLITargetingTests {
    @Test func targetAssignRecommendRunsCompare() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "3000", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "off", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "off", "--seed", "7", "--align-to", "1", "--quiet"]).status == 0)

        let target = try CLIRunner.run(["target", "--db", db, "--top", "3"])
        #expect(target.status == 0, "\(target.stderr)")
        #expect(!target.stdout.isEmpty)
        let targetJSON = try CLIRunner.run(["target", "--db", db, "--json"])
        #expect(targetJSON.status == 0)
        #expect((try? JSONSerialization.jsonObject(with: Data(targetJSON.stdout.utf8))) != nil)

        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "200", "--append", "--seed", "5", "--quiet"]).status == 0)
        let assign = try CLIRunner.run(["assign", "--db", db, "--run", "1"])
        #expect(assign.status == 0, "\(assign.stderr)")
        #expect(assign.stdout.contains("assigned"))

        let recommend = try CLIRunner.run(["recommend", "--db", db, "--user", "3100", "--run", "1"])
        #expect(recommend.status == 0, "\(recommend.stderr)")
        let runs = try CLIRunner.run(["runs", "--db", db])
        #expect(runs.status == 0)
        let compare = try CLIRunner.run(["compare", "--db", db, "1", "2"])
        #expect(compare.status == 0, "\(compare.stderr)")

        for (arguments, fragment) in [
            (["recommend", "--db", db, "--user", "999999"], "999999"),
            (["target", "--db", db, "--run", "77"], "77"),
            (["target", "--db", db, "--segment", "9"], "9"),
            (["compare", "--db", db, "1", "42"], "42"),
            (["run-segmentation", "--db", db, "--align-to", "31"], "31"),
        ] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status != 0, "\(arguments)")
            #expect(outcome.errorLines.count == 1, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains(fragment), "\(arguments): \(outcome.stderr)")
        }
    }

    @Test func reportWritesAPageAndRefusesAMissingRun() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1500", "--quiet"]).status == 0)
        let early = try CLIRunner.run(["report", "--db", db, "--out", dir.path("early.html")])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "1...4", "--quiet"]).status == 0)
        let report = try CLIRunner.run(["report", "--db", db, "--out", dir.path("r.html")])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: dir.path("r.html"), encoding: .utf8)
        #expect(html.contains("<svg"))
        let missing = try CLIRunner.run(["report", "--db", db, "--run", "5", "--out", dir.path("x.html")])
        #expect(missing.status != 0)
        #expect(missing.errorLines.count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path("x.html")))
    }
}
