/// `warehouse runs`: every segmentation run with its parameters and scores, oldest first.
public struct RunCatalogue: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public let id: Int64
        public let createdAt: String
        public let k: Int
        public let components: Int
        public let features: String
        public let seed: Int64
        public let nInit: Int
        /// Users the run clustered.
        public let users: Int
        /// Users placed in it later by `warehouse assign`.
        public let assignedUsers: Int
        public let inertia: Double
        public let silhouette: Double?
        /// Knee of the elbow curve, nil without a sweep or a clear knee.
        public let suggestedK: Int?
        public let explainedVariance: Double
        /// Adjusted Rand index against the planted personas; nil without ground truth.
        public let ari: Double?
        public let alignedTo: Int64?
        public let seconds: Double
        /// 'warehouse', or the engine of an imported run (e.g. 'spark').
        public let engine: String
    }

    public let runs: [Entry]

    public static func read(store: WarehouseStore) throws -> RunCatalogue {
        try store.snapshot {
            let connection = store.connection
            let assigned = try AssignmentsTable.assignedCounts(from: connection)
            let runs = try RunRecord.all(from: connection).map { run in
                Entry(id: run.id, createdAt: run.createdAt, k: run.k, components: run.components, features: run.features,
                      seed: run.seed, nInit: run.nInit, users: run.users, assignedUsers: assigned[run.id] ?? 0,
                      inertia: run.inertia, silhouette: run.silhouette, suggestedK: run.suggestedK,
                      explainedVariance: run.explainedVariance, ari: run.ari, alignedTo: run.alignedTo, seconds: run.seconds,
                      engine: run.engine)
            }
            return RunCatalogue(runs: runs)
        }
    }

    public func json() throws -> String { try TargetingFormat.json(self) }

    public func render() -> String {
        typealias F = TargetingFormat
        guard !runs.isEmpty else { return "no segmentation runs yet (run `warehouse run-segmentation`)" }
        var table = TextTable([("run", .right), ("created", .left), ("k", .right), ("pcs", .right), ("features", .left),
                               ("seed", .right), ("users", .right), ("assigned", .right), ("inertia", .right),
                               ("silhouette", .right), ("suggested k", .right), ("variance", .right), ("ARI", .right),
                               ("aligned to", .right), ("engine", .left)])
        for run in runs {
            table.append([String(run.id), run.createdAt, String(run.k), String(run.components), run.features, String(run.seed),
                          F.count(run.users), F.count(run.assignedUsers), fixed(run.inertia, 1),
                          run.silhouette.map { fixed($0, 3) } ?? "-", run.suggestedK.map(String.init) ?? "-",
                          F.percent(run.explainedVariance), run.ari.map { fixed($0, 3) } ?? "-",
                          run.alignedTo.map(String.init) ?? "-", run.engine])
        }
        return table.lines().joined(separator: "\n")
    }
}
