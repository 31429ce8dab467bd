/// What `warehouse import-run` stored: as text for people (`render()`), as JSON for programs
/// (`json()`, the shared encoder: every key always written, absent values `null`).
public struct ImportRunSummary: Sendable, Encodable {
    /// One entry of JSON's `segment_sizes`.
    struct SegmentCount: Encodable, Sendable, Equatable { let segment: Int, users: Int }

    public let runID: Int64
    public let engine: String
    @JSONNullable public private(set) var engineVersion: String?
    public let directory: String
    public let users: Int
    public let k: Int
    public let components: Int
    /// Clamped to 0…1 and rounded to 12 decimals (`Format.unitRatio`) when made, as printed.
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
    @JSONNullable public internal(set) var ceilingAdjustedRandIndex: Double? = nil
    /// Users the ceiling was computed on (all up to 100,000, else a seeded sample).
    @JSONNullable public internal(set) var ceilingUsers: Int? = nil
    /// Users per stored segment, 1…k (in JSON as `segmentCounts`).
    public let segmentSizes: [Int]
    /// `segmentSizes` as (segment, users) objects, JSON's `segment_sizes`.
    let segmentCounts: [SegmentCount]
    @JSONNullable public private(set) var sourceRun: Int64?
    @JSONNullable public private(set) var alignedTo: Int64?
    @JSONNullable public private(set) var engineSeconds: Double?
    /// This import's wall time.
    public let seconds: Double

    /// inertia / reported inertia, nil when the engine reported none (or 0).
    @JSONNullable public private(set) var inertiaRatio: Double?

    init(runID: Int64, engine: String, engineVersion: String?, directory: String, users: Int, k: Int, components: Int,
         explainedVariance: Double, inertia: Double, reportedInertia: Double?, iterations: Int?, silhouette: Double?,
         adjustedRandIndex: Double?, segmentSizes: [Int], sourceRun: Int64?, alignedTo: Int64?, engineSeconds: Double?,
         seconds: Double) {
        self.runID = runID
        self.engine = engine
        self.engineVersion = engineVersion
        self.directory = directory
        self.users = users
        self.k = k
        self.components = components
        self.explainedVariance = Format.unitRatio(explainedVariance)
        self.inertia = inertia
        self.reportedInertia = reportedInertia
        self.iterations = iterations
        self.silhouette = silhouette
        self.adjustedRandIndex = adjustedRandIndex
        self.segmentSizes = segmentSizes
        segmentCounts = segmentSizes.enumerated().map { SegmentCount(segment: $0.offset + 1, users: $0.element) }
        self.sourceRun = sourceRun
        self.alignedTo = alignedTo
        self.engineSeconds = engineSeconds
        self.seconds = seconds
        inertiaRatio = reportedInertia.flatMap { $0 > 0 ? inertia / $0 : nil }
    }

    /// - Parameter database: the `--db` the command was given, repeated in the "next:" hint.
    public func render(database: String? = nil) -> String {
        typealias F = Format
        var lines = F.wrapped(["imported run \(runID) from \(F.printable(engine))\(engineVersion.map { " \(F.printable($0))" } ?? "") "
                               + "(\(F.printable(directory)))",
                               "in \(F.seconds(seconds))" + (engineSeconds.map { "; the engine took \(F.seconds($0))" } ?? "")],
                              lead: "", separator: " ", indent: "  ")
        lines += F.wrapped(["\(F.plural(users, "user")), k = \(k)",
                            "\(F.plural(components, "PCA component")) (\(F.percent(explainedVariance)) of the variance)"]
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

    /// Every stored property but `segmentSizes`, which JSON has as `segmentCounts` under its name.
    private enum CodingKeys: String, CodingKey {
        case runID, engine, engineVersion, directory, users, k, components, explainedVariance, inertia, reportedInertia
        case inertiaRatio, iterations, silhouette, adjustedRandIndex, ceilingAdjustedRandIndex, ceilingUsers, sourceRun, alignedTo
        case engineSeconds, seconds
        case segmentCounts = "segmentSizes"
    }
}
