import TestSupport
import Foundation
import Testing
import Storage

/// A short version of scripts/fault-test.sh. Each kill lands while the command's write is seen in
/// flight from outside (the -wal growing, or the write lock held), and the process must die by
/// the SIGKILL, not exit before it: a kill that missed the write proves nothing. Then the database
/// must be whole, hold the state before or the complete result, and take the next commands.
@Suite(.serialized) struct KillTests {
    /// The counts a consistent warehouse keeps equal pairwise, read in one statement (one snapshot).
    struct State: Equatable, CustomStringConvertible {
        var users, batches, usersInBatches, likeRows, likeRowsOfBatches, runs, fitted, usersOfRuns: Int64
        /// Every seed batch and every run complete.
        var isConsistent: Bool { users == usersInBatches && likeRows == likeRowsOfBatches && fitted == usersOfRuns }
        var description: String {
            "users \(users) (batches \(batches): \(usersInBatches)), like rows \(likeRows) (\(likeRowsOfBatches)), "
                + "runs \(runs): fitted \(fitted) (\(usersOfRuns))"
        }
    }

    static func state(_ path: String) throws -> State {
        let db = try Connection(path: path, options: .init(readOnly: true))
        let row = try db.rows("""
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM seed_batches), (SELECT coalesce(sum(users), 0) FROM seed_batches),
                   (SELECT count(*) FROM user_likes), (SELECT coalesce(sum(like_rows), 0) FROM seed_batches),
                   (SELECT count(*) FROM segmentation_runs), (SELECT count(*) FROM segment_assignments WHERE method = 'fitted'),
                   (SELECT coalesce(sum(users), 0) FROM segmentation_runs)
            """)[0].map { $0.int64 ?? -1 }
        return State(users: row[0], batches: row[1], usersInBatches: row[2], likeRows: row[3], likeRowsOfBatches: row[4],
                     runs: row[5], fitted: row[6], usersOfRuns: row[7])
    }

    static func check(_ path: String, _ pragma: String) throws -> [SQLValue] {
        try Connection(path: path, options: .init(readOnly: true)).rows(pragma).map { $0.first ?? .null }
    }

    /// How a kill is aimed: what must be seen of the write before the SIGKILL.
    enum Aim: CustomStringConvertible {
        /// The -wal grew by at least this many bytes since the command started: pages are being written.
        case walGrewBy(Int)
        /// Another connection cannot take the write lock: the command's write transaction is open.
        case writeLockHeld

        var description: String {
            switch self {
            case .walGrewBy(let bytes): "the -wal grew by \(bytes) bytes"
            case .writeLockHeld: "the write lock was held"
            }
        }
    }

    /// Starts `arguments`, waits until `aim` is seen, SIGKILLs it, and checks what it left.
    private func killMidWrite(_ arguments: [String], db: String, aim: Aim, in dir: TemporaryDirectory,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try Self.state(db)
        try #require(before.isConsistent, "before: \(before)", sourceLocation: sourceLocation)
        let walAtStart = WriteWatch.walSize(db)
        let command = try BackgroundCommand(arguments, errorFile: dir.url.appendingPathComponent("kill.err"))
        let seen = WriteWatch.waitUntil(command) {
            switch aim {
            case .walGrewBy(let bytes): WriteWatch.walSize(db) >= walAtStart + bytes
            case .writeLockHeld: WriteWatch.writeLockHeld(db)
            }
        }
        let walAtKill = WriteWatch.walSize(db)
        kill(command.process.processIdentifier, SIGKILL)
        command.wait()
        let label = "\(arguments[0]) killed when \(aim)"
        #expect(seen, "\(label): the write was never seen in flight (stderr: \(command.stderr))", sourceLocation: sourceLocation)
        #expect(command.diedBySIGKILL,
                "\(label): it must die by the kill, not end first (reason \(command.process.terminationReason.rawValue), status \(command.process.terminationStatus))",
                sourceLocation: sourceLocation)

        let after = try Self.state(db)
        #expect(try Self.check(db, "PRAGMA integrity_check") == [.text("ok")], "\(label)", sourceLocation: sourceLocation)
        #expect(try Self.check(db, "PRAGMA foreign_key_check").isEmpty, "\(label)", sourceLocation: sourceLocation)
        #expect(after.isConsistent, "\(label): a partial write: \(after)", sourceLocation: sourceLocation)
        // A kill in mid-write leaves the state before; only a kill during the last frames of the
        // commit could leave the complete result (one more batch or run, consistent).
        let complete = after.batches == before.batches + 1 || after.runs == before.runs + 1
        #expect(after == before || complete, "\(label): \(before) → \(after)", sourceLocation: sourceLocation)
        print("\(label): died by SIGKILL \(command.diedBySIGKILL), -wal \(walAtKill) bytes at the kill, "
              + "database \(after == before ? "as before" : complete ? "complete" : "PARTIAL")")
        if after == before, case .walGrewBy = aim {
            #expect(walAtKill > walAtStart, "\(label): the kill left written but uncommitted frames", sourceLocation: sourceLocation)
        }
    }

    @Test func killsInMidWriteLeaveTheDatabaseAsBefore() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "3000", "--quiet"]).status == 0)
        // A seed generates and writes at once: kill early in its writing and deep into it (its
        // 16,000 users take about 4 MB of -wal, so 1 MiB is well before the commit).
        for (index, bytes) in [64 << 10, 1 << 20].enumerated() {
            try killMidWrite(["seed", "--db", db, "--users", "16000", "--seed", "\(index + 7)", "--append", "--quiet"],
                             db: db, aim: .walGrewBy(bytes), in: dir)
        }
        // A run holds its write transaction while it fits (its pages stay in the cache until the commit).
        try killMidWrite(["run-segmentation", "--db", db, "--k", "3", "--n-init", "2", "--elbow", "off", "--quiet"],
                         db: db, aim: .writeLockHeld, in: dir)
        // The next commands work, and their results are whole.
        let before = try Self.state(db)
        let seed = try CLIRunner.run(["seed", "--db", db, "--users", "100", "--seed", "99", "--append", "--quiet"])
        #expect(seed.status == 0, "\(seed.stderr)")
        let run = try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--n-init", "1", "--elbow", "off", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let info = try CLIRunner.run(["info", "--db", db])
        #expect(info.status == 0, "\(info.stderr)")
        let after = try Self.state(db)
        #expect(after.isConsistent, "\(after)")
        #expect(after.users == before.users + 100 && after.runs == before.runs + 1, "\(before) → \(after)")
        #expect(try Self.check(db, "PRAGMA integrity_check") == [.text("ok")])
    }
}
