import Analysis
import Storage

/// The tables of migrations 0005 and 0007 for a latent-class run's mixture (`latent_class_fits`,
/// `latent_class_components`, `latent_class_alpha`, `latent_class_sweep`,
/// `latent_class_group_weights` with covariates; the run's method, covariates and
/// ceiling go into its `segmentation_runs` row with it). Written inside the run's transaction,
/// after its row.
enum LatentClassTables {
    /// Writes the fitted mixture; segments are stored 1-based, α columns follow `subcategoryIDs`.
    static func write(run: Int64, outcome: LatentClassOutcome, subcategoryIDs: [Int], to connection: Connection) throws {
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
                "INSERT INTO latent_class_group_weights(run_id, age_group, segment, weight) VALUES (?, ?, ?, ?)")
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
}
