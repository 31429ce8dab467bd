import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
import WarehouseSchema
@testable import WarehouseTables

@Suite struct StoreOpeningTests {
    @Test func createsAndMigratesANewFile() throws {
        let dir = try TemporaryDirectory()
        let store = try WarehouseStore(path: dir.path("w.sqlite"), mode: .createIfMissing)
        #expect(try store.schemaVersion() >= 1)
        #expect(try store.connection.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try store.connection.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    @Test func refusesAMissingDatabaseWithoutCreatingIt() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("missing.sqlite")
        #expect(throws: WarehouseError.noDatabase(path: path)) { try WarehouseStore(path: path, mode: .mustExist) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func refusesAMissingDirectory() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("nope/w.sqlite")
        #expect(throws: WarehouseError.missingDirectory(path: path)) { try WarehouseStore(path: path, mode: .createIfMissing) }
    }

    @Test func refusesADirectoryAndAnEmptyFile() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: WarehouseError.isDirectory(path: dir.url.path)) { try WarehouseStore(path: dir.url.path, mode: .createIfMissing) }
        let empty = dir.path("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: WarehouseError.emptyFile(path: empty)) { try WarehouseStore(path: empty, mode: .createIfMissing) }
    }

    @Test func refusesATextFileAndLeavesItAsItWas() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("notes.txt")
        let original = Data(String(repeating: "not a database\n", count: 100).utf8)
        _ = FileManager.default.createFile(atPath: path, contents: original)
        let error = try #require(throws: WarehouseError.self) { try WarehouseStore(path: path, mode: .createIfMissing) }
        guard case .notADatabase = error else { Issue.record("unexpected \(error)"); return }
        #expect(FileManager.default.contents(atPath: path) == original)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func refusesAnotherApplicationsDatabase() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.sqlite")
        do {
            let other = try Connection(path: path)
            try other.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
        }
        let before = FileManager.default.contents(atPath: path)
        #expect(throws: WarehouseError.foreignDatabase(path: path, tables: ["invoices"])) {
            try WarehouseStore(path: path, mode: .createIfMissing)
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test func refusesANewerSchema() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            try store.connection.execute("PRAGMA user_version = 999")
        }
        let error = try #require(throws: WarehouseError.self) { try WarehouseStore(path: path, mode: .mustExist) }
        #expect(error.description.contains("999"))
        #expect(error.description.contains("newer"))
    }

    // MARK: --db is a file path

    @Test func memoryAndURINamesAreFiles() throws {
        let dir = try TemporaryDirectory()
        for name in [":memory:", "file:x.sqlite", "file:y.sqlite?mode=memory"] {
            let path = dir.path(name)
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 5))
            #expect(FileManager.default.fileExists(atPath: path), "\(name)")
        }
        // A relative name reaches SQLite as ./name (the CLI tests run it from a directory).
        #expect(Connection.fileSystemPath(":memory:") == "./:memory:")
    }

    @Test func aFIFOIsRefusedAsSuch() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("pipe")
        #expect(mkfifo(path, 0o600) == 0)
        for mode in [WarehouseStore.OpenMode.createIfMissing, .mustExist, .readOnly] {
            #expect(throws: WarehouseError.notARegularFile(path: path, kind: "a FIFO (named pipe)")) {
                try WarehouseStore(path: path, mode: mode)
            }
        }
        #expect(WarehouseError.notARegularFile(path: path, kind: "a FIFO (named pipe)").description.contains("FIFO"))
    }

    @Test func aNameTooLongForTheJournalLeavesNoFile() throws {
        let dir = try TemporaryDirectory()
        for length in 248...255 {
            let path = dir.path(String(repeating: "w", count: length))
            let error = try #require(throws: WarehouseError.self) { try WarehouseStore(path: path, mode: .createIfMissing) }
            #expect(error == .nameTooLong(path: path, bytes: length, limit: 255))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
        // 247 bytes + "-journal" fit.
        _ = try WarehouseStore(path: dir.path(String(repeating: "w", count: 247)), mode: .createIfMissing)
    }

    // MARK: a file is ours only if its schema says so

    /// Bytes of the file, of its -wal file and whether a rollback journal exists: what
    /// "untouched" means. (Reading a WAL-mode file may create an empty -wal and the -shm index,
    /// as any reader does; a rollback-journal file gets neither.)
    private func fingerprint(_ path: String) -> [String] {
        let files = FileManager.default
        let digest = { (name: String) in files.contents(atPath: name).map { "\($0.count) bytes, hash \($0.hashValue)" } ?? "none" }
        let wal = digest(path + "-wal")
        return [digest(path), wal == "0 bytes, hash \(Data().hashValue)" ? "none" : wal, "\(files.fileExists(atPath: path + "-journal"))"]
    }

    @Test func aNegativeUserVersionIsRefusedWithoutATrap() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do { _ = try WarehouseStore(path: path, mode: .createIfMissing) }
        for version: Int32 in [-1, Int32.min] {
            do {
                let raw = try Connection(path: path)
                try raw.setUserVersion(version)
            }
            let before = fingerprint(path)
            for mode in [WarehouseStore.OpenMode.mustExist, .readOnly, .createIfMissing] {
                #expect(throws: WarehouseError.unknownSchemaVersion(path: path, version: Int(version))) {
                    try WarehouseStore(path: path, mode: mode)
                }
            }
            #expect(fingerprint(path) == before)
        }
    }

    @Test func aForeignFileAtVersionOneIsLeftExactlyAsItWas() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.sqlite")
        do {
            let other = try Connection(path: path)
            try other.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)")
            try other.setUserVersion(1)
        }
        let before = fingerprint(path)
        for mode in [WarehouseStore.OpenMode.mustExist, .readOnly, .createIfMissing] {
            #expect(throws: WarehouseError.foreignDatabase(path: path, tables: ["invoices"])) {
                try WarehouseStore(path: path, mode: mode)
            }
        }
        // No migration applied, no switch to WAL: the same bytes, no journal files.
        #expect(fingerprint(path) == before)
        let check = try Connection(path: path, options: .init(readOnly: true))
        #expect(try check.journalMode == .delete)
        #expect(try check.userVersion == 1)
    }

    /// A warehouse with one hand edit; the edit's refusal must name it and change nothing.
    private func expectRefusal(_ edit: String, naming fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 20))
            try store.connection.execute(edit)
        }
        let before = fingerprint(path)
        for mode in [WarehouseStore.OpenMode.mustExist, .readOnly] {
            let error = try #require(throws: WarehouseError.self, sourceLocation: sourceLocation) { try WarehouseStore(path: path, mode: mode) }
            guard case .schemaMismatch = error else {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
                return
            }
            for fragment in fragments {
                #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
            }
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        }
        #expect(fingerprint(path) == before, sourceLocation: sourceLocation)
    }

    @Test func hostileSchemaEditsAreRefusedNamingTheObject() throws {
        try expectRefusal("CREATE TRIGGER sneaky AFTER INSERT ON users BEGIN SELECT 1; END",
                          naming: ["trigger sneaky on users", "added"])
        try expectRefusal("CREATE TRIGGER quiet BEFORE INSERT ON segment_assignments BEGIN SELECT RAISE(IGNORE); END",
                          naming: ["trigger quiet on segment_assignments"])
        try expectRefusal("CREATE INDEX users_age ON users(age)", naming: ["index users_age on users"])
        try expectRefusal("""
            ALTER TABLE users RENAME TO users_old;
            CREATE VIEW users AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS id FROM r
            """, naming: ["table user_likes differs"])
        try expectRefusal("DROP VIEW latest_run; CREATE VIEW latest_run AS SELECT * FROM segmentation_runs",
                          naming: ["view latest_run differs"])
        try expectRefusal("DROP INDEX users_email", naming: ["missing index users_email on users"])
        try expectRefusal("ALTER TABLE users ADD COLUMN note TEXT", naming: ["table users differs"])
    }

    /// The README's promise: "an analyst's own tables and views, and indexes and triggers on them,
    /// may stay; `warehouse check` judges by the same rules". After reopening (`.mustExist`, then
    /// `.readOnly`) the analyst's table keeps its rows, the index, the trigger and the view are
    /// still in the schema on the same tables and still work, and `warehouse check` passes.
    @Test func anAnalystsOwnTablesAndViewsMayStay() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            try store.connection.execute("""
                INSERT INTO users(id, username, full_name, email, age, liked_posts) VALUES
                    (1, 'kid', 'K', 'kid@example.com', 12, 0), (2, 'teen', 'T', 'teen@example.com', 17, 0),
                    (3, 'adult', 'A', 'adult@example.com', 18, 0), (4, 'senior', 'S', 'senior@example.com', 65, 0);
                CREATE TABLE my_notes(id INTEGER PRIMARY KEY, text TEXT, stamped INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX my_notes_text ON my_notes(text);
                CREATE TRIGGER my_notes_log AFTER INSERT ON my_notes BEGIN UPDATE my_notes SET stamped = 1 WHERE id = NEW.id; END;
                CREATE VIEW my_adults AS SELECT * FROM users WHERE age >= 18;
                INSERT INTO my_notes(id, text) VALUES (1, 'call back'), (2, 'check ages');
                """)
        }
        // The analyst's four objects: (type, name, table), by name.
        let analystsObjects: [[SQLValue]] = [
            [.text("view"), .text("my_adults"), .text("my_adults")],
            [.text("table"), .text("my_notes"), .text("my_notes")],
            [.text("trigger"), .text("my_notes_log"), .text("my_notes")],
            [.text("index"), .text("my_notes_text"), .text("my_notes")],
        ]
        let objectsSQL = "SELECT type, name, tbl_name FROM sqlite_schema WHERE name LIKE 'my\\_%' ESCAPE '\\' ORDER BY name"
        do {
            let store = try WarehouseStore(path: path, mode: .mustExist)
            let db = store.connection
            #expect(try db.rows(objectsSQL) == analystsObjects)
            // The rows, each stamped by the trigger when it was inserted.
            #expect(try db.rows("SELECT id, text, stamped FROM my_notes ORDER BY id")
                    == [[.integer(1), .text("call back"), .integer(1)], [.integer(2), .text("check ages"), .integer(1)]])
            // The view: users 3 (18) and 4 (65) are adults; 1 (12) and 2 (17) are not.
            #expect(try db.rows("SELECT id FROM my_adults ORDER BY id") == [[.integer(3)], [.integer(4)]])
            // The index is used for a lookup by text.
            let plan = try db.rows("EXPLAIN QUERY PLAN SELECT id FROM my_notes WHERE text = 'call back'").map { $0.last?.string ?? "" }
            #expect(plan.contains { $0.contains("USING COVERING INDEX my_notes_text") || $0.contains("USING INDEX my_notes_text") }, "\(plan)")
            // The trigger still fires on a row inserted after the reopening.
            try db.execute("INSERT INTO my_notes(id, text) VALUES (3, 'after reopening')")
            #expect(try db.scalar("SELECT stamped FROM my_notes WHERE id = 3") == .integer(1))
            // The warehouse's own tables still work beside them.
            #expect(try store.schemaVersion() == WarehouseMigrations.latestVersion)
            #expect(try db.scalar("SELECT count(*) FROM users") == .integer(4))
        }
        do {
            let store = try WarehouseStore(path: path, mode: .readOnly)
            let db = store.connection
            #expect(try db.rows(objectsSQL) == analystsObjects)
            #expect(try store.snapshot { try db.rows("SELECT id, stamped FROM my_notes ORDER BY id") }
                    == [[.integer(1), .integer(1)], [.integer(2), .integer(1)], [.integer(3), .integer(1)]])
            #expect(try store.snapshot { try db.scalar("SELECT count(*) FROM my_adults") } == .integer(2))
        }
        // `warehouse check` judges by the same rules: every check passes, the schema check included.
        let report = try CheckJob.run(path: path)
        for check in report.checks {
            #expect(check.status == .ok, "\(check.name): \(check.detail ?? "")")
        }
        #expect(report.passed)
        // Neither the reopenings nor the check dropped anything.
        let raw = try Connection(path: path, options: .init(readOnly: true))
        #expect(try raw.rows(objectsSQL) == analystsObjects)
    }

    @Test func anOlderWarehouseWithAnObjectALaterMigrationCreatesIsRefused() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let raw = try Connection(path: path)
            try Migrator(migrations: Array(WarehouseMigrations.all.prefix(2))).migrate(raw)
            try raw.execute("CREATE TABLE segment_audiences(x)")
        }
        let error = try #require(throws: WarehouseError.self) { try WarehouseStore(path: path, mode: .mustExist) }
        #expect(error.description.contains("table segment_audiences has the name of an object a later migration creates"))
        #expect(try Connection(path: path).userVersion == 2)
    }

    @Test func anOlderWarehouseIsMigrated() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let raw = try Connection(path: path)
            try Migrator(migrations: Array(WarehouseMigrations.all.prefix(2))).migrate(raw)
        }
        // Even by a reading command, and without switching a rollback-journal file to WAL.
        let store = try WarehouseStore(path: path, mode: .readOnly)
        #expect(try store.schemaVersion() == WarehouseMigrations.latestVersion)
        #expect(try store.connection.journalMode == .delete)
    }

    // MARK: read-only commands open read-only

    @Test func readOnlyLeavesARollbackJournalFileAsItIs() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 30))
            #expect(try store.connection.setJournalMode(.delete) == .delete)
        }
        let before = fingerprint(path)
        let store = try WarehouseStore(path: path, mode: .readOnly)
        #expect(store.connection.isReadOnly)
        #expect(try store.connection.journalMode == .delete)
        #expect(try store.snapshot { try store.connection.scalar("SELECT count(*) FROM users") } == .integer(30))
        #expect(throws: WarehouseError.readOnly(path: path)) {
            try store.write { try store.connection.run("DELETE FROM users") }
        }
        #expect(fingerprint(path) == before)
    }

    @Test func aWarehouseOnAReadOnlyFileCanBeRead() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 12))
        }
        #expect(chmod(path, 0o444) == 0)
        defer { _ = chmod(path, 0o644) }
        let store = try WarehouseStore(path: path, mode: .readOnly)
        #expect(try store.snapshot { try store.connection.scalar("SELECT count(*) FROM users") } == .integer(12))
        #expect(throws: WarehouseError.readOnly(path: path)) {
            try store.write { try store.connection.run("DELETE FROM users") }
        }
    }

    @Test func readOnlyDoesNotCheckpointOnClose() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do { _ = try WarehouseStore(path: path, mode: .createIfMissing) }
        let walBytes = { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? nil }
        let writer = try Connection(path: path)
        try writer.execute("PRAGMA wal_autocheckpoint = 0; INSERT INTO categories VALUES (99, 'extra')")
        let framed = try #require(walBytes())
        #expect(framed > 0)
        do {
            let reader = try WarehouseStore(path: path, mode: .readOnly)
            writer.close()  // not the last connection: no checkpoint
            #expect(try reader.snapshot { try reader.connection.scalar("SELECT count(*) FROM categories WHERE id = 99") } == .integer(1))
        }
        // The reader closed last and, read-only, did not checkpoint: the frames are still in the log.
        #expect(walBytes() == framed)
    }

    // MARK: a blocked writer really waits

    @Test func aWriterBlockedInRollbackJournalModeWaitsTheWholeTimeout() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        do {
            let store = try WarehouseStore(path: path, mode: .createIfMissing)
            #expect(try store.connection.setJournalMode(.delete) == .delete)
        }
        let holder = try Connection(path: path)
        try holder.execute("BEGIN IMMEDIATE; DELETE FROM seed_batches")
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: WarehouseError.busy(path: path, milliseconds: 300)) {
            try WarehouseStore(path: path, mode: .mustExist, busyTimeoutMilliseconds: 300)
        }
        let waited = clock.now - started
        #expect(waited >= .milliseconds(280), "gave up after \(waited)")
        // A reader is not blocked by the writer at all.
        let reader = try WarehouseStore(path: path, mode: .readOnly, busyTimeoutMilliseconds: 300)
        #expect(try reader.schemaVersion() == WarehouseMigrations.latestVersion)
        try holder.execute("ROLLBACK")
    }
}
