import WarehouseTables

/// `warehouse target`: profiles a run's segments for advertising (audience, age profile,
/// personas, affinity index of every subcategory and category, see `AffinityIndex`) and stores
/// the profile in ONE transaction, replacing the run's previous one.
///
/// With a user filter (`--age`, `--gender`, `--country`) the profile is of the members the filter
/// passes (chosen in SQL), compared with every member of the run it passes, and it is printed
/// only: the stored profile is always the unfiltered one, so a filtered look never replaces it
/// (read-only, in one snapshot). A filter that leaves the run, or the one segment asked for,
/// without members is refused in one line.
public enum TargetJob {
    public static func run(store: WarehouseStore, options: TargetOptions) throws -> TargetSummary {
        try options.validate()
        if !options.filter.isEmpty { return try filtered(store: store, options: options) }
        // One transaction: the report is computed from the state it is stored into (the write
        // lock keeps other writers out while the warehouse is read).
        let (report, names, mass, missing) = try store.write {
            () -> (TargetingReport, [SegmentName], [MembershipTables.SegmentMass]?, Int) in
            let record = try options.run.record(in: store)
            if let segment = options.segment { try TargetOptions.checkSegment(segment, run: record.id, k: record.k) }
            let (report, ageCounts) = try TargetingReport.profile(store: store, run: record.id, k: record.k)
            try StoredTargeting.write(report, in: store)
            // A run made before segment names existed gets its generated names now.
            let names = try SegmentNaming.storeAndName(run: record.id, k: record.k, ageCounts: ageCounts,
                                                       store: store)
            let mass = try MembershipTables.segmentMass(run: record.id, k: record.k, threshold: options.certainty,
                                                        from: store)
            return (report, names, mass, try AssignmentsTable.membersNotInUsers(run: record.id, from: store))
        }
        return TargetSummary(report, options: options).named(names).withMemberships(mass, certainty: options.certainty).missing(missing)
    }

    /// The profile of the members `options.filter` passes; nothing stored.
    private static func filtered(store: WarehouseStore, options: TargetOptions) throws -> TargetSummary {
        let (report, names, mass, missing) = try store.snapshot {
            () -> (TargetingReport, [SegmentName], [MembershipTables.SegmentMass]?, Int) in
            let record = try options.run.record(in: store)
            if let segment = options.segment { try TargetOptions.checkSegment(segment, run: record.id, k: record.k) }
            let report = try TargetingReport.profile(store: store, run: record.id, k: record.k, filter: options.filter).report
            try options.checkNotEmpty(members: report.segments.map(\.users), run: record.id)
            let names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            let mass = try MembershipTables.segmentMass(run: record.id, k: record.k, threshold: options.certainty,
                                                        filter: options.filter, from: store)
            return (report, names, mass, try AssignmentsTable.membersNotInUsers(run: record.id, from: store))
        }
        return TargetSummary(report, options: options).named(names).withMemberships(mass, certainty: options.certainty).missing(missing)
    }
}
