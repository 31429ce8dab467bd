import TestSupport
import Foundation
import Testing
import Storage

/// Ctrl-C and SIGTERM: one line on stderr, exit 130 / 143, the database as it was (the open
/// transaction rolled back: WAL frames without a commit are ignored) and no partial output left.
@Suite struct InterruptionTests {
    /// A running `warehouse` subprocess whose stderr is collected.
    private final class Running {
        let process = Process()
        private let errors = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = CLIRunner.executable
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "WAREHOUSE_DB")
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
        }

        /// Waits (up to `seconds`) until `condition` holds while the process runs; false if it ended first.
        func wait(upTo seconds: Double = 120, until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline {
                if condition() { return true }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return false
        }

        /// Sends `signal`, waits for the end; (status, stderr).
        func interrupt(_ signal: Int32) -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
            kill(process.processIdentifier, signal)
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, process.terminationReason, text)
        }
    }

    private func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Counts that a partial seed would change, and whether the file is sound.
    private func state(_ path: String) throws -> [SQLValue] {
        let db = try Connection(path: path, options: .init(readOnly: true))
        #expect(try db.scalar("PRAGMA integrity_check") == .text("ok"))
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
        return try db.rows("""
            SELECT (SELECT count(*) FROM users), (SELECT coalesce(max(id), 0) FROM users), (SELECT count(*) FROM user_likes),
                   (SELECT count(*) FROM user_personas), (SELECT count(*) FROM seed_batches), (SELECT count(*) FROM categories)
            """)[0]
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func anInterruptedSeedWritesNothing(_ signal: Int32, _ code: Int32) throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "2000", "--quiet"]).status == 0)
        let before = try state(db)
        let walBefore = size(db + "-wal")
        let seed = try Running(["seed", "--db", db, "--users", "300000", "--seed", "5", "--append", "--quiet"])
        // Inside the transaction: the WAL has grown by some megabytes of uncommitted frames.
        let writing = seed.wait { size(db + "-wal") > walBefore + 4_000_000 }
        #expect(writing, "the seed ended before it was interrupted")
        let outcome = seed.interrupt(signal)
        #expect(outcome.reason == .exit, "killed by the signal instead of handling it")
        #expect(outcome.status == code)
        #expect(outcome.stderr == "warehouse: interrupted: nothing was written\n", "stderr: \(outcome.stderr)")
        #expect(try state(db) == before)
        let check = try CLIRunner.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // And the next seed works.
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "100", "--seed", "6", "--append", "--quiet"]).status == 0)
    }

    /// A first seed writes with a rollback journal (nothing to read yet): killed half-way, it
    /// leaves a hot journal, and the next writer's open rolls it back to the empty warehouse.
    @Test func anInterruptedFirstSeedLeavesAnEmptyWarehouse() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("fresh.sqlite")
        let seed = try Running(["seed", "--db", db, "--users", "300000", "--quiet"])
        #expect(seed.wait { size(db) + size(db + "-wal") > 8_000_000 }, "the seed ended before it was interrupted")
        let outcome = seed.interrupt(SIGTERM)
        #expect(outcome.status == 143 && outcome.reason == .exit)
        #expect(outcome.stderr == "warehouse: interrupted: nothing was written\n", "stderr: \(outcome.stderr)")
        #expect(FileManager.default.fileExists(atPath: db + "-journal"), "no hot journal: the seed did not write with one")
        let info = try CLIRunner.run(["info", "--db", db])
        #expect(info.status == 0, "info after the interrupted seed: \(info.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db + "-journal"), "the hot journal was not rolled back")
        let after = try state(db)
        #expect(after[0] == .integer(0) && after[4] == .integer(0), "\(after)")
    }

    @Test func anInterruptedExportLeavesNoStagingDirectoryAndAReadIsJustInterrupted() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "100000", "--quiet"]).status == 0)
        let export = try Running(["export", "--db", db, "--out", dir.path("out")])
        let staging = export.wait {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.url.path)) ?? []).contains { $0.hasPrefix(".out.partial-") }
        }
        #expect(staging, "the export ended before it was interrupted")
        let outcome = export.interrupt(SIGINT)
        #expect(outcome.status == 130 && outcome.reason == .exit)
        #expect(outcome.stderr == "warehouse: interrupted: nothing was written\n", "stderr: \(outcome.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { !$0.hasPrefix("w.sqlite") }
        #expect(left.isEmpty, "left behind: \(left)")

        // An interrupted segmentation stores no run.
        let segmentation = try Running(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "off", "--quiet"])
        Thread.sleep(forTimeInterval: 0.5)
        let segmented = segmentation.interrupt(SIGTERM)
        #expect(segmented.status == 143 && segmented.reason == .exit)
        #expect(segmented.stderr == "warehouse: interrupted: nothing was written\n", "stderr: \(segmented.stderr)")
        #expect(try Connection(path: db, options: .init(readOnly: true)).scalar("SELECT count(*) FROM segmentation_runs") == .integer(0))

        // A read-only command says only "interrupted".
        let check = try Running(["check", "--db", db])
        Thread.sleep(forTimeInterval: 0.3)
        let checked = check.interrupt(SIGINT)
        #expect(checked.status == 130 && checked.reason == .exit)
        #expect(checked.stderr == "warehouse: interrupted\n", "stderr: \(checked.stderr)")
    }
}
