import TestSupport
import Foundation
import Testing
import Storage

/// Readers keep reading while a seed writes (WAL), and see either the state before the seed or
/// the complete result, never a part; two writers serialise or the second fails clearly. Each test
/// measures that the overlap really happened: a reading taken while the -wal grew and the writer
/// still ran, a second writer started while the first held the write lock.
@Suite struct ConcurrencyTests {
    /// (users, seed batches, users in batches, like rows, like rows of batches), in one snapshot.
    private static func reading(_ db: String) throws -> [Int64] {
        try reading(Connection(path: db, options: .init(readOnly: true, busyTimeoutMilliseconds: 2_000)))
    }

    /// One statement in autocommit mode: its own read transaction, so its own snapshot.
    private static func reading(_ reader: Connection) throws -> [Int64] {
        try reader.rows("""
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM seed_batches), (SELECT coalesce(sum(users), 0) FROM seed_batches),
                   (SELECT count(*) FROM user_likes), (SELECT coalesce(sum(like_rows), 0) FROM seed_batches)
            """)[0].map { $0.int64 ?? -1 }
    }

    /// `info`'s users count and seed batch count.
    private static func infoCounts(_ stdout: String) -> (users: Int64?, batches: Int64?) {
        var users: Int64?
        var batches: Int64?
        for line in stdout.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, words[0] == "users" { users = Int64(words[1].filter { $0 != "," }) }
            if line.hasPrefix("seed batches:"), let last = words.last { batches = Int64(last.filter { $0 != "," }) }
        }
        return (users, batches)
    }

    @Test func readersSeeTheStateBeforeOrAfterWhileASeedWrites() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1000", "--quiet"]).status == 0)
        let before = try Self.reading(db)
        let writer = try BackgroundCommand(["seed", "--db", db, "--users", "30000", "--append", "--seed", "3", "--quiet"],
                                           errorFile: dir.url.appendingPathComponent("writer.err"))
        let walAtStart = WriteWatch.walSize(db)
        var readings: [[Int64]] = []
        var readingsInFlight = 0
        var infoReadings: [(users: Int64?, batches: Int64?)] = []
        var infoInFlight = 0
        var round = 0
        let reader = try Connection(path: db, options: .init(readOnly: true, busyTimeoutMilliseconds: 2_000))
        while writer.isRunning {
            // A reading is in flight when the -wal had grown before it and the writer ran after it.
            let growing = WriteWatch.walSize(db) > walAtStart
            // `info` is slower than one query: while the -wal grows, favour the quick readings.
            if growing ? round % 3 == 2 : round % 6 == 5 {
                let info = try CLIRunner.run(["info", "--db", db])
                #expect(info.status == 0, "info during a seed: \(info.stderr)")
                infoReadings.append(Self.infoCounts(info.stdout))
                if growing && writer.isRunning { infoInFlight += 1 }
            } else {
                readings.append(try Self.reading(reader))
                if growing && writer.isRunning { readingsInFlight += 1 }
            }
            round += 1
        }
        writer.wait()
        #expect(writer.exitedCleanly, "\(writer.stderr)")
        let after = try Self.reading(db)
        #expect(after[0] == before[0] + 30_000 && after[1] == before[1] + 1, "\(before) → \(after)")
        #expect(readingsInFlight >= 1, "no reading happened while the -wal grew (\(readings.count) readings)")
        for reading in readings {
            #expect(reading == before || reading == after, "a reader saw \(reading): neither \(before) nor \(after)")
        }
        #expect(infoReadings.count >= 1)
        for counts in infoReadings {
            #expect(counts.users != nil && counts.batches != nil, "info printed no counts")
            let consistent = (counts.users == before[0] && counts.batches == before[1]) || (counts.users == after[0] && counts.batches == after[1])
            // Issue 15: `info` counts each table outside any transaction, so it can see a mixed state.
            withKnownIssue("issue 15: info counts each table outside one snapshot", isIntermittent: true) {
                #expect(consistent, "info saw \(counts.users ?? -1) users in \(counts.batches ?? -1) batches: neither before nor after")
            }
        }
        print("readers during a seed: \(readings.count) readings (\(readingsInFlight) while the -wal grew), "
              + "\(infoReadings.count) info runs (\(infoInFlight) while it grew)")
    }

    /// Starts `first` (a long seed), waits until it holds the write lock, then starts `second`.
    private func contend(first: [String], second: [String], db: String, in dir: TemporaryDirectory)
        throws -> (first: BackgroundCommand, second: BackgroundCommand, lockSeenAt: Double) {
        let a = try BackgroundCommand(first, errorFile: dir.url.appendingPathComponent("first.err"))
        let locked = WriteWatch.waitUntil(a) { WriteWatch.writeLockHeld(db) }
        let lockSeenAt = monotonicSeconds()
        try #require(locked, "the first writer never held the write lock: \(a.stderr)")
        let b = try BackgroundCommand(second, errorFile: dir.url.appendingPathComponent("second.err"))
        // The second started inside the first's transaction: the lock was still held after its start.
        #expect(a.isRunning && WriteWatch.writeLockHeld(db), "the first writer finished before the second started")
        while a.isRunning || b.isRunning { Thread.sleep(forTimeInterval: 0.002) }
        a.wait()
        b.wait()
        #expect(a.exitedCleanly, "\(a.stderr)")
        return (a, b, lockSeenAt)
    }

    /// The second writer failed as README says: one line naming the lock, after waiting.
    private func expectBusyFailure(_ b: BackgroundCommand, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(b.errorLines.count == 1, "\(b.stderr)", sourceLocation: sourceLocation)
        #expect(b.stderr.contains("locked by another writer"), "\(b.stderr)", sourceLocation: sourceLocation)
        let waited = (b.endedAt ?? 0) - b.startedAt
        #expect(waited >= 4, "it failed after \(waited) s, not after the 5 s busy timeout", sourceLocation: sourceLocation)
    }

    @Test func aSecondSeedWaitsForTheFirstOrFailsClearly() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1000", "--quiet"]).status == 0)
        let (a, b, lockSeenAt) = try contend(
            first: ["seed", "--db", db, "--users", "20000", "--append", "--seed", "4", "--quiet"],
            second: ["seed", "--db", db, "--users", "500", "--append", "--seed", "5", "--quiet"], db: db, in: dir)
        let aEnd = try #require(a.endedAt)
        let bEnd = try #require(b.endedAt)
        #expect(lockSeenAt <= b.startedAt && b.startedAt < aEnd, "the second writer's start overlapped the first's transaction")
        let check = try Connection(path: db, options: .init(readOnly: true))
        let batches = try check.rows("SELECT seed, first_user_id, last_user_id FROM seed_batches ORDER BY id").map { $0.map { $0.int64 ?? -1 } }
        if b.exitedCleanly {
            // It waited: it ended after the first, and its users come after the first's.
            #expect(bEnd >= aEnd, "the second seed ended \(aEnd - bEnd) s before the first")
            #expect(batches == [[42, 1, 1_000], [4, 1_001, 21_000], [5, 21_001, 21_500]], "\(batches)")
            print("second writer waited \(String(format: "%.2f", aEnd - b.startedAt)) s for the first, then proceeded")
        } else {
            expectBusyFailure(b)
            #expect(batches == [[42, 1, 1_000], [4, 1_001, 21_000]], "\(batches)")
        }
        #expect(try check.scalar("PRAGMA integrity_check") == .text("ok"))
        #expect(try check.scalar("SELECT count(*) FROM users")?.int64 == (try check.scalar("SELECT sum(users) FROM seed_batches")?.int64))
    }

    @Test func aRunStartedDuringASeedWaitsOrFailsClearly() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1000", "--quiet"]).status == 0)
        let (a, b, lockSeenAt) = try contend(
            first: ["seed", "--db", db, "--users", "20000", "--append", "--seed", "4", "--quiet"],
            second: ["run-segmentation", "--db", db, "--k", "3", "--n-init", "1", "--elbow", "off", "--quiet"], db: db, in: dir)
        let aEnd = try #require(a.endedAt)
        #expect(lockSeenAt <= b.startedAt && b.startedAt < aEnd, "the run's start overlapped the seed's transaction")
        let check = try Connection(path: db, options: .init(readOnly: true))
        let runs = try check.rows("SELECT users, max_user_id FROM segmentation_runs").map { $0.map { $0.int64 ?? -1 } }
        if b.exitedCleanly {
            // It could write only after the seed committed; it clusters the users of one snapshot.
            #expect(try #require(b.endedAt) >= aEnd, "the run ended before the seed it had to wait for")
            #expect(runs.count == 1 && [1_000, 21_000].contains(runs.first?[1] ?? -1), "\(runs)")
        } else {
            expectBusyFailure(b)
            #expect(runs.isEmpty)
        }
        #expect(try check.scalar("PRAGMA integrity_check") == .text("ok"))
        #expect(try check.scalar("SELECT count(*) FROM segment_assignments WHERE method = 'fitted'")?.int64
                == (try check.scalar("SELECT coalesce(sum(users), 0) FROM segmentation_runs")?.int64))
    }
}
