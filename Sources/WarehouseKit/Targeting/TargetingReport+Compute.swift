import WarehouseTables

extension TargetingReport {
    /// The report of run `run` over the warehouse as it is now (not stored). Call inside a
    /// transaction on `store` (a snapshot or a write): every read is of that one state.
    static func compute(store: WarehouseStore, run: Int64, k: Int) throws -> TargetingReport {
        try profile(store: store, run: run, k: k).report
    }

    /// `compute`, and the members per segment and age group (`ageCounts[segment − 1][group]`, what
    /// `SegmentNaming` names by) counted from the same read: the members are those of
    /// `segment_assignments` still in `users`, as a join of the two would count them. With a
    /// non-empty `filter`, only the members it passes (chosen in SQL, `RunMembers.read`): the
    /// report is then of those users alone, its population their total, so an index compares a
    /// segment's filtered members with every filtered member of the run.
    static func profile(store: WarehouseStore, run: Int64, k: Int,
                        filter: UserFilter = UserFilter()) throws -> (report: TargetingReport, ageCounts: [[Int]]) {
        let data = try WarehouseData.readInTransaction(store, run: run)
        let catalogue = try TargetingCatalogue(data: data, store: store)
        let members = try RunMembers.read(run: run, k: k, userIDs: data.userIDs, filter: filter, from: store)
        let report = TargetingReport(runID: run, counts: AudienceCounts(k: k, data: data, members: members, catalogue: catalogue),
                                     catalogue: catalogue)
        let ageCounts = SegmentNaming.ageCounts(data: data, users: members.rows.map { Int($0) },
                                                labels: members.segments.map { $0 - 1 }, k: k)
        return (report, ageCounts)
    }
}
