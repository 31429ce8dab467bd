import Analysis
import Population
import WarehouseTables

/// A latent-class run's fitted mixture read back from its tables, to place users by it
/// (`warehouse assign`): user i goes to the segment of highest posterior
///
///     r_is ∝ π_{g(i),s} DM(x_i | α_s)
///
/// with x_i the user's subcategory like counts, α from `latent_class_alpha`, and π the run's
/// weights (`latent_class_components`), or with `--covariates` the weights of the user's group
/// (`latent_class_group_weights`: age group, gender or both). Same E-step as the fit, so a fitted user gets
/// its stored segment and probability back (tested).
struct RunMixture: Sendable {
    let runID: Int64
    /// k × subcategories, columns in `WarehouseData.subcategories` order.
    let alpha: Matrix
    /// G × k (G = 1 without covariates; else the covariate's groups, `groupLabels` order).
    let weights: Matrix
    let covariate: LatentClassCovariate?

    /// - Throws: `WarehouseError.brokenInvariant` when the run's mixture tables are incomplete
    ///   or out of range (see `LatentClassTables.read`), or lack a group.
    static func load(record: RunRecord, data: WarehouseData, from store: WarehouseStore) throws -> RunMixture {
        let k = record.k
        let stored = try LatentClassTables.read(run: record.id, k: k, subcategoryIDs: data.subcategories.map(\.id), from: store)
        var weights = Matrix(rows: 1, columns: k, values: stored.weights)
        if let covariate = record.covariates {
            var values: [Double] = []
            for label in covariate.groupLabels {
                guard let row = stored.groupWeights[label] else {
                    throw WarehouseError.brokenInvariant("run \(record.id) has no latent_class_group_weights for group \(label)")
                }
                values += row
            }
            weights = Matrix(rows: covariate.groupLabels.count, columns: k, values: values)
        }
        for g in 0..<weights.rows where !((0..<k).contains { weights[g, $0] > 0 }) {
            throw WarehouseError.brokenInvariant("run \(record.id) has mixing weights that are all 0")
        }
        return RunMixture(runID: record.id, alpha: Matrix(rows: k, columns: data.subcategories.count, values: stored.alpha),
                          weights: weights, covariate: record.covariates)
    }

    /// The posteriors of users `rows` (indices into `data`, each with likes).
    func place(rows: [Int], data: WarehouseData, threads: Int) throws -> MixturePosteriors {
        guard let counts = try ClassificationCeiling.counts(data: data, users: rows) else {
            throw WarehouseError.invalidArgument(ClassificationCeiling.wholeCountsReason)
        }
        let groups = covariate.map { covariate in rows.map { Int32(covariate.group(age: data.ages[$0], gender: data.genderGroup($0))) } }
        return try refusingAnalysisErrors {
            try latentClassPosteriors(counts, alpha: alpha, weights: weights, groups: groups, threads: threads)
        }
    }
}
