/// What `warehouse check` found: one verdict per check, in the order they ran.
public struct CheckSummary: Sendable, Encodable {
    public struct Verdict: Sendable, Encodable, Equatable {
        public enum Status: String, Sendable, Encodable {
            case ok
            case failed
            /// Not run: an earlier check found the schema unfit for it.
            case skipped
        }

        /// A short snake_case name: `integrity`, `foreign_keys`, `likes_sum`, …
        public let name: String
        /// What the check verifies, in a few words.
        public let rule: String
        public let status: Status
        /// Offenders found (0 when ok or skipped).
        public let count: Int64
        /// The first offender, named; nil when ok.
        public let detail: String?

        public var passed: Bool { status == .ok }
    }

    /// The database file checked.
    public let database: String
    public let checks: [Verdict]

    public var passed: Bool { checks.allSatisfy(\.passed) }
    public var failures: Int { checks.filter { !$0.passed }.count }

    private enum CodingKeys: String, CodingKey { case database, passed, checks }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(database, forKey: .database)
        try container.encode(passed, forKey: .passed)
        try container.encode(checks, forKey: .checks)
    }

    public func json() throws -> String { try Format.json(self) }

    /// One line per check: its name, "ok" or the first offender with the count; a summary line when all pass.
    public func render() -> String {
        let width = (checks.map(\.name.count).max() ?? 0) + 2
        var lines = checks.map { verdict -> String in
            let name = verdict.name + String(repeating: " ", count: max(0, width - verdict.name.count))
            switch verdict.status {
            case .ok: return name + "ok"
            case .failed, .skipped: return name + verdict.status.rawValue.uppercased() + ": " + (verdict.detail ?? "")
            }
        }
        // On a failure the CLI's one line on stderr says how many did not pass.
        if passed { lines.append("all \(checks.count) checks passed on '\(database)'") }
        return lines.joined(separator: "\n")
    }
}
