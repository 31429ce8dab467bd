import TestSupport
import Foundation
import Testing
import Storage

/// Defects the hostile-database harness found once its fixture had latent-class runs and the
/// campaign commands (cases of `scripts/hostile-test.sh 300 1`), each pinned here.
@Suite struct HostileRegressionTests {
    /// Case 86: a feature name in `feature_scaling` set to terminal escapes reached the terminal
    /// raw, through `assign`'s "was fitted on features (…)" and through the row label of
    /// `report`'s refusal. Both must escape it and still refuse in one line.
    @Test func aStoredFeatureNameOfEscapesIsPrintedEscaped() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--elbow", "off", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "20", "--seed", "9", "--append", "--quiet"]).status == 0)
        do {
            let raw = try Connection(path: db)
            try raw.execute("PRAGMA ignore_check_constraints = 1")
            try raw.execute("UPDATE feature_scaling SET feature = char(27) || '[2J' || char(27) || '[31mred' WHERE run_id = 1 AND feature_index = (SELECT min(feature_index) FROM feature_scaling)")
        }
        let before = try #require(FileManager.default.contents(atPath: db))
        for arguments in [["assign", "--db", db], ["report", "--db", db, "--out", dir.path("r.html")]] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status == 1, "\(arguments[0]): status \(outcome.status)")
            #expect(outcome.errorLines.count == 1, "\(arguments[0]): stderr \(outcome.stderr)")
            #expect(!outcome.stderr.unicodeScalars.contains { $0.value == 0x1B }, "\(arguments[0]) printed a raw escape: \(outcome.stderr.debugDescription)")
            #expect(outcome.stderr.contains("\\u{1B}") || outcome.stderr.contains("\\u{1b}"), "\(arguments[0]): stderr \(outcome.stderr)")
        }
        #expect(FileManager.default.contents(atPath: db) == before, "refusals leave the database as it was")
    }

    /// Cases 217 and 225 of seed 1 (the demographics): a `users.country` edited past its CHECK
    /// (a carriage return, or 100,000 characters) let `pipeline` store a run whose report then
    /// refused the country, so the failing command changed the database. The read every run
    /// starts with now refuses it, before anything is written.
    @Test(arguments: ["char(13)", "printf('%.*c', 100000, 'x')"])
    func aBrokenCountryIsRefusedBeforeARunIsStored(value: String) throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        do {
            let raw = try Connection(path: db)
            try raw.execute("PRAGMA ignore_check_constraints = 1")
            try raw.execute("UPDATE users SET country = \(value) WHERE id = 17")
        }
        let before = try #require(FileManager.default.contents(atPath: db))
        for arguments in [["pipeline", "--db", db, "--k", "3", "--out", dir.path("p.html"), "--quiet"],
                          ["run-segmentation", "--db", db, "--k", "3", "--elbow", "off", "--quiet"]] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status == 1 && outcome.errorLines.count == 1, "\(arguments[0]): \(outcome.status) \(outcome.stderr)")
            #expect(outcome.stderr.contains("users.country of user 17"), "\(arguments[0]): \(outcome.stderr)")
        }
        #expect(FileManager.default.contents(atPath: db) == before, "refusals leave the database as it was")
    }

    /// Issue 24, item 15's class: members of a run whose user is gone (deleted by hand, or lost to
    /// a damaged page) were left out of `target`'s audiences in silence, so the stored audiences
    /// disagreed with the assignments. They are still left out, and `target` says how many.
    @Test func targetSaysWhenMembersAreNoLongerUsers() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--elbow", "off", "--quiet"]).status == 0)
        let whole = try CLIRunner.run(["target", "--db", db, "--json"])
        #expect(whole.status == 0 && whole.stdout.contains("\"missing_users\" : 0"), "\(whole.stdout.prefix(300))")
        do {
            let raw = try Connection(path: db)
            try raw.execute("PRAGMA foreign_keys = ON")
            try raw.execute("DELETE FROM users WHERE id IN (5, 6, 7)")
        }
        let text = try CLIRunner.run(["target", "--db", db])
        #expect(text.status == 0 && text.stdout.contains("3 members of run 1 are no longer in users"), "\(text.stdout.prefix(400))")
        let json = try CLIRunner.run(["target", "--db", db, "--json"])
        #expect(json.stdout.contains("\"missing_users\" : 3"))
        let connection = try Connection(path: db, options: .init(readOnly: true))
        #expect(try connection.scalar("SELECT sum(users) FROM segment_audiences WHERE run_id = 1")?.int64
                == (try connection.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = 1")?.int64).map { $0 - 3 })
    }
}
