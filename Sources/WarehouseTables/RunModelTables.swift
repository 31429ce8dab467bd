import Storage

/// What a run learned that places a user in its segments, as its tables hold it:
/// `feature_scaling` (z = (x − mean) / std and the PCA centre), `pca_loadings` and
/// `segment_centroids`. Every value is range-checked when read: a hand-edited model is refused,
/// naming the row, rather than placing users at infinite or NaN distances.
package enum RunModelTables {
    /// One row of `feature_scaling`, in `feature_index` order.
    package struct Scaling: Sendable, Equatable {
        package let feature: String
        package let mean: Double
        /// > 0.
        package let std: Double
        /// nil for runs stored before migration 0003.
        package let pcaMean: Double?
        package let zeroVariance: Bool?
    }

    /// The run's model: `loadings[(component − 1) * features + feature]`, `centroids[(segment − 1) * components + component − 1]`.
    package struct Model: Sendable {
        package let scaling: [Scaling]
        /// components × features; NaN where a loading is missing.
        package let loadings: [Double]
        /// k × components; NaN where a coordinate is missing.
        package let centroids: [Double]
    }

    /// Feature means and the PCA centre are means of features whose values are at most a few
    /// billion (counts ≤ Int32.max); anything beyond this is not a value a run wrote.
    package static let valueLimit = 1e12

    /// Reads the model of run `record` whose features are `featureNames` (the catalogue's names of
    /// its feature sets, in order).
    /// - Throws: `WarehouseError.brokenInvariant` naming the run and the row for a value out of
    ///   range, a loading or centroid outside the run's components, segments or features.
    package static func read(_ record: RunRecord, featureNames names: [String], _ connection: WarehouseStore) throws -> Model {
        let run = record.id
        let limit = -valueLimit...valueLimit
        let scaling = try connection.mapRows(
            "SELECT feature, mean, std, pca_mean, zero_variance, feature_index FROM feature_scaling WHERE run_id = ? ORDER BY feature_index",
            [.integer(run)], table: "feature_scaling", row: { "run \(run), feature \($0.value(5))" }) { row in
            Scaling(feature: try row.text(0, "feature", maxLength: 1_000), mean: try row.real(1, "mean", in: limit),
                    std: try row.real(2, "std", in: Double.leastNormalMagnitude...valueLimit),
                    pcaMean: try row.optionalReal(3, "pca_mean", in: limit),
                    zeroVariance: try row.optionalInt(4, "zero_variance", in: 0...1).map { $0 == 1 })
        }
        let m = record.components, k = record.k, d = names.count
        // Before anything is allocated by the run's own claims: its features are the catalogue's.
        guard record.featureCount == d, m <= d else {
            throw WarehouseError.brokenInvariant(
                "run \(run) claims \(record.featureCount) features and \(m) components, but its feature sets give \(d) features here")
        }
        let column = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var loadings = [Double](repeating: .nan, count: m * d)
        try connection.eachRow("SELECT component, feature, loading FROM pca_loadings WHERE run_id = ?", [.integer(run)],
                               table: "pca_loadings", row: { "run \(run), component \($0.value(0)), feature '\(StoredRow.excerpt($0.text(1)))'" }) { row in
            let component = try row.int(0, "component", in: 1...m)
            let feature = try row.text(1, "feature", maxLength: 1_000)
            guard let j = column[feature] else {
                throw WarehouseError.brokenInvariant("pca_loadings of run \(run) names feature '\(StoredRow.excerpt(feature))', not one of its \(d) features")
            }
            // A component is a unit vector: no loading exceeds 1 in magnitude.
            loadings[(component - 1) * d + j] = try row.real(2, "loading", in: -1.000_001...1.000_001)
        }
        var centroids = [Double](repeating: .nan, count: k * m)
        try connection.eachRow("SELECT segment, component, value FROM segment_centroids WHERE run_id = ?", [.integer(run)],
                               table: "segment_centroids", row: { "run \(run), segment \($0.value(0)), component \($0.value(1))" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let component = try row.int(1, "component", in: 1...m)
            centroids[(segment - 1) * m + component - 1] = try row.real(2, "value", in: limit)
        }
        return Model(scaling: scaling, loadings: loadings, centroids: centroids)
    }

    /// Whether every feature of run `run` stores its PCA centre and constant flag (runs stored
    /// before migration 0003 do not).
    package static func scalingIsComplete(run: Int64, _ connection: WarehouseStore) throws -> Bool {
        try connection.scalar(
            "SELECT count(*) FROM feature_scaling WHERE run_id = ? AND (pca_mean IS NULL OR zero_variance IS NULL)",
            [.integer(run)])?.int64 == 0
    }
}
