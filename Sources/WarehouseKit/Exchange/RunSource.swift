import Foundation

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

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
