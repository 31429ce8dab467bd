import TestSupport
import Testing
@testable import Storage

@Suite struct ConnectionTests {
    @Test func bindsAndReadsEveryStorageClass() throws {
        let dir = try TemporaryDirectory()
        let db = try Connection(path: dir.path("a.sqlite"))
        try db.execute("CREATE TABLE t(i INTEGER, r REAL, s TEXT, n TEXT) STRICT")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)")
        try insert.run([.integer(Int64.min), .real(-2.5), .text("Zoë's <\"café\"> 🐕"), .null])
        try insert.run([.integer(7), .real(0), .text(""), .null])
        let rows = try db.rows("SELECT i, r, s, n FROM t ORDER BY i")
        #expect(rows == [
            [.integer(Int64.min), .real(-2.5), .text("Zoë's <\"café\"> 🐕"), .null],
            [.integer(7), .real(0), .text(""), .null],
        ])
        // The empty string is bound as text, not as NULL.
        #expect(try db.scalar("SELECT count(*) FROM t WHERE s = ''") == .integer(1))
    }

    @Test func errorsCarryCodesMessageAndSQL() throws {
        let dir = try TemporaryDirectory()
        let db = try Connection(path: dir.path("a.sqlite"))
        try db.execute("CREATE TABLE t(x INTEGER PRIMARY KEY, y TEXT NOT NULL UNIQUE) STRICT")
        try db.run("INSERT INTO t(y) VALUES (?)", ["a"])
        let error = try #require(throws: SQLiteError.self) {
            try db.run("INSERT INTO t(y) VALUES (?)", ["a"])
        }
        #expect(error.resultCode == 19) // SQLITE_CONSTRAINT
        #expect(error.extendedCode == 2067) // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.message.contains("UNIQUE constraint failed: t.y"))
        #expect(error.sql == "INSERT INTO t(y) VALUES (?)")
        #expect(!error.description.contains("\n"))

        let syntax = try #require(throws: SQLiteError.self) { try db.prepare("SELEC 1") }
        #expect(syntax.resultCode == 1)
        #expect(syntax.sql == "SELEC 1")
    }

    @Test func wrongParameterCountIsAnError() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT ?, ?")
        #expect(throws: SQLiteError.self) { try statement.bind([.integer(1)]) }
    }

    @Test func closeFinalizesLiveStatements() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT 1")
        db.close()
        let error = try #require(throws: SQLiteError.self) { try statement.step() }
        #expect(error.resultCode == 21) // SQLITE_MISUSE
        db.close() // idempotent
    }

    @Test func openingAMissingDirectoryFailsClearly() throws {
        let error = try #require(throws: SQLiteError.self) {
            _ = try Connection(path: "/nonexistent-dir-\(UInt64.random(in: 0...UInt64.max))/x.sqlite")
        }
        #expect(error.resultCode == 14) // SQLITE_CANTOPEN
        #expect(error.message.contains("x.sqlite"))
    }

    @Test func readOnlyConnectionCannotWrite() throws {
        let dir = try TemporaryDirectory()
        do {
            let db = try Connection(path: dir.path("a.sqlite"))
            try db.execute("CREATE TABLE t(x)")
        }
        let reader = try Connection(path: dir.path("a.sqlite"), options: .init(readOnly: true))
        let error = try #require(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
        #expect(error.resultCode == 8) // SQLITE_READONLY
    }
}
