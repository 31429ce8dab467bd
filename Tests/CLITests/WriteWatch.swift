import Foundation
import Storage

/// Seconds on a monotonic clock, for measuring when things happened relative to each other.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// A `warehouse` subprocess started in the background, with its stderr kept in a file (a pipe
/// nobody reads could fill and block the child) and the moments it started and was seen to end.
final class BackgroundCommand {
    let arguments: [String]
    let process = Process()
    let startedAt: Double
    private let errorFile: URL
    private(set) var endedAt: Double?

    init(_ arguments: [String], errorFile: URL) throws {
        self.arguments = arguments
        self.errorFile = errorFile
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "WAREHOUSE_DB")
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        startedAt = monotonicSeconds()
        try process.run()
    }

    /// Whether it still runs; records the first moment it was seen ended.
    var isRunning: Bool {
        if process.isRunning { return true }
        if endedAt == nil { endedAt = monotonicSeconds() }
        return false
    }

    /// Polls until it ends (recording when), at most `timeout` seconds; then kills it.
    func wait(timeout: Double = 120) {
        let deadline = monotonicSeconds() + timeout
        while isRunning && monotonicSeconds() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        if isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = isRunning
    }

    var stderr: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    /// Killed by SIGKILL, rather than exited (with whatever status) before the kill landed.
    var diedBySIGKILL: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }
    var exitedCleanly: Bool { process.terminationReason == .exit && process.terminationStatus == 0 }
}

/// What can be seen of a write from outside the writing process.
enum WriteWatch {
    /// The size of the database's write-ahead log, 0 when there is none.
    static func walSize(_ db: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: db + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// True while another connection holds the database's write lock: `BEGIN IMMEDIATE` with no
    /// busy timeout fails then (and when it succeeds, the probe lets go at once).
    static func writeLockHeld(_ db: String) -> Bool {
        guard let probe = try? Connection(path: db, options: .init(readOnly: false, create: false, busyTimeoutMilliseconds: 0))
        else { return false }
        do {
            try probe.execute("BEGIN IMMEDIATE")
            try? probe.execute("ROLLBACK")
            return false
        } catch let error as SQLiteError {
            return error.isBusy
        } catch {
            return false
        }
    }

    /// Polls `condition` every 2 ms while `command` runs; true once it holds (the command still
    /// running), false if the command ended or `timeout` passed first.
    static func waitUntil(_ command: BackgroundCommand, timeout: Double = 60, _ condition: () -> Bool) -> Bool {
        let deadline = monotonicSeconds() + timeout
        while command.isRunning && monotonicSeconds() < deadline {
            if condition() { return command.isRunning }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return false
    }
}
