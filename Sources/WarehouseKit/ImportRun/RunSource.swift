/// `segmentation_runs.source` of an imported run: where it came from and what the engine
/// reported. Compact JSON, sorted snake_case keys.
struct RunSource: Encodable, Sendable {
    let directory: String
    let engineVersion: String?
    let master: String?
    let initMode: String?
    let reportedInertia: Double?
    let reportedIterations: Int?
    let sourceRun: Int64?
    let engineSeconds: Double?
    let assignmentFiles: Int

    /// `Format.json`, compact. Absent values are left out (not `null`), as in the rows stored
    /// before: every stored `source` is written the one way.
    func json() throws -> String { try Format.json(self, compact: true) }
}
