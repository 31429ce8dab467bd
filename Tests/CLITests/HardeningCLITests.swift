import TestSupport
import Foundation
import Testing
import Storage

/// Issue 15 from the outside: no `--out` overwrites the warehouse, `--db` is always a file path,
/// a foreign or hand-broken file is refused untouched, read-only commands open read-only.
@Suite struct HardeningCLITests {
    private func expectOneLineError(_ outcome: CLIRunner.Outcome, mentioning fragments: [String],
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        CLITests.expectOneLineError(outcome, mentioning: fragments, status: 1, sourceLocation: sourceLocation)
    }

    /// A seeded, segmented warehouse `w.sqlite` in a fresh directory.
    private func warehouse() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--quiet"]).status == 0)
        return dir
    }

    @Test func reportAndPipelineNeverWriteOverTheDatabase() throws {
        let dir = try warehouse()
        let db = dir.path("w.sqlite")
        let before = try #require(FileManager.default.contents(atPath: db))
        #expect(link(db, dir.path("hard.sqlite")) == 0)
        let cases: [([String], String)] = [
            (["report", "--db", "w.sqlite", "--out", "w.sqlite"], "it is the warehouse database"),
            (["report", "--db", "w.sqlite", "--out", "./w.sqlite"], "it is the warehouse database"),
            (["report", "--db", "w.sqlite", "--out", db], "it is the warehouse database"),
            (["report", "--db", db, "--out", "hard.sqlite"], "it is the warehouse database"),
            (["report", "--db", "w.sqlite", "--out", "w.sqlite-wal"], "write-ahead log"),
            (["report", "--db", "w.sqlite", "--out", "w.sqlite-shm"], "shared-memory index"),
            (["report", "--db", "w.sqlite", "--out", "w.sqlite-journal"], "rollback journal"),
            (["report", "--db", "w.sqlite", "--out", "/dev/null"], "character device"),
            (["pipeline", "--db", "w.sqlite", "--out", "w.sqlite", "--quiet"], "it is the warehouse database"),
            (["export", "--db", "w.sqlite", "--out", "w.sqlite-wal"], "write-ahead log"),
        ]
        for (arguments, fragment) in cases {
            expectOneLineError(try CLIRunner.run(arguments, in: dir.url), mentioning: [arguments[4], fragment])
        }
        #expect(FileManager.default.contents(atPath: db) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-journal"))
        // The warehouse still works, and an ordinary --out is written.
        let report = try CLIRunner.run(["report", "--db", "w.sqlite", "--out", "report.html"], in: dir.url)
        #expect(report.status == 0, "\(report.stderr)")
    }

    @Test func aNewPipelineDatabaseIsNotCreatedWhenItsOutIsRefused() throws {
        let dir = try TemporaryDirectory()
        expectOneLineError(try CLIRunner.run(["pipeline", "--db", "new.sqlite", "--out", "new.sqlite", "--quiet"], in: dir.url),
                           mentioning: ["new.sqlite", "it is the warehouse database"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    @Test func aSymbolicLinkOutIsRefusedAndStaysALink() throws {
        let dir = try warehouse()
        try "mine".write(toFile: dir.path("notes.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.path("report.html"), withDestinationPath: "notes.txt")
        expectOneLineError(try CLIRunner.run(["report", "--db", "w.sqlite", "--out", "report.html"], in: dir.url),
                           mentioning: ["report.html", "symbolic link"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("report.html")) == "notes.txt")
        #expect(try String(contentsOfFile: dir.path("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func theDatabasePathIsAlwaysAFile() throws {
        let dir = try TemporaryDirectory()
        for name in [":memory:", "file:x.sqlite", "file:y.sqlite?mode=memory"] {
            let seed = try CLIRunner.run(["seed", "--db", name, "--users", "20", "--quiet"], in: dir.url)
            #expect(seed.status == 0, "\(name): \(seed.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir.path(name)), "\(name) is not a file")
            let info = try CLIRunner.run(["info", "--db", name], in: dir.url)
            let usersLine = info.stdout.split(separator: "\n").first { $0.hasPrefix("  users ") }
            #expect(usersLine?.hasSuffix(" 20") == true, "\(name): \(info.stdout)")
        }
        // A FIFO is named as such, not "an empty file", and nothing waits on it.
        let fifo = dir.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        expectOneLineError(try CLIRunner.run(["info", "--db", fifo]), mentioning: ["pipe", "FIFO"])
        expectOneLineError(try CLIRunner.run(["seed", "--db", fifo, "--users", "5"]), mentioning: ["pipe", "FIFO"])
        // A name without room for "-journal" leaves nothing behind, and says why.
        let long = String(repeating: "n", count: 252)
        expectOneLineError(try CLIRunner.run(["seed", "--db", long, "--users", "5"], in: dir.url), mentioning: ["252 bytes"])
        #expect(!FileManager.default.fileExists(atPath: dir.path(long)))
    }

    @Test func aNegativeUserVersionIsAnErrorNotASignal() throws {
        let dir = try warehouse()
        let db = dir.path("w.sqlite")
        do {
            let raw = try Connection(path: db)
            try raw.setUserVersion(-1)
        }
        for command in [["info"], ["report", "--out", dir.path("r.html")], ["seed", "--append", "--users", "5"], ["runs"]] {
            expectOneLineError(try CLIRunner.run(command + ["--db", db]), mentioning: ["schema version -1"])
        }
    }

    @Test func aForeignFileAtVersionOneIsNotMigratedNorSwitchedToWAL() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("other.sqlite")
        do {
            let raw = try Connection(path: db)
            try raw.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY)")
            try raw.setUserVersion(1)
        }
        let before = try #require(FileManager.default.contents(atPath: db))
        for command in [["info"], ["seed", "--append", "--users", "5"], ["run-segmentation"]] {
            expectOneLineError(try CLIRunner.run(command + ["--db", db]), mentioning: ["another application", "invoices"])
        }
        #expect(FileManager.default.contents(atPath: db) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["other.sqlite"])
    }

    @Test func aTriggerOnAWarehouseTableIsRefusedBeforeItCanRun() throws {
        let dir = try warehouse()
        let db = dir.path("w.sqlite")
        do {
            let raw = try Connection(path: db)
            try raw.execute("CREATE TRIGGER drop_them BEFORE INSERT ON segment_assignments BEGIN SELECT RAISE(IGNORE); END")
        }
        expectOneLineError(try CLIRunner.run(["run-segmentation", "--db", db, "--quiet"]),
                           mentioning: ["trigger drop_them on segment_assignments"])
        expectOneLineError(try CLIRunner.run(["info", "--db", db]), mentioning: ["trigger drop_them"])
    }

    @Test func readingCommandsLeaveARollbackJournalFileInItsMode() throws {
        let dir = try warehouse()
        let db = dir.path("w.sqlite")
        do {
            let raw = try Connection(path: db)
            #expect(try raw.setJournalMode(.delete) == .delete)
        }
        let before = try #require(FileManager.default.contents(atPath: db))
        for command in [["info"], ["runs"], ["report", "--out", dir.path("r.html")], ["compare", "1", "1"],
                        ["export", "--out", dir.path("export")], ["recommend", "--user", "1"]] {
            let outcome = try CLIRunner.run(command + ["--db", db])
            #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
        }
        #expect(FileManager.default.contents(atPath: db) == before)
        let check = try Connection(path: db, options: .init(readOnly: true))
        #expect(try check.journalMode == .delete)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    }

    /// The parallel read opens a second connection: to the file the store opened, not to what
    /// SQLite (built with SQLITE_USE_URI) would make of "file:w.sqlite" (the file "w.sqlite").
    @Test func theParallelReadOpensTheSameFileAsTheStore() throws {
        let dir = try TemporaryDirectory()
        let seed = try CLIRunner.run(["seed", "--db", "file:w.sqlite", "--users", "50001", "--quiet"], in: dir.url)
        #expect(seed.status == 0, "\(seed.stderr)")
        let run = try CLIRunner.run(["run-segmentation", "--db", "file:w.sqlite", "--k", "2", "--n-init", "1", "--elbow", "off",
                                     "--silhouette-sample", "100", "--quiet"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("w.sqlite")))
    }
}
