import WarehouseTables

/// What the interactive report reads of a run beyond `RunTables`: up to three PCA scores of the
/// sampled users, the loadings and centroids on PC1…PC3 (the biplot and the PC switcher), and for
/// a latent-class run its BIC/ICL sweep and the histogram of membership certainty.
///
/// Every value is read range-checked by the tables (a hand edit is refused, naming the row).
struct ReportRunExtras: Sendable {
    /// Components drawn by the report's PC switcher.
    static let maximumComponents = 3
    /// Bins of the certainty histogram: 0–0.05, …, 0.95–1.
    static let certaintyBins = 20

    /// `scores[i]`: PC1…PCm of `userIDs[i]` (m = min(components, 3)); nil without stored scores.
    let scores: [[Double]?]
    /// `loadings[c][feature]`, c = 0..<m, features in `featureNames` order (NaN where missing).
    let loadings: [[Double]]
    /// Feature names in `feature_scaling` order (the biplot's arrow labels).
    let featureNames: [String]
    /// `centroids[segment − 1][c]`, NaN where missing.
    let centroids: [[Double]]
    /// "kmeans" or "latent-class".
    let method: String
    /// The latent-class sweep by k (empty for k-means runs or runs without a sweep).
    let sweep: [LatentClassTables.SweepPoint]
    /// The sweep's k of lowest BIC, when stored.
    let bicK: Int?
    /// Users per bin of max posterior probability (`segment_assignments.probability`), 20 bins
    /// of width 0.05; empty when the run stores no probability.
    let certainty: [Int]

    static func read(run record: RunRecord, userIDs: [Int64], from store: WarehouseStore) throws -> ReportRunExtras {
        let m = max(1, min(record.components, maximumComponents))
        let featureNames = try RunModelTables.scaling(run: record.id, store).map(\.feature)
        return ReportRunExtras(
            scores: try RunModelTables.scores(run: record.id, users: userIDs, keeping: m, store),
            loadings: try RunModelTables.loadings(record, features: featureNames, keeping: m, store),
            featureNames: featureNames,
            centroids: try RunModelTables.centroids(record, keeping: m, store),
            method: record.method.rawValue,
            sweep: try LatentClassTables.sweep(run: record.id, from: store),
            bicK: try LatentClassTables.bicK(run: record.id, from: store),
            certainty: try AssignmentsTable.certaintyHistogram(run: record.id, bins: certaintyBins, from: store))
    }
}
