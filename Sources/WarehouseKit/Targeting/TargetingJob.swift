import WarehouseTables

/// `warehouse target`: profiles a run's segments for advertising (audience, age profile,
/// personas, affinity index of every subcategory and category, see `AffinityIndex`) and stores
/// the profile in ONE transaction, replacing the run's previous one.
public enum TargetingJob {
    public static func run(store: WarehouseStore, options: TargetingOptions) throws -> TargetingView {
        try options.validate()
        // One transaction: the report is computed from the state it is stored into (the write
        // lock keeps other writers out while the warehouse is read).
        let (report, names, mass) = try store.write { () -> (TargetingReport, [SegmentName], [MembershipTables.SegmentMass]?) in
            let record = try options.run.record(in: store)
            if let segment = options.segment { try TargetingOptions.checkSegment(segment, run: record.id, k: record.k) }
            let (report, ageCounts) = try profile(store: store, run: record.id, k: record.k)
            try StoredTargeting.write(report, in: store)
            // A run made before segment names existed gets its generated names now.
            let names = try SegmentNaming.storeAndName(run: record.id, k: record.k, ageCounts: ageCounts,
                                                       connection: store)
            let mass = try MembershipTables.segmentMass(run: record.id, k: record.k, threshold: options.certainty,
                                                        from: store)
            return (report, names, mass)
        }
        return TargetingView(report, options: options).named(names).withMemberships(mass, certainty: options.certainty)
    }

    /// The report of run `run` over the warehouse as it is now (not stored). Call inside a
    /// transaction on `store` (a snapshot or a write): every read is of that one state.
    static func compute(store: WarehouseStore, run: Int64, k: Int) throws -> TargetingReport {
        try profile(store: store, run: run, k: k).report
    }

    /// `compute`, and the members per segment and age group (`ageCounts[segment − 1][group]`, what
    /// `SegmentNaming` names by) counted from the same read: the members are those of
    /// `segment_assignments` still in `users`, as a join of the two would count them.
    static func profile(store: WarehouseStore, run: Int64, k: Int) throws -> (report: TargetingReport, ageCounts: [[Int]]) {
        let data = try WarehouseData.readInTransaction(store)
        let catalogue = try TargetingCatalogue(data: data, connection: store)
        let members = try RunMembers.read(run: run, k: k, userIDs: data.userIDs, from: store)
        let report = TargetingReport(runID: run, counts: AudienceCounts(k: k, data: data, members: members, catalogue: catalogue),
                                     catalogue: catalogue)
        let ageCounts = SegmentNaming.ageCounts(data: data, users: members.rows.map { Int($0) },
                                                labels: members.segments.map { $0 - 1 }, k: k)
        return (report, ageCounts)
    }
}
