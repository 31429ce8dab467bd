import TestSupport
import Foundation
import Testing
import Storage

/// A short version of scripts/fault-test.sh: SIGKILL a seed and a run at several moments; the
/// database must be whole and hold either the state before or the complete result.
@Suite struct KillTests {
    /// (users, seed batches, users in batches, runs, fitted assignments, users in runs).
    private func state(_ path: String) throws -> [Int64] {
        let db = try Connection(path: path, options: .init(readOnly: true))
        let row = try db.rows("""
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM seed_batches), (SELECT coalesce(sum(users), 0) FROM seed_batches),
                   (SELECT count(*) FROM segmentation_runs), (SELECT count(*) FROM segment_assignments WHERE method = 'fitted'),
                   (SELECT coalesce(sum(users), 0) FROM segmentation_runs), (SELECT count(*) FROM user_likes),
                   (SELECT coalesce(sum(like_rows), 0) FROM seed_batches)
            """)[0]
        #expect(try db.scalar("PRAGMA integrity_check") == .text("ok"))
        return row.compactMap(\.int64)
    }

    @Test func killedCommandsLeaveTheDatabaseWhole() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "8000", "--quiet"]).status == 0)
        let delays = [0.05, 0.2, 0.4, 0.8, 1.5]
        for (index, delay) in delays.enumerated() {
            let before = try state(db)
            let arguments = index % 2 == 0
                ? ["seed", "--db", db, "--users", "8000", "--seed", "\(index + 7)", "--append", "--quiet"]
                : ["run-segmentation", "--db", db, "--k", "3", "--n-init", "2", "--elbow", "off", "--quiet"]
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try state(db)
            // Batches and runs are complete: users = users in batches, likes = like rows of batches,
            // fitted assignments = users of runs.
            #expect(after[0] == after[2], "after kill \(index): \(after)")
            #expect(after[4] == after[5], "after kill \(index): \(after)")
            #expect(after[6] == after[7], "after kill \(index): \(after)")
            #expect(after == before || after[1] == before[1] + 1 || after[3] == before[3] + 1, "after kill \(index): \(before) → \(after)")
        }
        // The next commands work.
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "100", "--seed", "99", "--append", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "1", "--elbow", "off", "--quiet"]).status == 0)
    }
}
