/// What `warehouse import-run` stored: as text for people (`render()`), as JSON for programs.
public struct ImportSummary: Sendable, Encodable {
    public let runID: Int64
    public let engine: String
    @JSONNullable public private(set) var engineVersion: String?
    public let directory: String
    public let users: Int
    public let k: Int
    public let components: Int
    /// Clamped to 0…1 and rounded to 12 decimals (`Format.unitRatio`) when printed.
    public let explainedVariance: Double
    /// Recomputed on our PCA scores (what the run stores).
    public let inertia: Double
    /// What the engine reported (its own PCA basis; with Spark, the cost before its last centroid update).
    @JSONNullable public private(set) var reportedInertia: Double?
    @JSONNullable public private(set) var iterations: Int?
    @JSONNullable public private(set) var silhouette: Double?
    @JSONNullable public private(set) var adjustedRandIndex: Double?
    /// ARI of the Bayes classifier that knows the planted persona parameters (the ceiling of any
    /// segmentation); nil without planted personas.
    public internal(set) var ceilingAdjustedRandIndex: Double? = nil
    /// Users the ceiling was computed on (all up to 100,000, else a seeded sample).
    public internal(set) var ceilingUsers: Int? = nil
    /// Users per stored segment, 1…k.
    public let segmentSizes: [Int]
    @JSONNullable public private(set) var sourceRun: Int64?
    @JSONNullable public private(set) var alignedTo: Int64?
    @JSONNullable public private(set) var engineSeconds: Double?
    /// This import's wall time.
    public let seconds: Double

    /// inertia / reported inertia, nil when the engine reported none (or 0).
    public var inertiaRatio: Double? {
        guard let reportedInertia, reportedInertia > 0 else { return nil }
        return inertia / reportedInertia
    }

    /// - Parameter database: the `--db` the command was given, repeated in the "next:" hint.
    public func render(database: String? = nil) -> String {
        typealias F = Format
        var lines = F.wrapped(["imported run \(runID) from \(F.printable(engine))\(engineVersion.map { " \(F.printable($0))" } ?? "") "
                               + "(\(F.printable(directory)))",
                               "in \(F.seconds(seconds))" + (engineSeconds.map { "; the engine took \(F.seconds($0))" } ?? "")],
                              lead: "", separator: " ", indent: "  ")
        lines += F.wrapped(["\(F.plural(users, "user")), k = \(k)",
                            "\(F.plural(components, "PCA component")) (\(F.percent(Format.unitRatio(explainedVariance))) of the variance)"]
                           + (sourceRun.map { ["exported from run \($0)"] } ?? []) + (alignedTo.map { ["numbered like run \($0)"] } ?? []),
                           lead: "", separator: ", ", indent: "  ")
        var inertiaParts = ["inertia \(F.fixed(inertia, 2)) on our PCA scores"]
        if let reportedInertia {
            inertiaParts.append("the engine reported \(F.fixed(reportedInertia, 2))" + (inertiaRatio.map { " (ratio \(F.fixed($0, 6)))" } ?? ""))
        }
        if let iterations { inertiaParts.append("after \(F.plural(iterations, "iteration"))") }
        lines += F.wrapped(inertiaParts, lead: "", separator: "; ", indent: "  ")
        var scores = "silhouette \(F.score(silhouette)), adjusted Rand index vs planted personas \(F.score(adjustedRandIndex))"
        if let ceilingAdjustedRandIndex {
            scores += ", ceiling \(F.score(ceilingAdjustedRandIndex))"
            if let ceilingUsers, ceilingUsers < users { scores += " (on a seeded sample of \(F.count(ceilingUsers)))" }
        }
        lines += F.wrapped([scores], lead: "", separator: "", indent: "  ")
        lines += F.wrapped(segmentSizes.enumerated().map { "\($0.offset + 1): \(F.count($0.element))" },
                           lead: "segments (users): ", separator: ", ", indent: "  ")
        if let sourceRun {
            lines.append("next: warehouse compare\(F.databaseArgument(database)) \(sourceRun) \(runID)")
        }
        return lines.joined(separator: "\n")
    }

    public func json() throws -> String { try Format.json(self) }

    /// JSON: `segment_sizes` as (segment, users) objects, absent values `null`, `explained_variance`
    /// clamped and rounded (`Format.unitRatio`), `inertia_ratio` included.
    public func encode(to encoder: Encoder) throws {
        struct SegmentCount: Encodable { let segment: Int, users: Int }
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(runID, forKey: .runID)
        try c.encode(engine, forKey: .engine)
        try c.encode(engineVersion, forKey: .engineVersion)
        try c.encode(directory, forKey: .directory)
        try c.encode(users, forKey: .users)
        try c.encode(k, forKey: .k)
        try c.encode(components, forKey: .components)
        try c.encode(Format.unitRatio(explainedVariance), forKey: .explainedVariance)
        try c.encode(inertia, forKey: .inertia)
        try c.encode(reportedInertia, forKey: .reportedInertia)
        try c.encode(inertiaRatio, forKey: .inertiaRatio)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(silhouette, forKey: .silhouette)
        try c.encode(adjustedRandIndex, forKey: .adjustedRandIndex)
        try c.encode(ceilingAdjustedRandIndex, forKey: .ceilingAdjustedRandIndex)
        try c.encode(ceilingUsers, forKey: .ceilingUsers)
        try c.encode(segmentSizes.enumerated().map { SegmentCount(segment: $0.offset + 1, users: $0.element) }, forKey: .segmentSizes)
        try c.encode(sourceRun, forKey: .sourceRun)
        try c.encode(alignedTo, forKey: .alignedTo)
        try c.encode(engineSeconds, forKey: .engineSeconds)
        try c.encode(seconds, forKey: .seconds)
    }

    private enum Keys: String, CodingKey {
        case runID, engine, engineVersion, directory, users, k, components, explainedVariance, inertia, reportedInertia
        case inertiaRatio, iterations, silhouette, adjustedRandIndex, ceilingAdjustedRandIndex, ceilingUsers, segmentSizes, sourceRun, alignedTo, engineSeconds, seconds
    }
}
