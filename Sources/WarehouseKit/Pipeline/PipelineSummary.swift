/// What `warehouse pipeline` did, step by step: text (`render()`) or JSON (absent values `null`).
public struct PipelineSummary: Sendable, Encodable {
    /// The segmentation run, in brief (`run-segmentation --json` has everything).
    public struct Run: Sendable, Encodable {
        let runID: Int64
        let k: Int
        let users: Int
        @JSONNullable var adjustedRandIndex: Double?
        @JSONNullable var suggestedK: Int?
        let seconds: Double

        init(_ result: SegmentationResult) {
            runID = result.runID
            k = result.settings.k
            users = result.users
            adjustedRandIndex = result.adjustedRandIndex
            suggestedK = result.elbow?.suggestedK
            seconds = result.totalSeconds
        }
    }

    let database: String
    /// The seed, `null` when the warehouse already had users.
    @JSONNullable var seeded: SeedSummary?
    /// Users the warehouse had before (0: it was seeded).
    let existingUsers: Int
    let run: Run
    let report: ReportSummary

    public func json() throws -> String { try Format.json(self) }

    public func render() -> String {
        (Self.seedStep(seeded, existingUsers: existingUsers, database: database) + Self.runStep(run) + Self.reportStep(report))
            .joined(separator: "\n")
    }

    static func seedStep(_ seeded: SeedSummary?, existingUsers: Int, database: String) -> [String] {
        typealias F = Format
        guard let seeded else {
            return F.wrapped(["1/3 \(database) already has \(F.plural(existingUsers, "user")):", "segmenting them (no seeding)"],
                             lead: "", separator: " ", indent: "    ")
        }
        return F.wrapped(["1/3 seeded \(F.plural(seeded.users, "user")), \(F.plural(seeded.likeRows, "like row"))"
                            + (seeded.interactions > 0 ? ", \(F.plural(seeded.interactions, "interaction"))" : ""),
                          "in \(F.seconds(seeded.seconds)) into \(database)"], lead: "", separator: " ", indent: "    ")
    }

    static func runStep(_ run: Run) -> [String] {
        typealias F = Format
        var parts = ["2/3 run \(run.runID): \(F.plural(run.k, "segment")) of \(F.plural(run.users, "user"))"]
        if let ari = run.adjustedRandIndex { parts.append("adjusted Rand index vs planted personas \(F.score(ari))") }
        if let suggested = run.suggestedK { parts.append("elbow suggests k = \(suggested)") }
        parts[parts.count - 1] += " in \(F.seconds(run.seconds))"
        return F.wrapped(parts, lead: "", separator: ", ", indent: "    ")
    }

    static func reportStep(_ report: ReportSummary) -> [String] {
        typealias F = Format
        return F.wrapped(["3/3 wrote \(report.path) (\(F.bytes(report.bytes)), \(F.plural(report.charts, "chart"))):",
                          "open it in a browser"], lead: "", separator: " ", indent: "    ")
    }
}
