import WarehouseTables

/// `warehouse target`: profiles a run's segments for advertising (audience, age profile,
/// personas, affinity index of every subcategory and category, see `AffinityIndex`) and stores
/// the profile in ONE transaction, replacing the run's previous one.
public enum TargetJob {
    public static func run(store: WarehouseStore, options: TargetOptions) throws -> TargetSummary {
        try options.validate()
        // One transaction: the report is computed from the state it is stored into (the write
        // lock keeps other writers out while the warehouse is read).
        let (report, names, mass) = try store.write { () -> (TargetingReport, [SegmentName], [MembershipTables.SegmentMass]?) in
            let record = try options.run.record(in: store)
            if let segment = options.segment { try TargetOptions.checkSegment(segment, run: record.id, k: record.k) }
            let (report, ageCounts) = try TargetingReport.profile(store: store, run: record.id, k: record.k)
            try StoredTargeting.write(report, in: store)
            // A run made before segment names existed gets its generated names now.
            let names = try SegmentNaming.storeAndName(run: record.id, k: record.k, ageCounts: ageCounts,
                                                       store: store)
            let mass = try MembershipTables.segmentMass(run: record.id, k: record.k, threshold: options.certainty,
                                                        from: store)
            return (report, names, mass)
        }
        return TargetSummary(report, options: options).named(names).withMemberships(mass, certainty: options.certainty)
    }
}
