import Foundation
import TestSupport
import Testing

/// Issue 23's small things, from the outside: `audience --segment all` refuses a new `--out` named
/// like a file (it used to create a directory `all.csv`), and a count of one is "1 user".
@Suite struct CLISmallThingsTests {
    @Test func segmentAllRefusesAnOutNamedLikeAFile() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "400", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "2", "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)
        for name in ["all.csv", "lists.meta.csv", "out.TXT"] {
            let outcome = try CLIRunner.run(["audience", "--db", db, "--segment", "all", "--out", dir.path(name)])
            let suffix = String(name.split(separator: ".").last ?? "")
            expectOneLineError(outcome, mentioning: [name, "'.\(suffix)' names a file", "directory"])
            #expect(!FileManager.default.fileExists(atPath: dir.path(name)), "\(name) was created")
        }
        // A new name without an extension, and an existing directory of any name, are written into.
        let lists = try CLIRunner.run(["audience", "--db", db, "--segment", "all", "--out", dir.path("lists")])
        #expect(lists.status == 0, "\(lists.stderr)")
        try FileManager.default.createDirectory(atPath: dir.path("made.csv"), withIntermediateDirectories: false)
        let made = try CLIRunner.run(["audience", "--db", db, "--segment", "all", "--out", dir.path("made.csv")])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("made.csv")).count == 2)
        // One segment to a file named like one still works.
        #expect(try CLIRunner.run(["audience", "--db", db, "--segment", "1", "--out", dir.path("one.csv")]).status == 0)
    }

    @Test func oneUserIsSingular() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1", "--quiet"]).status == 0)
        let again = try CLIRunner.run(["seed", "--db", db, "--users", "5"])
        expectOneLineError(again, mentioning: ["already has 1 user;"])
        #expect(!again.stderr.contains("1 users"))
    }
}
