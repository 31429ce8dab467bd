import WarehouseTables

/// `warehouse runs`: every segmentation run of the warehouse, read in one snapshot.
public enum RunsJob {
    public static func run(store: WarehouseStore) throws -> RunsSummary {
        try store.snapshot {
            let assigned = try AssignmentsTable.assignedCounts(from: store)
            let runs = try RunRecord.all(from: store).map { run in
                RunsSummary.Entry(id: run.id, createdAt: run.createdAt, k: run.k, components: run.components, featureSets: run.features,
                      seed: run.seed, nInit: run.nInit, users: run.users, assignedUsers: assigned[run.id] ?? 0,
                      inertia: run.inertia, silhouette: run.silhouette, suggestedK: run.suggestedK,
                      explainedVariance: Format.unitRatio(run.explainedVariance), adjustedRandIndex: run.ari, alignedTo: run.alignedTo,
                      seconds: run.seconds, engine: run.engine, method: run.method.rawValue,
                      covariates: run.covariates?.rawValue, segmentNames: try segmentNames(run, store),
                      window: run.window?.description, asOf: run.window?.asOf)
            }
            return RunsSummary(runs: runs)
        }
    }

    /// The stored names, or all of them generated when some are missing (older runs).
    private static func segmentNames(_ run: RunRecord, _ store: WarehouseStore) throws -> [String] {
        let stored = try SegmentNamesTable.read(run: run.id, k: run.k, from: store)
        if stored.count == run.k { return stored.keys.sorted().compactMap { stored[$0]?.name } }
        return try SegmentNaming.names(run: run.id, k: run.k, store: store).map(\.name)
    }
}
