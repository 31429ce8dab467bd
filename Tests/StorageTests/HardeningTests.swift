import TestSupport
import Foundation
import Testing
@testable import Storage

/// The guarantees every connection gives from `init` on (see `Connection`), and the typed API that
/// replaced SQL text outside Storage.
@Suite struct HardeningTests {
    /// SQL echoed in an error is cut by Unicode scalars: `Z` + 20,000 combining accents is one
    /// character, and a cut by characters kept all of it (issue 24, item 6).
    @Test func echoedSQLIsCutByScalars() throws {
        let huge = "SELECT '" + "Z" + String(repeating: "\u{301}", count: 20_000) + "'"
        let line = SQLiteError.oneLine(huge, limit: 160)
        #expect(line.unicodeScalars.count == 161 && line.hasSuffix("…"), "\(line.unicodeScalars.count) scalars")
        #expect(SQLiteError.oneLine("SELECT  1\n FROM t", limit: 160) == "SELECT 1 FROM t")
    }

    @Test func resultCodesHaveNames() throws {
        #expect(ResultCode.busy.rawValue == 5)
        #expect(ResultCode.readOnly.rawValue == 8)
        #expect(ResultCode.corrupt.rawValue == 11)
        #expect(ResultCode.full.rawValue == 13)
        #expect(ResultCode.cannotOpen.rawValue == 14)
        #expect(ResultCode.notADatabase.rawValue == 26)
        // An extended code maps to its primary family.
        #expect(ResultCode(rawValue: 2067) == .constraint)
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY)")
        try db.run("INSERT INTO t VALUES (1)")
        let error = try #require(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (1)") }
        #expect(error.code == .constraint)
        #expect(error.isConstraint)
        #expect(ResultCode.busy.description == "database is locked")
    }

    @Test func everyConnectionIsDefensiveAndDistrustsTheSchema() throws {
        let dir = try TemporaryDirectory()
        let db = try Connection(path: dir.path("a.sqlite"))
        #expect(db.isDefensive)
        #expect(!db.trustsSchema)
        try db.execute("CREATE TABLE t(x)")
        // Defensive: the schema table cannot be written, even with writable_schema.
        try db.execute("PRAGMA writable_schema = ON")
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE sqlite_schema SET sql = 'CREATE TABLE t(y)' WHERE name = 't'") }
        let reader = try Connection(path: dir.path("a.sqlite"), options: .init(readOnly: true))
        #expect(reader.isDefensive)
        #expect(!reader.trustsSchema)
    }

    @Test func jsonValidIsInnocuousAndKeepsItsMeaning() throws {
        let db = try Connection(path: ":memory:")
        // A CHECK that calls json_valid works with the schema untrusted (SQLite 3.40's own
        // json_valid is not innocuous: "unsafe use of json_valid()").
        try db.execute("CREATE TABLE t(j TEXT CHECK (json_valid(j))) STRICT")
        try db.run("INSERT INTO t VALUES (?)", [.text(#"{"a": [1, 2.5e-3, -0, true, false, null, "x\"\u00e9"]}"#)])
        #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES ('{not json')") }
        let cases: [(String, Int64)] = [
            ("{}", 1), ("[]", 1), (" [1 , {\"k\" : \"v\"}] ", 1), ("3", 1), ("\"s\"", 1), ("null", 1),
            ("", 0), ("{", 0), ("[1,]", 0), ("{\"a\" 1}", 0), ("01", 0), ("1.", 0), ("tru", 0), ("\"\\x\"", 0),
            ("[1] [2]", 0), ("\"a\u{1}b\"", 0), (String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000), 0),
            (String(repeating: "[", count: 500) + String(repeating: "]", count: 500), 1),
        ]
        for (text, expected) in cases {
            #expect(try db.scalar("SELECT json_valid(?)", [.text(text)]) == .integer(expected), "\(text.prefix(20))")
        }
        #expect(try db.scalar("SELECT json_valid(NULL)") == .null)
    }

    @Test func userPathsAreFileNames() throws {
        #expect(Connection.fileSystemPath(":memory:") == "./:memory:")
        #expect(Connection.fileSystemPath("file:x.sqlite?mode=memory") == "./file:x.sqlite?mode=memory")
        #expect(Connection.fileSystemPath("/tmp/w.sqlite") == "/tmp/w.sqlite")
        #expect(Connection.fileSystemPath("./w.sqlite") == "./w.sqlite")
        #expect(Connection.fileSystemPath("dir/w.sqlite") == "./dir/w.sqlite")
        let dir = try TemporaryDirectory()
        // Without SQLITE_OPEN_URI an absolute "file:"-looking name is a file too.
        let db = try Connection(path: dir.path("file:x.sqlite"))
        try db.execute("CREATE TABLE t(x)")
        #expect(FileManager.default.fileExists(atPath: dir.path("file:x.sqlite")))
    }

    @Test func typedPragmas() throws {
        let dir = try TemporaryDirectory()
        let db = try Connection(path: dir.path("a.sqlite"))
        #expect(try db.journalMode == .delete)
        #expect(try db.setJournalMode(.wal) == .wal)
        #expect(try db.journalMode == .wal)
        try db.setSynchronous(.normal)
        #expect(try db.synchronous == .normal)
        try db.setForeignKeys(true)
        #expect(try db.foreignKeysEnabled)
        try db.execute("BEGIN")
        #expect(throws: SQLiteError.self) { try db.setForeignKeys(false) }
        try db.execute("ROLLBACK")
        try db.setUserVersion(-1)
        #expect(try db.userVersion == -1)
        try db.execute("CREATE TABLE t(x); CREATE INDEX t_x ON t(x); CREATE VIEW v AS SELECT x FROM t; CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END")
        let objects = try db.schemaObjects()
        #expect(objects.map(\.description) == ["table t", "index t_x on t", "view v", "trigger tr on t"])
        #expect(!db.isReadOnly)
        let reader = try Connection(path: dir.path("a.sqlite"), options: .init(readOnly: true))
        #expect(reader.isReadOnly)
    }

    @Test func aNegativeVersionIsAnErrorNotATrap() throws {
        let db = try Connection(path: ":memory:")
        try db.setUserVersion(-1)
        let migrator = try Migrator(migrations: [Migration(version: 1, name: "one", sql: "CREATE TABLE a(x)")])
        #expect(throws: MigrationError.invalidVersion(databaseVersion: -1)) { try migrator.migrate(db) }
        #expect(try db.schemaObjects().isEmpty)
    }

    /// In rollback-journal mode SQLite answers SQLITE_BUSY at once, without the busy handler, to a
    /// switch to WAL while another connection holds the write lock: it used to fail after 0.02 s
    /// while the message said it had waited 5000 ms.
    @Test func switchingToWALWaitsForTheBusyTimeout() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("a.sqlite")
        let holder = try Connection(path: path)
        try holder.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
        try holder.execute("BEGIN IMMEDIATE; UPDATE t SET x = 2")
        let waiter = try Connection(path: path, options: .init(busyTimeoutMilliseconds: 300))
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(throws: SQLiteError.self) { try waiter.setJournalMode(.wal) }
        let waited = clock.now - started
        #expect(error.code == .busy)
        #expect(waited >= .milliseconds(280), "gave up after \(waited)")
        #expect(waited < .seconds(5))
        try holder.execute("ROLLBACK")
        #expect(try waiter.setJournalMode(.wal) == .wal)
    }

    /// The plain write path waits too (BEGIN IMMEDIATE goes through the busy handler).
    @Test func aBlockedWriterWaitsInRollbackJournalMode() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("a.sqlite")
        let holder = try Connection(path: path)
        try holder.execute("CREATE TABLE t(x)")
        #expect(try holder.journalMode == .delete)
        try holder.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)")
        let writer = try Connection(path: path, options: .init(busyTimeoutMilliseconds: 300))
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(throws: SQLiteError.self) { try writer.transaction(.immediate) { try writer.run("INSERT INTO t VALUES (2)") } }
        #expect(error.code == .busy)
        #expect(clock.now - started >= .milliseconds(280))
        try holder.execute("ROLLBACK")
    }

    /// What a read-only file system needs: a WAL-mode file read without creating -shm or -wal,
    /// through a URI whose path cannot carry parameters.
    @Test func anImmutableConnectionReadsAWALFileWithoutItsIndex() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("odd name %3F?mode=rwc#x.sqlite")
        do {
            let db = try Connection(path: path)
            #expect(try db.setJournalMode(.wal) == .wal)
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2)")
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        let reader = try Connection(path: path, options: .init(immutable: true))
        #expect(reader.options.readOnly)
        #expect(try reader.scalar("SELECT count(*) FROM t") == .integer(2))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (3)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["odd name %3F?mode=rwc#x.sqlite"])
        #expect(Connection.immutableURI("/a b/%?#.db") == "file:/a%20b/%25%3F%23.db?immutable=1")
    }
}
