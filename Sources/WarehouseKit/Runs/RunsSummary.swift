import WarehouseTables

/// `warehouse runs`: every segmentation run with its parameters and scores, oldest first.
public struct RunsSummary: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public let id: Int64
        public let createdAt: String
        public let k: Int
        /// PCA components kept.
        public let components: Int
        /// The feature sets, as given to `--features` ("category_share").
        public let featureSets: String
        public let seed: Int64
        public let nInit: Int
        /// Users the run clustered.
        public let users: Int
        /// Users placed in it later by `warehouse assign`.
        public let assignedUsers: Int
        public let inertia: Double
        @JSONNullable public private(set) var silhouette: Double?
        /// Knee of the elbow curve, nil without a sweep or a clear knee.
        @JSONNullable public private(set) var suggestedK: Int?
        /// Clamped to 0…1 and rounded to 12 decimals for output (`Format.unitRatio`).
        public let explainedVariance: Double
        /// Adjusted Rand index against the planted personas; nil without ground truth.
        @JSONNullable public private(set) var adjustedRandIndex: Double?
        @JSONNullable public private(set) var alignedTo: Int64?
        public let seconds: Double
        /// 'warehouse', or the engine of an imported run (e.g. 'spark').
        public let engine: String
        /// 'kmeans' or 'latent-class'.
        public let method: String
        /// What a latent-class run's mixing weights depend on ('age-group', 'gender',
        /// 'age-group,gender'); nil: nothing.
        @JSONNullable public private(set) var covariates: String?
        /// The segments' names in segment order (generated now for a run stored before names existed).
        public let segmentNames: [String]
        /// How the run counted interactions over time; nil: all-time likes.
        @JSONNullable public private(set) var window: String?
        /// The window's end, Unix seconds; nil: all-time likes.
        @JSONNullable public private(set) var asOf: Int64?
    }

    public let runs: [Entry]

    public func json() throws -> String { try Format.json(self) }

    /// One row per run, at most 100 columns: the scores and what tells runs apart, with a notes
    /// column (users assigned later, the run it is aligned to, an engine other than ours) when a run
    /// has any. `--json` has every field (seed, restarts, components, explained variance, knee, time).
    public func render() -> String {
        typealias F = Format
        guard !runs.isEmpty else { return "no segmentation runs yet (run `warehouse run-segmentation`)" }
        func notes(_ run: Entry) -> [String] {
            var notes: [String] = []
            if run.engine != "warehouse" { notes.append(F.printable(run.engine)) }
            if run.method != "kmeans" {
                notes.append(run.method + (run.covariates.map { ", " + $0.replacingOccurrences(of: "age-group", with: "age").replacingOccurrences(of: ",", with: " × ") } ?? ""))
            }
            if let alignedTo = run.alignedTo { notes.append("aligned to \(alignedTo)") }
            if let window = run.window { notes.append(window) }
            if run.assignedUsers > 0 { notes.append("\(F.count(run.assignedUsers)) assigned") }
            return notes
        }
        let anyNotes = runs.contains { !notes($0).isEmpty }
        var columns: [(String, TextTable.Alignment)] = [
            ("run", .right), ("created (UTC)", .left), ("k", .right), ("features", .left), ("users", .right),
            ("inertia", .right), ("silhouette", .right), ("ARI", .right)]
        if anyNotes { columns.append(("notes", .left)) }
        var table = TextTable(columns, cut: ["features", "notes"])
        for run in runs {
            var cells = [String(run.id), F.minute(run.createdAt), String(run.k), run.featureSets, F.count(run.users),
                         F.fixed(run.inertia, 1), F.score(run.silhouette), F.score(run.adjustedRandIndex)]
            if anyNotes { cells.append(notes(run).joined(separator: "; ")) }
            table.append(cells)
        }
        return table.lines().joined(separator: "\n")
    }
}
