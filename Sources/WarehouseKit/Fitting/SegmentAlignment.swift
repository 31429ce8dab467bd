import Analysis
import WarehouseTables

/// Relabels a new run's segments so that each keeps the number of the previous run's segment it
/// overlaps most (`run-segmentation --align-to RUN`): "segment 2" keeps its meaning between runs.
///
/// Over the users both runs label, with overlap(i, j) = users in new segment i and previous
/// segment j, the new labels are the permutation of 0..<k that maximises Σᵢ overlap(i, label(i))
/// (Hungarian assignment on −overlap over the k × k target labels; label j ≥ previous k has
/// overlap 0). So with equal k every segment takes its best-matching previous label; with a
/// smaller k the previous segments numbered above k cannot be matched; with a larger k the
/// segments left without a match take the new numbers kPrevious+1…k in their canonical order.
/// An aligned run no longer numbers its segments by size.
public enum SegmentAlignment {
    /// `mapping[old] = new` (0-based), a permutation of 0..<k.
    /// - Parameters: `newLabels` in 0..<k and `previousLabels` in 0..<previousK, of the same
    ///   users in the same order.
    /// - Precondition: equal lengths, labels in range, k ≥ 1.
    public static func permutation(newLabels: [Int32], k: Int, previousLabels: [Int32], previousK: Int) -> [Int] {
        precondition(newLabels.count == previousLabels.count, "label arrays differ in length")
        precondition(k >= 1 && previousK >= 1, "need k >= 1, got \(k) and \(previousK)")
        var overlap = [Double](repeating: 0, count: k * k)
        for (new, old) in zip(newLabels, previousLabels) {
            precondition(new >= 0 && Int(new) < k && old >= 0 && Int(old) < previousK, "labels (\(new), \(old)) out of range")
            if Int(old) < k { overlap[Int(new) * k + Int(old)] -= 1 }
        }
        var mapping = hungarianAssignment(cost: Matrix(rows: k, columns: k, values: overlap))
        // Segments matched to no previous segment (label ≥ previousK, or an empty overlap) keep
        // their canonical order among the fresh numbers.
        let fresh = (0..<k).filter { mapping[$0] >= previousK }
        for (offset, segment) in fresh.enumerated() { mapping[segment] = previousK + offset }
        return mapping
    }

    /// The fit with labels, centroid rows and sizes renumbered by `mapping` (`mapping[old] = new`).
    /// - Precondition: `mapping` is a permutation of 0..<k.
    public static func relabel(_ fit: KMeansResult, mapping: [Int]) -> KMeansResult {
        let k = fit.centroids.rows, d = fit.centroids.columns
        precondition(mapping.count == k && Set(mapping) == Set(0..<k), "mapping must be a permutation of 0..<\(k)")
        var centroids = [Double](repeating: 0, count: k * d)
        var sizes = [Int](repeating: 0, count: k)
        for old in 0..<k {
            let new = mapping[old]
            sizes[new] = fit.clusterSizes[old]
            for t in 0..<d { centroids[new * d + t] = fit.centroids[old, t] }
        }
        return KMeansResult(centroids: Matrix(rows: k, columns: d, values: centroids),
                            labels: fit.labels.map { Int32(mapping[Int($0)]) }, distances: fit.distances,
                            inertia: fit.inertia, iterations: fit.iterations, clusterSizes: sizes)
    }

    /// Aligns `fit` (labels of `userIDs`, ascending) with the stored run `previous`.
    /// - Throws: `WarehouseError.noSuchRun` when `previous` does not exist;
    ///   `.invalidArgument` when the two share no user.
    public static func align(_ fit: KMeansResult, userIDs: [Int64], to previous: Int64, in store: WarehouseStore) throws -> KMeansResult {
        guard let record = try RunRecord.read(id: previous, from: store) else {
            throw WarehouseError.noSuchRun(String(previous))
        }
        let stored = try RunLabels.read(run: previous, from: store)
        let current = RunLabels(userIDs: userIDs, segments: fit.labels.map { $0 + 1 }, assigned: [])
        let common = RunLabels.common(current, stored)
        guard !common.userIDs.isEmpty else {
            throw WarehouseError.invalidArgument("--align-to \(previous): run \(previous) shares no user with this run")
        }
        let previousK = max(record.k, Int(common.b.max() ?? 1))
        let mapping = permutation(newLabels: common.a.map { $0 - 1 }, k: fit.centroids.rows,
                                  previousLabels: common.b.map { $0 - 1 }, previousK: previousK)
        return relabel(fit, mapping: mapping)
    }
}
