import TestSupport
import Testing
@testable import Storage

private struct BodyFailed: Error {}

@Suite struct TransactionTests {
    @Test func commitsOnReturn() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        let value = try db.transaction { () -> Int in
            try db.run("INSERT INTO t VALUES (1)")
            return 5
        }
        #expect(value == 5)
        #expect(db.isAutocommit)
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(1))
    }

    @Test func rollsBackOnThrowAndSurfacesTheFirstError() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        #expect(throws: BodyFailed.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw BodyFailed()
            }
        }
        #expect(db.isAutocommit)
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    @Test func sqliteErrorInsideBodyRollsBackEverything() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x INTEGER NOT NULL)")
        let error = try #require(throws: SQLiteError.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                try db.run("INSERT INTO t VALUES (NULL)")
            }
        }
        #expect(error.isConstraint)
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    @Test func secondWriterGetsBusyAfterTimeout() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("a.sqlite")
        let first = try Connection(path: path)
        try first.execute("PRAGMA journal_mode = WAL; CREATE TABLE t(x)")
        let second = try Connection(path: path, options: .init(busyTimeoutMilliseconds: 50))
        try first.execute("BEGIN IMMEDIATE")
        let error = try #require(throws: SQLiteError.self) {
            try second.transaction { try second.run("INSERT INTO t VALUES (1)") }
        }
        #expect(error.isBusy)
        // Readers still read while the writer holds its lock (WAL).
        #expect(try second.scalar("SELECT count(*) FROM t") == .integer(0))
        try first.execute("ROLLBACK")
    }
}
