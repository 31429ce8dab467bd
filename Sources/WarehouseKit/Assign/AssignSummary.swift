/// What `warehouse assign` did, as text (`render()`) or JSON (`json()`).
public struct AssignSummary: Sendable, Encodable {
    public let runID: Int64
    /// Users placed now.
    public let assigned: Int
    /// Of them, per segment 1…k.
    public let perSegment: [Int]
    /// Users that already had a segment in the run (fitted, or assigned before).
    public let alreadyInRun: Int
    /// Users left out: no likes, nothing to place.
    /// Users outside the run left out for having no likes.
    public let usersWithoutLikes: Int
    /// Mean distance of the placed users to their centroid (PCA units); nil when none.
    @JSONNullable public private(set) var meanDistance: Double?
    /// Whether the PCA centre was stored with the run or recomputed from its users.
    let projection: RunProjection.Source
    /// A latent-class run's users are placed by its mixture: their mean membership probability
    /// (nil for other runs, or when nobody was placed).
    public internal(set) var meanProbability: Double? = nil

    public func json() throws -> String { try Format.json(self) }

    /// JSON: `per_segment` as (segment, users) objects; `mean_distance` is `null` when nobody was placed.
    public func encode(to encoder: Encoder) throws {
        struct SegmentCount: Encodable { let segment: Int, users: Int }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(assigned, forKey: .assigned)
        try container.encode(perSegment.enumerated().map { SegmentCount(segment: $0.offset + 1, users: $0.element) },
                             forKey: .perSegment)
        try container.encode(alreadyInRun, forKey: .alreadyInRun)
        try container.encode(usersWithoutLikes, forKey: .usersWithoutLikes)
        try container.encode(meanDistance, forKey: .meanDistance)
        try container.encode(projection, forKey: .projection)
        try container.encode(meanProbability, forKey: .meanProbability)
    }

    private enum Keys: String, CodingKey {
        case runID = "runId", assigned, perSegment, alreadyInRun, usersWithoutLikes, meanDistance, projection, meanProbability
    }

    public func render() -> String {
        typealias F = Format
        var lines = ["run \(runID): assigned \(F.plural(assigned, "user")) to its \(F.plural(perSegment.count, "segment"))"]
        if assigned > 0 {
            let parts = perSegment.enumerated().map { "\($0 + 1): \(F.count($1))" }
            lines += F.wrapped(parts, lead: "  per segment: ", separator: ", ")
            lines.append("  mean distance to the centroid \(F.fixed(meanDistance, 3)) (PCA units)")
            if let meanProbability {
                lines.append("  placed by the run's mixture: mean membership probability \(F.fixed(meanProbability, 3))")
            }
        }
        var rest = ["\(F.count(alreadyInRun)) already in the run"]
        if usersWithoutLikes > 0 { rest.append("\(F.count(usersWithoutLikes)) without likes left out") }
        if projection == .recomputed { rest.append("PCA centre recomputed from the run's users") }
        lines += F.wrapped(rest, lead: "  ", separator: "; ")
        return lines.joined(separator: "\n")
    }
}
