import Foundation
import TestSupport
import Testing

/// Issue 24, item 6: an echoed value is cut by Unicode scalars, never by characters: `Z` followed
/// by 20,000 combining accents is ONE character, and a refusal echoing "its first 30 characters"
/// printed all 40 KB of it.
@Suite struct CLIEchoCutTests {
    static let oneCharacter = "Z" + String(repeating: "\u{301}", count: 20_000)

    private func expectShortOneLine(_ outcome: CLIRunner.Outcome, status: Int32, mentioning fragment: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == status, "status \(outcome.status)", sourceLocation: sourceLocation)
        #expect(outcome.errorLines.count == 1, "\(outcome.errorLines.count) lines", sourceLocation: sourceLocation)
        #expect(outcome.stderr.utf8.count < 1_000, "stderr is \(outcome.stderr.utf8.count) bytes", sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains(fragment), "stderr: \(outcome.stderr.prefix(300))", sourceLocation: sourceLocation)
    }

    @Test func aValueOfOneHugeCharacterIsEchoedShort() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "300", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--k", "3", "--elbow", "off", "--quiet"]).status == 0)
        let value = Self.oneCharacter
        expectShortOneLine(try CLIRunner.run(["name", "--db", db, "--segment", "1", value]), status: 64,
                           mentioning: "is 20001 characters, more than 80")
        expectShortOneLine(try CLIRunner.run(["audience", "--db", db, "--segment", value, "--out", dir.path("a.csv")]), status: 1,
                           mentioning: "has no segment named '")
        expectShortOneLine(try CLIRunner.run(["name", "--db", db, "--segment", value]), status: 64,
                           mentioning: "give the new name for --segment ")
        // A mistyped command of that one character: the typo is cut too.
        expectShortOneLine(try CLIRunner.run([value, "--db", db]), status: 64, mentioning: "unknown command '")
    }

    /// Any value echoed whole by any refusal (a 40,000-character `--db`, `--run`, `--features`) is
    /// cut where every error line is printed: one line of at most `lineLimit` (2,000) scalars.
    @Test func everyEchoedValueIsCutWhereTheLineIsPrinted() throws {
        let long = String(repeating: "Z", count: 40_000)
        for arguments in [["info", "--db", "/nonexistent/" + long], ["target", "--run", long], ["run-segmentation", "--features", long],
                          ["info", "--db", "/nonexistent/" + Self.oneCharacter]] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status != 0 && outcome.errorLines.count == 1, "\(outcome.status)")
            #expect(outcome.stderr.unicodeScalars.count <= 2_000 + 40, "\(arguments[0]): \(outcome.stderr.unicodeScalars.count) scalars")
            #expect(outcome.stderr.contains("…"))
        }
    }
}
