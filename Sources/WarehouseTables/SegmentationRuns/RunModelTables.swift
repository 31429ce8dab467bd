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
        let scaling = try scaling(run: record.id, connection)
        let m = record.components, d = names.count
        // Before anything is allocated by the run's own claims: its features are the catalogue's.
        guard record.featureCount == d, m <= d else {
            throw WarehouseError.brokenInvariant(
                "run \(record.id) claims \(record.featureCount) features and \(m) components, but its feature sets give \(d) features here")
        }
        let loadings = try loadings(record, features: names, keeping: m, connection)
        let centroids = try centroids(record, keeping: m, connection)
        return Model(scaling: scaling, loadings: loadings.flatMap { $0 }, centroids: centroids.flatMap { $0 })
    }

    /// `feature_scaling` of run `run`, in `feature_index` order.
    package static func scaling(run: Int64, _ connection: WarehouseStore) throws -> [Scaling] {
        let limit = -valueLimit...valueLimit
        return try connection.mapRows(
            "SELECT feature, mean, std, pca_mean, zero_variance, feature_index FROM feature_scaling WHERE run_id = ? ORDER BY feature_index",
            [.integer(run)], table: "feature_scaling", row: { "run \(run), feature \($0.value(5))" }) { row in
            Scaling(feature: try row.name(0, "feature", maxLength: 1_000), mean: try row.real(1, "mean", in: limit),
                    std: try row.real(2, "std", in: Double.leastNormalMagnitude...valueLimit),
                    pcaMean: try row.optionalReal(3, "pca_mean", in: limit),
                    zeroVariance: try row.optionalInt(4, "zero_variance", in: 0...1).map { $0 == 1 })
        }
    }

    /// The SQL bound that keeps components 1…`keep` of a run with `components`: with every
    /// component kept there is no bound, so a row past the run's components is read and refused.
    private static func componentBound(keeping keep: Int, of components: Int) -> SQLValue {
        .integer(keep >= components ? Int64.max : Int64(keep))
    }

    /// `pca_loadings` of run `record` on PC1…PC`keep`: `loadings[c][j]` for feature `features[j]`,
    /// NaN where missing. A component outside the run's, or a feature not among `features`, is
    /// refused; a loading is a unit vector's coordinate (|x| ≤ 1).
    package static func loadings(_ record: RunRecord, features: [String], keeping keep: Int,
                                 _ connection: WarehouseStore) throws -> [[Double]] {
        let run = record.id, m = record.components, keep = min(keep, m), d = features.count
        let column = Dictionary(features.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var loadings = [[Double]](repeating: [Double](repeating: .nan, count: d), count: keep)
        try connection.eachRow("SELECT component, feature, loading FROM pca_loadings WHERE run_id = ? AND component <= ?",
                               [.integer(run), componentBound(keeping: keep, of: m)], table: "pca_loadings",
                               row: { "run \(run), component \($0.value(0)), feature '\(StoredRow.excerpt($0.text(1)))'" }) { row in
            let component = try row.int(0, "component", in: 1...max(1, m))
            let feature = try row.text(1, "feature", maxLength: 1_000)
            guard let j = column[feature] else {
                throw WarehouseError.brokenInvariant("pca_loadings of run \(run) names feature '\(StoredRow.excerpt(feature))', not one of its \(d) features")
            }
            guard component <= keep else { return }
            // A component is a unit vector: no loading exceeds 1 in magnitude.
            loadings[component - 1][j] = try row.real(2, "loading", in: -1.000_001...1.000_001)
        }
        return loadings
    }

    /// `segment_centroids` of run `record` on PC1…PC`keep`: `centroids[segment − 1][c]`, NaN
    /// where missing; a segment or component outside the run's is refused.
    package static func centroids(_ record: RunRecord, keeping keep: Int, _ connection: WarehouseStore) throws -> [[Double]] {
        try centroids(run: record.id, k: record.k, components: record.components, keeping: keep, connection)
    }

    /// `centroids` of run `run` with `k` segments, when its number of components is not at hand
    /// (nil): then only PC1…PC`keep` are read and checked.
    package static func centroids(run: Int64, k: Int, components m: Int?, keeping keep: Int,
                                  _ connection: WarehouseStore) throws -> [[Double]] {
        let keep = min(keep, m ?? keep)
        var centroids = [[Double]](repeating: [Double](repeating: .nan, count: keep), count: k)
        try connection.eachRow("SELECT segment, component, value FROM segment_centroids WHERE run_id = ? AND component <= ?",
                               [.integer(run), componentBound(keeping: keep, of: m ?? Int.max)], table: "segment_centroids",
                               row: { "run \(run), segment \($0.value(0)), component \($0.value(1))" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let component = try row.int(1, "component", in: 1...max(1, m ?? keep))
            guard component <= keep else { return }
            centroids[segment - 1][component - 1] = try row.real(2, "value", in: -valueLimit...valueLimit)
        }
        return centroids
    }

    /// The centroid of `segment` in run `record`: all its coordinates.
    /// - Throws: `WarehouseError.brokenInvariant` when one is missing.
    package static func centroid(of segment: Int, in record: RunRecord, _ connection: WarehouseStore) throws -> [Double] {
        let centroid = try centroids(record, keeping: record.components, connection)[segment - 1]
        guard centroid.allSatisfy({ !$0.isNaN }) else {
            throw WarehouseError.brokenInvariant(
                "segment_centroids of run \(record.id), segment \(segment) lacks components of 1…\(record.components)")
        }
        return centroid
    }

    /// PC1…PC`keep` of each of `userIDs` in run `run` (primary-key lookups, in that order); nil for
    /// a user without stored scores (placed later by `assign`).
    package static func scores(run: Int64, users userIDs: [Int64], keeping keep: Int, _ connection: WarehouseStore) throws -> [[Double]?] {
        let statement = try connection.prepare(
            "SELECT component, score FROM pca_scores WHERE run_id = ?1 AND user_id = ?2 AND component <= ?3")
        defer { statement.reset() }
        try statement.bind(run, at: 1)
        try statement.bind(Int64(keep), at: 3)
        var user: Int64 = 0
        let row = StoredRow(statement: statement, table: "pca_scores", row: { "run \(run), user \(user), component \(statement.value(0))" })
        var scores: [[Double]?] = []
        scores.reserveCapacity(userIDs.count)
        for id in userIDs {
            user = id
            statement.reset()
            try statement.bind(id, at: 2)
            var values = [Double](repeating: 0, count: keep)
            var found = false
            while try statement.step() {
                let component = try row.int(0, "component", in: 1...keep)
                values[component - 1] = try row.real(1, "score", in: -valueLimit...valueLimit)
                if component == 1 { found = true }
            }
            scores.append(found ? values : nil)
        }
        return scores
    }

    /// Whether every feature of run `run` stores its PCA centre and constant flag (runs stored
    /// before migration 0003 do not).
    package static func scalingIsComplete(run: Int64, _ connection: WarehouseStore) throws -> Bool {
        try connection.scalar(
            "SELECT count(*) FROM feature_scaling WHERE run_id = ? AND (pca_mean IS NULL OR zero_variance IS NULL)",
            [.integer(run)])?.int64 == 0
    }
}
