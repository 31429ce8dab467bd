import WarehouseTables

/// `warehouse trends`: segments over time. Given runs made at several as-of moments (ideally each
/// aligned to the one before with `run-segmentation --align-to`, so a segment keeps its number),
/// each segment's size at each moment, and between consecutive moments the flows: users who moved
/// from segment a to b, who entered (segmented at the later moment only) and who left (at the
/// earlier only). Read in ONE snapshot.
public enum TrendsJob {
    public static func run(store: WarehouseStore, runs selectors: [RunSelector]) throws -> TrendsSummary {
        guard selectors.count >= 2 else {
            throw WarehouseError.invalidArgument("--runs needs at least two runs to follow segments over time, got \(selectors.count)")
        }
        return try store.snapshot {
            var records: [RunRecord] = []
            for selector in selectors {
                let record = try selector.record(in: store)
                guard !records.contains(where: { $0.id == record.id }) else {
                    throw WarehouseError.invalidArgument("--runs names run \(record.id) twice")
                }
                guard record.window != nil else {
                    throw WarehouseError.invalidArgument(
                        "run \(record.id) counts all-time likes, so it has no moment to place it in time; "
                        + "make runs with run-segmentation --as-of (and --align-to the run before)")
                }
                records.append(record)
            }
            return try SegmentTrends.summary(of: records, in: store)
        }
    }
}
