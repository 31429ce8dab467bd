import Analysis
import WarehouseSupport
import WarehouseTables

/// A run's predictive model (`PredictiveModel`), ready to score users as the run sees them:
/// through the run's window, weights and half-life (all-time likes for a run without one).
///
/// The model is the one stored with the run (`segment_priors`); a run made before models were
/// stored gets one computed now from its members (every user read once, not stored).
/// Load inside one read transaction.
struct RunPredictions {
    let record: RunRecord
    let catalogue: WarehouseReader.Catalogue
    let model: PredictiveModel
    /// The run's window resolved against the warehouse; nil: all-time likes.
    let interest: WindowedInterest.Plan?
    /// Whether the model was stored with the run (else computed now).
    let stored: Bool

    static func load(_ store: WarehouseStore, record: RunRecord) throws -> RunPredictions {
        let catalogue = try WarehouseReader.catalogue(store)
        let window = try RunWindowsTable.read(run: record.id, store)
        let interest = try window.map { try WindowedInterest.plan($0, store) }
        let ids = catalogue.subcategories.map(\.id)
        if let priors = try SegmentPriorsTable.read(run: record.id, k: record.k, subcategoryIDs: ids, from: store) {
            return RunPredictions(record: record, catalogue: catalogue, model: try PredictiveModel(priors: priors), interest: interest,
                                  stored: true)
        }
        let data = try window.map {
            try WarehouseData.readWindowInTransaction(store, window: $0, threads: 2, parallelFrom: WarehouseData.parallelReadThreshold,
                                                      undecayed: true)
        } ?? WarehouseData.readInTransaction(store)
        let wholeCounts = try PredictiveModel.wholeCounts(of: data)
        let labels = try RunLabels.read(run: record.id, k: record.k, from: store)
        var users: [Int] = [], segments: [Int32] = []
        forEachCommonIndex(data.userIDs, labels.userIDs) { row, position in
            users.append(row)
            segments.append(labels.segments[position] - 1)
        }
        let model = try PredictiveModel(kMeansOf: data, users: users, labels: segments, k: record.k, wholeCounts: wholeCounts)
        return RunPredictions(record: record, catalogue: catalogue, model: model, interest: interest, stored: false)
    }

    /// The users with ids in `ids`, with the run's counts.
    /// `undecayed`: for a window with a half-life, also its sums without the decay
    /// (`undecayedLikes`), in the same pass.
    func users(_ store: WarehouseStore, ids: ClosedRange<Int64>, capacity: Int, undecayed: Bool = false) throws -> WarehouseData {
        try interest.map {
            try WarehouseReader.read(store, catalogue: catalogue, ids: ids, capacity: capacity, interest: $0, undecayed: undecayed)
        } ?? WarehouseReader.read(store, catalogue: catalogue, ids: ids, capacity: capacity)
    }

    /// Each age group's prior: what the model predicts for a user with no counts (index =
    /// `PredictiveModel.group`), the prediction for such users and the tie-break for everyone.
    var agePriors: [[Double]] {
        let s = catalogue.subcategories.count
        return (0..<model.predictor.groups).map { group in
            var prior = [Double](repeating: 0, count: s), membership = [Double](repeating: 0, count: model.predictor.components)
            model.predictor.predict([Double](repeating: 0, count: s), group: group, membership: &membership, into: &prior)
            return prior
        }
    }

    /// What the segments alone predict for a user with membership `membership` (k values):
    /// Σ_s r_s α_sj / A_s per subcategory j.
    func segmentShares(membership: [Double]) -> [Double] {
        let alpha = model.priors.alpha, J = alpha.columns
        var shares = [Double](repeating: 0, count: J)
        for s in 0..<alpha.rows where membership[s] > 0 {
            let row = alpha.values[(s * J)..<((s + 1) * J)]
            let total = row.reduce(0, +)
            for (j, a) in row.enumerated() { shares[j] += membership[s] * a / total }
        }
        return shares
    }
}
