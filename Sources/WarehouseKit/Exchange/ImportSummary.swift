/// What `warehouse import-run` stored: as text for people (`render()`), as JSON for programs.
public struct ImportSummary: Sendable, Encodable {
    public let runID: Int64
    public let engine: String
    public let engineVersion: String?
    public let directory: String
    public let users: Int
    public let k: Int
    public let components: Int
    public let explainedVariance: Double
    /// Recomputed on our PCA scores (what the run stores).
    public let inertia: Double
    /// What the engine reported (its own PCA basis; with Spark, the cost before its last centroid update).
    public let reportedInertia: Double?
    public let iterations: Int?
    public let silhouette: Double?
    public let adjustedRandIndex: Double?
    /// Users per stored segment, 1…k.
    public let segmentSizes: [Int]
    public let sourceRun: Int64?
    public let alignedTo: Int64?
    public let engineSeconds: Double?
    /// This import's wall time.
    public let seconds: Double

    /// inertia / reported inertia, nil when the engine reported none (or 0).
    public var inertiaRatio: Double? {
        guard let reportedInertia, reportedInertia > 0 else { return nil }
        return inertia / reportedInertia
    }

    public func render() -> String {
        typealias F = TargetingFormat
        var lines = [
            "imported run \(runID) from \(engine)\(engineVersion.map { " \($0)" } ?? "") (\(directory)) in \(fixed(seconds, 1)) s"
                + (engineSeconds.map { "; the engine took \(fixed($0, 1)) s" } ?? ""),
            "\(F.count(users)) users, k = \(k), \(components) PCA components (\(F.percent(explainedVariance)) of the variance)"
                + (sourceRun.map { ", exported from run \($0)" } ?? "") + (alignedTo.map { ", numbered like run \($0)" } ?? ""),
            "inertia \(fixed(inertia, 2)) on our PCA scores"
                + (reportedInertia.map { "; the engine reported \(fixed($0, 2))" } ?? "")
                + (inertiaRatio.map { " (ratio \(fixed($0, 6)))" } ?? "")
                + (iterations.map { " after \($0) iterations" } ?? ""),
            "silhouette \(silhouette.map { fixed($0, 4) } ?? "-"), ARI vs planted personas \(adjustedRandIndex.map { fixed($0, 4) } ?? "-")",
            "segments (users): " + segmentSizes.enumerated().map { "\($0.offset + 1): \(F.count($0.element))" }.joined(separator: ", "),
        ]
        if let sourceRun {
            lines.append("next: warehouse compare \(sourceRun) \(runID)")
        }
        return lines.joined(separator: "\n")
    }

    public func json() throws -> String { try TargetingFormat.json(self) }
}
