/// `warehouse target`: profiles a run's segments for advertising (audience, age profile,
/// personas, affinity index of every subcategory and category, see `AffinityIndex`) and stores
/// the profile in ONE transaction, replacing the run's previous one.
public enum TargetingJob {
    public static func run(store: WarehouseStore, options: TargetingOptions) throws -> TargetingView {
        try options.validate()
        let record = try store.snapshot { try options.run.record(in: store.connection) }
        if let segment = options.segment { try TargetingOptions.checkSegment(segment, run: record.id, k: record.k) }
        let report = try compute(store: store, run: record.id, k: record.k)
        try store.write { try AudienceWriter.write(report, to: store.connection) }
        return TargetingView(report, options: options)
    }

    /// The report of run `run` over the warehouse as it is now (not stored).
    static func compute(store: WarehouseStore, run: Int64, k: Int) throws -> TargetingReport {
        let data = try WarehouseData.read(store)
        let (catalogue, members) = try store.snapshot {
            (try TargetingCatalogue(data: data, connection: store.connection),
             try RunMembers.read(run: run, k: k, userIDs: data.userIDs, from: store.connection))
        }
        return TargetingReport(runID: run, counts: AudienceCounts(k: k, data: data, members: members, catalogue: catalogue),
                               catalogue: catalogue)
    }
}
