import Analysis
import Storage

/// The tables of migrations 0005 and 0007 for a latent-class run's mixture (`latent_class_fits`,
/// `latent_class_components`, `latent_class_alpha`, `latent_class_sweep`,
/// `latent_class_group_weights` with covariates; the run's method, covariates and
/// ceiling go into its `segmentation_runs` row with it). Written inside the run's transaction,
/// after its row.
package enum LatentClassTables {
    /// Writes the fitted mixture; segments are stored 1-based, α columns follow `subcategoryIDs`.
    package static func write(run: Int64, outcome: LatentClassOutcome, subcategoryIDs: [Int], to connection: WarehouseStore) throws {
        let fit = outcome.fit.fit
        let runValue = SQLValue.integer(run)
        try connection.run("""
            INSERT INTO latent_class_fits(run_id, users, log_likelihood, entropy, parameters, bic, icl, entropy_r2, iterations,
                sweep_users, bic_k) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [runValue, .integer(Int64(fit.rows)), .real(fit.logLikelihood), .real(max(0, fit.entropy)),
                  .integer(Int64(fit.parameters)), .real(fit.bic), .real(fit.icl), .real(fit.entropyR2),
                  .integer(Int64(outcome.fit.iterations)), outcome.sweep.map { .integer(Int64($0.rows)) } ?? .null,
                  outcome.sweep.map { .integer(Int64($0.suggestedK)) } ?? .null])
        let components = try connection.prepare("INSERT INTO latent_class_components(run_id, segment, weight) VALUES (?, ?, ?)")
        let alpha = try connection.prepare("INSERT INTO latent_class_alpha(run_id, segment, subcategory_id, alpha) VALUES (?, ?, ?, ?)")
        for segment in 0..<outcome.fit.weights.count {
            try components.run([runValue, .integer(Int64(segment + 1)), .real(min(1, max(0, outcome.fit.weights[segment])))])
            for (j, id) in subcategoryIDs.enumerated() {
                try alpha.run([runValue, .integer(Int64(segment + 1)), .integer(Int64(id)), .real(outcome.fit.alpha[segment, j])])
            }
        }
        if let groupWeights = outcome.fit.groupWeights {
            precondition(groupWeights.rows == outcome.groupLabels.count, "a label per group of weights")
            let weights = try connection.prepare(
                "INSERT INTO latent_class_group_weights(run_id, mixing_group, segment, weight) VALUES (?, ?, ?, ?)")
            for (g, label) in outcome.groupLabels.enumerated() {
                for segment in 0..<groupWeights.columns {
                    try weights.run([runValue, .text(label), .integer(Int64(segment + 1)),
                                     .real(min(1, max(Double.leastNormalMagnitude, groupWeights[g, segment])))])
                }
            }
        }
        if let sweep = outcome.sweep {
            let points = try connection.prepare("""
                INSERT INTO latent_class_sweep(run_id, k, users, log_likelihood, bic, icl, entropy_r2, iterations)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for point in sweep.points {
                try points.run([runValue, .integer(Int64(point.fit.k)), .integer(Int64(point.fit.rows)), .real(point.fit.logLikelihood),
                                .real(point.fit.bic), .real(point.fit.icl), .real(point.fit.entropyR2), .integer(Int64(point.iterations))])
            }
        }
    }

    /// A stored mixture, as `assign` needs it: α (k × subcategories, columns in `subcategoryIDs`
    /// order), the marginal weights, and with covariates the weights per group label.
    package struct StoredMixture: Sendable {
        package let alpha: [Double]
        package let weights: [Double]
        /// Group label ("25-34", "female", "25-34/female") → that group's k weights; empty without covariates.
        package let groupWeights: [String: [Double]]
    }

    /// Reads run `run`'s mixture, range-checked: α finite and in (0, 1e300], weights in [0, 1],
    /// one α per segment and subcategory, one weight per segment (and per group and segment).
    /// - Throws: `WarehouseError.brokenInvariant` naming what is missing or out of range.
    package static func read(run: Int64, k: Int, subcategoryIDs: [Int], from connection: WarehouseStore) throws -> StoredMixture {
        func broken(_ message: String) -> WarehouseError { .brokenInvariant("run \(run) \(message)") }
        let J = subcategoryIDs.count
        var column: [Int: Int] = [:]
        for (j, id) in subcategoryIDs.enumerated() { column[id] = j }
        let runValue = SQLValue.integer(run)
        var alpha = [Double](repeating: .nan, count: k * J)
        try connection.eachRow("SELECT segment, subcategory_id, alpha FROM latent_class_alpha WHERE run_id = ?", [runValue],
                               table: "latent_class_alpha", row: { _ in "run \(run)" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let id = try row.int(1, "subcategory_id", in: Int(Int32.min)...Int(Int32.max))
            guard let j = column[id] else { throw broken("has an alpha for subcategory \(id), which the catalogue does not have") }
            alpha[(segment - 1) * J + j] = try row.real(2, "alpha", in: Double.leastNormalMagnitude...1e300)
        }
        if let missing = alpha.firstIndex(where: { $0.isNaN }) {
            throw broken("has no latent_class_alpha for segment \(missing / max(J, 1) + 1), subcategory \(subcategoryIDs[missing % J])")
        }
        var weights = [Double](repeating: .nan, count: k)
        try connection.eachRow("SELECT segment, weight FROM latent_class_components WHERE run_id = ?", [runValue],
                               table: "latent_class_components", row: { _ in "run \(run)" }) { row in
            weights[try row.int(0, "segment", in: 1...k) - 1] = try row.real(1, "weight", in: 0...1)
        }
        if let missing = weights.firstIndex(where: { $0.isNaN }) {
            throw broken("has no latent_class_components weight for segment \(missing + 1)")
        }
        var groups: [String: [Double]] = [:]
        try connection.eachRow("SELECT mixing_group, segment, weight FROM latent_class_group_weights WHERE run_id = ?", [runValue],
                               table: "latent_class_group_weights", row: { _ in "run \(run)" }) { row in
            let label = try row.name(0, "mixing_group", maxLength: 32)
            let segment = try row.int(1, "segment", in: 1...k)
            groups[label, default: [Double](repeating: .nan, count: k)][segment - 1] = try row.real(2, "weight", in: 0...1)
        }
        for (label, values) in groups.sorted(by: { $0.key < $1.key }) {
            if let missing = values.firstIndex(where: { $0.isNaN }) {
                throw broken("has no latent_class_group_weights weight for group \(label), segment \(missing + 1)")
            }
        }
        return StoredMixture(alpha: alpha, weights: weights, groupWeights: groups)
    }

    /// One k of a latent-class run's sweep (`latent_class_sweep`).
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

    /// The sweep of run `run` by k (empty for k-means runs or runs without a sweep).
    package static func sweep(run: Int64, from connection: WarehouseStore) throws -> [SweepPoint] {
        let bound = 1e300
        return try connection.mapRows(
            "SELECT k, users, log_likelihood, bic, icl, entropy_r2 FROM latent_class_sweep WHERE run_id = ? ORDER BY k", [.integer(run)],
            table: "latent_class_sweep", row: { "run \(run), k \($0.value(0))" }) { row in
            SweepPoint(k: try row.int(0, "k", in: 1...RunRecord.maximumK), users: try row.int(1, "users", in: 1...Int(Int32.max)),
                       logLikelihood: try row.real(2, "log_likelihood", in: -bound...bound),
                       bic: try row.real(3, "bic", in: -bound...bound), icl: try row.real(4, "icl", in: -bound...bound),
                       entropyR2: try row.real(5, "entropy_r2", in: -1e-9...1.000_001))
        }
    }

    /// The sweep's k of lowest BIC (`latent_class_fits.bic_k`), when stored.
    package static func bicK(run: Int64, from connection: WarehouseStore) throws -> Int? {
        try connection.mapRows("SELECT bic_k FROM latent_class_fits WHERE run_id = ?", [.integer(run)],
                               table: "latent_class_fits", row: { _ in "run \(run)" }) { row in
            try row.isNull(0) ? nil : row.int(0, "bic_k", in: 1...RunRecord.maximumK)
        }.first ?? nil
    }
}
