import Foundation
import TestSupport
import Testing

/// Issue 24 (5): terminal escapes in `--db`, `--out` and import file names reached the terminal
/// raw from `seed`, `info`, `report` and `import` messages. Every line printed in text mode now
/// goes through `Format.printable`, whichever message carries the path.
@Suite struct TerminalEscapeTests {
    /// Control characters other than the line break, as raw bytes.
    private func raw(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
    }

    @Test func noPathReachesTheTerminalRaw() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w\u{1B}[31m.sqlite")
        let out = dir.path("r\u{1B}]0;title\u{7}.html")
        var outcomes = [try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]),
                        try CLIRunner.run(["info", "--db", db]),
                        try CLIRunner.run(["run-segmentation", "--db", db, "--k", "2", "--n-init", "1", "--elbow", "off", "--quiet"]),
                        try CLIRunner.run(["report", "--db", db, "--out", out]),
                        try CLIRunner.run(["check", "--db", db])]
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map { "\($0.status) \($0.stderr)" })")
        // Refusals name the path too: a missing database, an import file that is not there.
        outcomes.append(try CLIRunner.run(["info", "--db", dir.path("no\u{1B}[2J.sqlite")]))
        outcomes.append(try CLIRunner.run(["import", "--db", dir.path("i\u{1B}[5m.sqlite"), "--catalog", dir.path("c\u{1B}[1m.csv"),
                                           "--users", dir.path("u.csv"), "--likes", dir.path("l.csv")]))
        #expect(outcomes.suffix(2).allSatisfy { $0.status != 0 })
        for outcome in outcomes {
            #expect(raw(outcome.stdout).isEmpty && raw(outcome.stderr).isEmpty, "\(outcome.stdout.debugDescription) \(outcome.stderr.debugDescription)")
        }
        #expect(outcomes[0].stdout.contains("\\u{1B}[31m") && outcomes[3].stdout.contains("\\u{1B}]0;title\\u{7}"))
    }
}
