import TestSupport
import Foundation
import Testing

/// Bad input, from the outside: one line on stderr naming the problem and the value, a non-zero
/// exit, and every file left as it was.
@Suite struct CLIRefusalTests {
    @Test func badUserCounts() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "0"]), mentioning: ["--users", "0"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users=-5"]), mentioning: ["--users", "-5"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "many"]), mentioning: ["many"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "99999999999999999999"]), mentioning: ["99999999999999999999"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--seed", "-1"]), mentioning: ["-1"])
        #expect(!FileManager.default.fileExists(atPath: db), "a refused seed must not create the database")
    }

    @Test func badDatabasePaths() throws {
        let dir = try TemporaryDirectory()
        expectOneLineError(try CLIRunner.run(["seed", "--db", dir.path("missing/w.sqlite"), "--users", "5"]),
                           mentioning: ["missing/w.sqlite", "directory does not exist"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", dir.url.path, "--users", "5"]), mentioning: ["is a directory"])
        let text = dir.path("notes.txt")
        let original = Data(String(repeating: "hello, not a database\n", count: 50).utf8)
        _ = FileManager.default.createFile(atPath: text, contents: original)
        expectOneLineError(try CLIRunner.run(["seed", "--db", text, "--users", "5"]), mentioning: ["notes.txt", "not a valid SQLite database"])
        let truncated = dir.path("truncated.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", truncated, "--users", "300", "--quiet"]).status == 0)
        let whole = try #require(FileManager.default.contents(atPath: truncated))
        _ = FileManager.default.createFile(atPath: truncated, contents: whole.prefix(whole.count / 3))
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", truncated]), mentioning: ["truncated.sqlite", "not a valid SQLite database"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", "/proc/warehouse.sqlite", "--users", "5"]), mentioning: ["cannot open database", "/proc/warehouse.sqlite"])
        #expect(FileManager.default.contents(atPath: text) == original)
        expectOneLineError(try CLIRunner.run(["info", "--db", dir.path("nothing.sqlite")]), mentioning: ["nothing.sqlite", "no warehouse database"])
        #expect(!FileManager.default.fileExists(atPath: dir.path("nothing.sqlite")))
    }

    @Test func reseedingIsRefusedAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        let first = try CLIRunner.run(["seed", "--db", db, "--users", "50", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("seeded 50 users"))
        let before = try CLIRunner.run(["info", "--db", db]).stdout
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "10"]), mentioning: ["already has 50 users", "--append"])
        #expect(try CLIRunner.run(["info", "--db", db]).stdout == before)
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "10", "--append", "--quiet"]).status == 0)
    }

    @Test func badSegmentationArguments() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "60", "--quiet"]).status == 0)
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "0"]), mentioning: ["--k", "0"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "-3"]), mentioning: ["--k", "-3"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "-1"]), mentioning: ["--n-init", "-1"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "500", "--elbow", "off"]), mentioning: ["--k 500"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--features", "share_of_wallet"]), mentioning: ["share_of_wallet"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--components", "7", "--elbow", "off"]), mentioning: ["--components 7"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--elbow", "10...1"]), mentioning: ["10...1"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--tol", "nan"]), mentioning: ["--tol"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--method", "spectral"]), mentioning: ["spectral", "--method"])
        let runs = try CLIRunner.run(["info", "--db", db]).stdout
        #expect(runs.contains("segmentation runs: 0"))
    }

    @Test func sqlLookingValuesAreBoundNotSpliced() throws {
        let dir = try TemporaryDirectory()
        let hostile = "w'; DROP TABLE users; --.sqlite"
        let seeded = try CLIRunner.run(["seed", "--db", dir.path(hostile), "--users", "30", "--quiet"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", dir.path(hostile), "--features", "age); DROP TABLE users; --"]),
                           mentioning: ["DROP TABLE users"])
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", dir.path(hostile), "--k", "1; DROP TABLE users"]),
                           mentioning: ["DROP TABLE users"])
        let info = try CLIRunner.run(["info", "--db", dir.path(hostile)])
        #expect(info.stdout.contains("users                  30"))
    }

    @Test func aNewerSchemaIsRefused() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "20", "--quiet"]).status == 0)
        let bump = Process()
        bump.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        bump.arguments = ["sqlite3", db, "PRAGMA user_version = 42"]
        try bump.run()
        bump.waitUntilExit()
        try #require(bump.terminationStatus == 0, "needs the sqlite3 shell")
        expectOneLineError(try CLIRunner.run(["info", "--db", db]), mentioning: ["version 42", "newer"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", db, "--users", "5", "--append"]), mentioning: ["version 42"])
    }
}

/// `--method latent-class` from the outside: the run is stored with its method, and the summary
/// names the ceiling next to the ARI.
@Suite struct CLILatentClassTests {
    @Test func latentClassRunFromTheCommandLine() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1500", "--quiet"]).status == 0)
        let run = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--elbow", "off", "--quiet"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("ceiling 0."), "stdout: \(run.stdout)")
        #expect(run.stdout.contains("latent class (Dirichlet-multinomial mixture on subcategory counts): log-likelihood -"))
        let json = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--elbow", "off", "--json", "--quiet"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"method\" : \"latent-class\""), "stdout: \(json.stdout)")
    }
}
