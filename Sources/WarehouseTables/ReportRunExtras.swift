import Storage

/// What the interactive report reads of a run beyond `RunTables`: up to three PCA scores of the
/// sampled users, the loadings and centroids on PC1…PC3 (the biplot and the PC switcher), and for
/// a latent-class run its BIC/ICL sweep and the histogram of membership certainty.
///
/// Every value is range-checked (`StoredRow`): a hand edit is refused, naming the row.
package struct ReportRunExtras: Sendable {
    package struct SweepPoint: Sendable, Equatable {
        package let k: Int
        /// Users the mixture was fitted on.
        package let users: Int
        package let logLikelihood: Double
        /// −2 ln L + p ln n; lower is better.
        package let bic: Double
        /// BIC + 2 × entropy; lower is better.
        package let icl: Double
        /// 1 − entropy / (n ln k), 0…1.
        package let entropyR2: Double
    }

    /// Components drawn by the report's PC switcher.
    package static let maximumComponents = 3
    /// Bins of the certainty histogram: 0–0.05, …, 0.95–1.
    package static let certaintyBins = 20

    /// `scores[i]`: PC1…PCm of `userIDs[i]` (m = min(components, 3)); nil without stored scores.
    package let scores: [[Double]?]
    /// `loadings[c][feature]`, c = 0..<m, features in `featureNames` order (NaN where missing).
    package let loadings: [[Double]]
    /// Feature names in `feature_scaling` order (the biplot's arrow labels).
    package let featureNames: [String]
    /// `centroids[segment − 1][c]`, NaN where missing.
    package let centroids: [[Double]]
    /// "kmeans" or "latent-class".
    package let method: String
    /// The latent-class sweep by k (empty for k-means runs or runs without a sweep).
    package let sweep: [SweepPoint]
    /// The sweep's k of lowest BIC, when stored.
    package let bicK: Int?
    /// Users per bin of max posterior probability (`segment_assignments.probability`), 20 bins
    /// of width 0.05; empty when the run stores no probability.
    package let certainty: [Int]

    package static func read(run: Int64, k: Int, components: Int, userIDs: [Int64], from connection: WarehouseStore) throws -> ReportRunExtras {
        let id = SQLValue.integer(run)
        let m = max(1, min(components, maximumComponents))
        let limit = -RunModelTables.valueLimit...RunModelTables.valueLimit

        // Scores of the sample by primary-key lookups.
        let statement = try connection.prepare(
            "SELECT component, score FROM pca_scores WHERE run_id = ?1 AND user_id = ?2 AND component <= ?3")
        defer { statement.reset() }
        try statement.bind(run, at: 1)
        try statement.bind(Int64(m), at: 3)
        var scores: [[Double]?] = []
        scores.reserveCapacity(userIDs.count)
        for user in userIDs {
            statement.reset()
            try statement.bind(user, at: 2)
            var values = [Double](repeating: 0, count: m)
            var found = false
            while try statement.step() {
                let component = statement.int64(0)
                let score = statement.double(1)
                guard component >= 1, component <= Int64(m), score.isFinite, limit.contains(score) else {
                    throw WarehouseError.brokenInvariant(
                        "pca_scores of run \(run), user \(user), component \(component) is \(score), outside ±\(RunModelTables.valueLimit)")
                }
                values[Int(component) - 1] = score
                if component == 1 { found = true }
            }
            scores.append(found ? values : nil)
        }

        let featureNames = try connection.mapRows(
            "SELECT feature FROM feature_scaling WHERE run_id = ? ORDER BY feature_index", [id],
            table: "feature_scaling", row: { "run \(run), feature \($0.value(0))" }) { row in
            try row.name(0, "feature", maxLength: 1_000)
        }
        let column = Dictionary(featureNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var loadings = [[Double]](repeating: [Double](repeating: .nan, count: featureNames.count), count: m)
        try connection.eachRow("SELECT component, feature, loading FROM pca_loadings WHERE run_id = ? AND component <= ?",
                               [id, .integer(Int64(m))], table: "pca_loadings",
                               row: { "run \(run), component \($0.value(0))" }) { row in
            let component = try row.int(0, "component", in: 1...m)
            let feature = try row.name(1, "feature", maxLength: 1_000)
            guard let j = column[feature] else { return }
            loadings[component - 1][j] = try row.real(2, "loading", in: -1.000_001...1.000_001)
        }
        var centroids = [[Double]](repeating: [Double](repeating: .nan, count: m), count: k)
        try connection.eachRow("SELECT segment, component, value FROM segment_centroids WHERE run_id = ? AND component <= ?",
                               [id, .integer(Int64(m))], table: "segment_centroids",
                               row: { "run \(run), segment \($0.value(0)), component \($0.value(1))" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let component = try row.int(1, "component", in: 1...m)
            centroids[segment - 1][component - 1] = try row.real(2, "value", in: limit)
        }

        let method = try connection.mapRows("SELECT method FROM segmentation_runs WHERE id = ?", [id],
                                            table: "segmentation_runs", row: { _ in "run \(run)" }) { row in
            try row.name(0, "method", maxLength: 40)
        }.first ?? "kmeans"
        let bound = 1e300
        let sweep = try connection.mapRows(
            "SELECT k, users, log_likelihood, bic, icl, entropy_r2 FROM latent_class_sweep WHERE run_id = ? ORDER BY k", [id],
            table: "latent_class_sweep", row: { "run \(run), k \($0.value(0))" }) { row in
            SweepPoint(k: try row.int(0, "k", in: 1...RunRecord.maximumK), users: try row.int(1, "users", in: 1...Int(Int32.max)),
                       logLikelihood: try row.real(2, "log_likelihood", in: -bound...bound),
                       bic: try row.real(3, "bic", in: -bound...bound), icl: try row.real(4, "icl", in: -bound...bound),
                       entropyR2: try row.real(5, "entropy_r2", in: -1e-9...1.000_001))
        }
        let bicK = try connection.mapRows("SELECT bic_k FROM latent_class_fits WHERE run_id = ?", [id],
                                          table: "latent_class_fits", row: { _ in "run \(run)" }) { row in
            try row.isNull(0) ? nil : row.int(0, "bic_k", in: 1...RunRecord.maximumK)
        }.first ?? nil

        // Max posterior probability binned in SQL: bin = min(19, floor(p × 20)), p in (0, 1].
        var certainty: [Int] = []
        let bins = certaintyBins
        try connection.eachRow("""
            SELECT min(\(bins - 1), CAST(probability * \(bins) AS INTEGER)) AS bin, count(*) FROM segment_assignments
            WHERE run_id = ? AND probability IS NOT NULL GROUP BY bin ORDER BY bin
            """, [id], table: "segment_assignments", row: { "run \(run), probability bin \($0.value(0))" }) { row in
            if certainty.isEmpty { certainty = [Int](repeating: 0, count: bins) }
            let bin = try row.int(0, "probability", in: 0...(bins - 1))
            certainty[bin] = try row.int(1, "count", in: 0...Int(Int32.max))
        }
        return ReportRunExtras(scores: scores, loadings: loadings, featureNames: featureNames, centroids: centroids,
                               method: method, sweep: sweep, bicK: bicK, certainty: certainty)
    }
}
