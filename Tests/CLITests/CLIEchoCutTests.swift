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
}
