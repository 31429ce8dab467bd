import TestSupport
import Foundation
import Testing
import Storage

/// `warehouse check` and the seed's refusals, from the outside: verdicts on stdout, one line on
/// stderr when something fails, exit codes, and files left as they were.
@Suite struct CLICheckTests {
    @Test func checkPrintsOneVerdictPerCheckAndExitsByTheResult() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "800", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)

        let passed = try CLIRunner.run(["check", "--db", db])
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect(passed.stderr.isEmpty)
        let lines = passed.stdout.split(separator: "\n")
        #expect(lines.count == 16 && lines.dropLast().allSatisfy { $0.hasSuffix(" ok") }, "\(passed.stdout)")
        #expect(lines.last?.hasPrefix("all 15 checks passed") == true)

        let edit = try Connection(path: db)
        try edit.execute("PRAGMA foreign_keys = OFF")
        try edit.execute("UPDATE users SET liked_posts = liked_posts + 3 WHERE id = 17")
        try edit.execute("UPDATE segment_assignments SET segment = 12 WHERE user_id = (SELECT max(user_id) FROM segment_assignments)")
        edit.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        let failed = try CLIRunner.run(["check", "--db", db])
        #expect(failed.status == 1)
        #expect(failed.errorLines == ["warehouse: error: 3 of 15 checks did not pass on '\(db)'"], "\(failed.stderr)")
        #expect(failed.stdout.contains("likes_sum               FAILED: user 17 has liked_posts = "), "\(failed.stdout)")
        #expect(failed.stdout.contains("interaction_likes       FAILED: user 17 has liked_posts = "), "\(failed.stdout)")
        #expect(failed.stdout.contains("run_segments            FAILED: run 1, user "), "\(failed.stdout)")

        let json = try CLIRunner.run(["check", "--db", db, "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.filter { $0["status"] as? String == "failed" }.compactMap { $0["name"] as? String } == ["likes_sum", "run_segments", "interaction_likes"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "check changed the file")
    }

    @Test func checkRefusesWhatIsNotADatabaseInOneLine() throws {
        let dir = try TemporaryDirectory()
        let missing = try CLIRunner.run(["check", "--db", dir.path("none.sqlite")])
        #expect(missing.status != 0 && missing.errorLines.count == 1 && missing.stderr.contains("none.sqlite"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.sqlite")))
        let text = dir.path("notes.txt")
        _ = FileManager.default.createFile(atPath: text, contents: Data(String(repeating: "not a database\n", count: 100).utf8))
        let notDatabase = try CLIRunner.run(["check", "--db", text])
        #expect(notDatabase.status != 0 && notDatabase.errorLines.count == 1, "\(notDatabase.stdout)\(notDatabase.stderr)")
    }

    @Test func aSeedBeyondTheDiskIsRefusedInOneLine() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        var info = statvfs()
        #expect(statvfs(db, &info) == 0)
        let free = Double(info.f_bavail) * Double(info.f_frsize)
        guard free < 1e9 * 600 else { return }  // a disk this large could hold the seed: it would run
        let started = Date()
        let outcome = try CLIRunner.run(["seed", "--db", db, "--users", "1000000000", "--append", "--quiet"])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(outcome.status != 0 && outcome.errorLines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("not enough free space") && outcome.stderr.contains("free") && outcome.stderr.contains(db),
                "\(outcome.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func appendingToADamagedFileIsRefusedInOneLine() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1500", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)
        let root = try #require(try Connection(path: db, options: .init(readOnly: true))
            .scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'segment_assignments'")?.int64)
        let handle = try #require(FileHandle(forUpdatingAtPath: db))
        try handle.seek(toOffset: UInt64((root - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let outcome = try CLIRunner.run(["seed", "--db", db, "--users", "100", "--seed", "3", "--append", "--quiet"])
        #expect(outcome.status != 0)
        #expect(outcome.errorLines.count == 1 && outcome.stderr.contains("fails SQLite's quick check"), "\(outcome.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let check = try CLIRunner.run(["check", "--db", db])
        #expect(check.status == 1 && check.stdout.contains("integrity               FAILED"), "\(check.stdout)")
    }

    /// While a seed writes, check reads one snapshot: the state before the seed, which passes.
    @Test func checkDuringASeedSeesOneConsistentState() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "2000", "--quiet"]).status == 0)
        let seed = Process()
        seed.executableURL = CLIRunner.executable
        seed.arguments = ["seed", "--db", db, "--users", "300000", "--seed", "4", "--append", "--quiet"]
        seed.standardOutput = FileHandle.nullDevice
        seed.standardError = FileHandle.nullDevice
        try seed.run()
        defer {
            if seed.isRunning { kill(seed.processIdentifier, SIGKILL) }
            seed.waitUntilExit()
        }
        var checked = 0
        let deadline = Date().addingTimeInterval(60)
        while seed.isRunning && checked < 3 && Date() < deadline {
            let outcome = try CLIRunner.run(["check", "--db", db])
            #expect(outcome.status == 0, "during the seed: \(outcome.stdout)\(outcome.stderr)")
            checked += 1
        }
        #expect(checked >= 1)
    }
}
