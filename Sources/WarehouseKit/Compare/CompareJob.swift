import WarehouseTables

/// `warehouse compare A B`: reads both runs in one snapshot and measures their agreement.
public enum CompareJob {
    public static func run(store: WarehouseStore, _ a: RunSelector, _ b: RunSelector) throws -> CompareSummary {
        try store.snapshot {
            let recordA = try a.record(in: store)
            let recordB = try b.record(in: store)
            let labelsA = try RunLabels.read(run: recordA.id, from: store)
            let labelsB = try RunLabels.read(run: recordB.id, from: store)
            let common = RunLabels.common(labelsA, labelsB)
            guard !common.userIDs.isEmpty else {
                throw WarehouseError.invalidArgument("runs \(recordA.id) and \(recordB.id) share no user; there is nothing to compare")
            }
            for (labels, record) in [(common.a, recordA), (common.b, recordB)] {
                if let bad = labels.first(where: { $0 < 1 || Int($0) > record.k }) {
                    throw WarehouseError.brokenInvariant("run \(record.id) has segment \(bad), outside 1…\(record.k)")
                }
            }
            let overlap = SegmentOverlap(common.a, k: recordA.k, common.b, k: recordB.k)
            var soft: SoftAgreement?
            if let membersA = try MembershipTables.users(run: recordA.id, k: recordA.k, from: store),
               let membersB = try MembershipTables.users(run: recordB.id, k: recordB.k, from: store) {
                soft = SoftAgreement.measure(membersA, membersB, pairs: overlap.pairs)
            }
            var summary = CompareSummary(runA: recordA.id, runB: recordB.id, usersA: labelsA.userIDs.count, usersB: labelsB.userIDs.count,
                                         overlap: overlap,
                                         namesA: try SegmentNaming.names(run: recordA.id, k: recordA.k, store: store),
                                         namesB: try SegmentNaming.names(run: recordB.id, k: recordB.k, store: store),
                                         softAgreement: soft)
            summary.runBIsLatentClass = recordB.method == .latentClass
            return summary
        }
    }
}
