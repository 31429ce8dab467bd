import Foundation

/// Defects already filed (issue 15) that the harness still finds on this branch. A failure that
/// matches one is reported as a known issue, so the suite passes until the fix lands and then
/// simply stops seeing it; every other failure fails the suite.
struct KnownDefect: Sendable {
    let name: String
    let matches: @Sendable (HostileEdit, String, HarnessFailure) -> Bool

    /// The command's name without its options ("recommend --json" → "recommend").
    static func verb(_ command: String) -> String { String(command.split(separator: " ").first ?? "") }

    /// An integer literal at or beyond `bound` in magnitude.
    static func huge(_ value: String?, atLeast bound: Double) -> Bool {
        guard let value, let number = Double(value.trimmingCharacters(in: CharacterSet(charactersIn: "()"))) else { return false }
        return abs(number) >= bound
    }

    /// Empty: every defect issue 15 listed is fixed, and the harness's cases for them (1000…1008)
    /// now fail the suite if one comes back. Add an entry here only for a defect filed and not
    /// yet fixed, naming its issue.
    static let all: [KnownDefect] = []

    static func match(_ edit: HostileEdit, _ command: String, _ failure: HarnessFailure) -> KnownDefect? {
        all.first { $0.matches(edit, command, failure) }
    }
}
