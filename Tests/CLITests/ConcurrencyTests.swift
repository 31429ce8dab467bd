import TestSupport
import Foundation
import Testing
import Storage

/// Readers keep reading while a seed writes (WAL), and see either the state before the seed or
/// the complete result, never a part; two writers serialise or the second fails clearly.
@Suite struct ConcurrencyTests {
    private func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        return (process, errors)
    }

    @Test func readersReadWhileASeedWrites() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1000", "--quiet"]).status == 0)
        let (writer, _) = try start(["seed", "--db", db, "--users", "60000", "--append", "--seed", "3", "--quiet"])
        var observed = Set<Int64>()
        var reads = 0
        while writer.isRunning || reads < 3 {
            let reader = try Connection(path: db, options: .init(readOnly: true, busyTimeoutMilliseconds: 2_000))
            let users = try reader.scalar("SELECT count(*) FROM users")?.int64 ?? -1
            let batches = try reader.scalar("SELECT coalesce(sum(users), 0) FROM seed_batches")?.int64 ?? -2
            #expect(users == batches, "a reader saw \(users) users but batches of \(batches)")
            observed.insert(users)
            let info = try CLIRunner.run(["info", "--db", db])
            #expect(info.status == 0, "info during a seed: \(info.stderr)")
            reads += 1
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(observed.isSubset(of: [1_000, 61_000]), "readers saw \(observed.sorted())")
        #expect(reads >= 3)
    }

    @Test func twoWritersSerialiseOrTheSecondFailsClearly() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1000", "--quiet"]).status == 0)
        let (first, firstErrors) = try start(["seed", "--db", db, "--users", "30000", "--append", "--seed", "4", "--quiet"])
        let (second, secondErrors) = try start(["run-segmentation", "--db", db, "--n-init", "1", "--elbow", "off", "--quiet"])
        first.waitUntilExit()
        second.waitUntilExit()
        let firstMessage = String(decoding: firstErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let secondMessage = String(decoding: secondErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        for (status, message) in [(first.terminationStatus, firstMessage), (second.terminationStatus, secondMessage)] where status != 0 {
            #expect(message.contains("locked by another writer"), "\(message)")
            #expect(message.split(separator: "\n").count == 1)
        }
        #expect(first.terminationStatus == 0 || second.terminationStatus == 0)
        let check = try Connection(path: db, options: .init(readOnly: true))
        #expect(try check.scalar("PRAGMA integrity_check") == .text("ok"))
        let users = try check.scalar("SELECT count(*) FROM users")?.int64
        #expect(users == (try check.scalar("SELECT sum(users) FROM seed_batches")?.int64))
        #expect(try check.scalar("SELECT count(*) FROM segment_assignments WHERE method = 'fitted'")?.int64
                == (try check.scalar("SELECT coalesce(sum(users), 0) FROM segmentation_runs")?.int64))
    }
}
