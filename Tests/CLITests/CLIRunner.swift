import Testing
import Foundation

/// Runs the built `warehouse` executable as a subprocess, as a user would.
struct CLIRunner {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String

        /// The stderr lines, without the trailing empty one.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// The executable SwiftPM built next to the test bundle.
    static let executable: URL = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("warehouse").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("warehouse")
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> Outcome {
        try run(executable, arguments, environment: environment, in: directory)
    }

    /// `command` run by `/bin/sh -c` in `directory` (for a limit set with `ulimit`, say).
    static func run(in directory: URL, shell command: String) throws -> Outcome {
        try run(URL(fileURLWithPath: "/bin/sh"), ["-c", command], environment: [:], in: directory)
    }

    private static func run(_ program: URL, _ arguments: [String], environment: [String: String], in directory: URL?) throws -> Outcome {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "WAREHOUSE_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A refusal as every command gives one: a non-zero exit (exactly `status` when given), ONE line
/// on stderr, and each of `fragments` (the option, the value, the reason) in it.
func expectOneLineError(_ outcome: CLIRunner.Outcome, mentioning fragments: [String], status: Int32? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    if let status {
        #expect(outcome.status == status, "status \(outcome.status)", sourceLocation: sourceLocation)
    } else {
        #expect(outcome.status != 0, sourceLocation: sourceLocation)
    }
    #expect(outcome.errorLines.count == 1, "stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(outcome.stderr.contains(fragment), "stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
    }
}
