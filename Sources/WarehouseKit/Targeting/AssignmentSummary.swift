/// What `warehouse assign` did, as text (`render()`) or JSON (`json()`).
public struct AssignmentSummary: Sendable, Encodable {
    public let runID: Int64
    /// Users placed now.
    public let assigned: Int
    /// Of them, per segment 1…k.
    public let perSegment: [Int]
    /// Users that already had a segment in the run (fitted, or assigned before).
    public let alreadyInRun: Int
    /// Users left out: no likes, nothing to place.
    public let withoutLikes: Int
    /// Mean distance of the placed users to their centroid (PCA units); nil when none.
    public let meanDistance: Double?
    /// Whether the PCA centre was stored with the run or recomputed from its users.
    let projection: RunProjection.Source

    public func json() throws -> String { try TargetingFormat.json(self) }

    public func render() -> String {
        typealias F = TargetingFormat
        var line = "run \(runID): assigned \(F.count(assigned)) users to its \(perSegment.count) segments"
        if assigned > 0 {
            let parts = perSegment.enumerated().map { "\($0 + 1): \(F.count($1))" }.joined(separator: ", ")
            line += " (\(parts); mean distance \(fixed(meanDistance ?? 0, 3)))"
        }
        line += "; \(F.count(alreadyInRun)) already in the run"
        if withoutLikes > 0 { line += "; \(F.count(withoutLikes)) without likes left out" }
        if projection == .recomputed { line += "; PCA centre recomputed from the run's users" }
        return line
    }
}
