import Foundation

/// One finished (or killed) subprocess of the harness.
struct HarnessOutcome: Sendable {
    /// The exit status, or the signal number when `signalled`.
    var status: Int32
    /// Ended by a signal it did not catch (our own SIGKILL on a hang included).
    var signalled: Bool
    /// Killed by the harness after the time limit.
    var timedOut: Bool
    var seconds: Double
    var stdout: Data
    var stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    /// The stderr lines, without the trailing empty one.
    var errorLines: [String] { stderrText.split(separator: "\n").map(String.init) }
    /// The line a trap prints ("Fatal error: …", "Precondition failed: …"), else the first line.
    var crashLine: String {
        errorLines.first { $0.contains("Fatal error") || $0.contains("failed:") } ?? errorLines.first ?? ""
    }
}

/// Runs subprocesses with a time limit and an address-space limit, output kept in files (a full
/// pipe cannot block the child), and no backtracer (a trap should end at once, not symbolicate).
enum HarnessProcess {
    /// Runs `executable arguments` in `directory`, killing it after `timeout` seconds. A virtual
    /// memory limit (`ulimit -v`, KiB) turns a runaway allocation into a failed allocation (a trap)
    /// instead of a machine out of memory.
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil, in directory: URL,
                    timeout: Double, memoryLimitKiB: Int? = 2 << 20) throws -> HarnessOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = memoryLimitKiB.map { "ulimit -v \($0) && " } ?? ""
        process.arguments = ["-c", limit + "exec \"$0\" \"$@\"", executable] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "WAREHOUSE_DB")
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.currentDirectoryURL = directory
        let token = UUID().uuidString
        let outURL = directory.appendingPathComponent(".harness-\(token).out")
        let errURL = directory.appendingPathComponent(".harness-\(token).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        var inputURL: URL?
        if let stdin {
            let url = directory.appendingPathComponent(".harness-\(token).in")
            try Data(stdin.utf8).write(to: url)
            process.standardInput = try FileHandle(forReadingFrom: url)
            inputURL = url
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        defer { if let inputURL { try? FileManager.default.removeItem(at: inputURL) } }

        let started = monotonicSeconds()
        try process.run()
        var timedOut = false
        while process.isRunning {
            if monotonicSeconds() - started > timeout {
                kill(process.processIdentifier, SIGKILL)
                timedOut = true
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        let seconds = monotonicSeconds() - started
        try? outHandle.close()
        try? errHandle.close()
        return HarnessOutcome(status: process.terminationStatus,
                              signalled: process.terminationReason == .uncaughtSignal,
                              timedOut: timedOut, seconds: seconds,
                              stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                              stderr: (try? Data(contentsOf: errURL)) ?? Data())
    }

    /// The sqlite3 shell on `db`, SQL on stdin, stopping at the first error (`-bail`).
    static func sqlite(_ db: String, _ sql: String, in directory: URL, timeout: Double = 20) throws -> HarnessOutcome {
        try run("/usr/bin/env", ["sqlite3", "-bail", db], stdin: sql, in: directory, timeout: timeout, memoryLimitKiB: nil)
    }

    /// Rows of a query through the sqlite3 shell (`|`-separated), nil when it fails or times out.
    static func query(_ db: String, _ sql: String, in directory: URL, timeout: Double = 20) -> [[String]]? {
        guard let outcome = try? sqlite(db, sql, in: directory, timeout: timeout),
              !outcome.signalled, outcome.status == 0 else { return nil }
        return outcome.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// One integer from a query, nil when it fails or is not an integer.
    static func integer(_ db: String, _ sql: String, in directory: URL, timeout: Double = 20) -> Int64? {
        query(db, sql, in: directory, timeout: timeout)?.first?.first.flatMap { Int64($0) }
    }
}
