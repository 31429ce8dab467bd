import Analysis
import WarehouseTables

/// What a segmentation clusters, built from the warehouse as read: the features of every user
/// with interest, standardised and projected on the principal components, and for a latent-class
/// fit the whole counts (and age groups, with `--covariates age-group`). The checks that refuse
/// a run which cannot be fitted live here, so `run-segmentation` and `evaluate` refuse alike.
struct SegmentationInputs {
    let features: FeatureMatrix
    let scaling: Standardization
    let pca: PCAResult
    /// features.users × components.
    let scores: Matrix
    /// The clustered users' subcategory counts, for `--method latent-class`.
    let counts: CountMatrix?
    let covariate: MixingGroups?

    /// - Throws: `WarehouseError.invalidArgument` when no user has interest, k or `--components`
    ///   exceed what the data holds, the features are constant, or there are fewer than k
    ///   distinct points to cluster; for a latent-class fit, when the counts are not whole.
    /// `lap` is called with "features" once they are standardised and "pca" once projected.
    init(data: WarehouseData, configuration: SegmentationConfiguration, lap: (String) -> Void = { _ in }) throws {
        features = FeatureMatrix(data: data, sets: configuration.featureSets)
        guard features.users.count > 0 else {
            throw WarehouseError.invalidArgument(data.userCount == 1 ? "the one user has no likes; nothing to segment" : "none of the \(Format.count(data.userCount)) users has any likes; nothing to segment")
        }
        guard configuration.k <= features.users.count else {
            throw WarehouseError.invalidArgument(
                "--k \(configuration.k) is larger than the number of users with likes (\(features.users.count))")
        }
        if let components = configuration.components, components > features.names.count {
            throw WarehouseError.invalidArgument(
                "--components \(components) is more than the \(features.names.count) features (\(features.names.joined(separator: ", ")))")
        }
        let (scaling, standardized) = try RunPipeline.standardize(features.matrix, featuresText: configuration.featuresText,
                                                                  threads: configuration.threads)
        lap("features")
        let componentChoice: PCAConfiguration.Components = configuration.components.map { .fixed($0) }
            ?? .explainedVariance(atLeast: configuration.varianceTarget, minimum: min(2, features.names.count))
        (pca, scores) = try RunPipeline.project(standardized, components: componentChoice, threads: configuration.threads)
        self.scaling = scaling
        lap("pca")
        counts = configuration.method == .latentClass ? try Self.wholeCounts(data: data, users: features.users) : nil
        // k segments need k distinct points among what is clustered (the PCA scores, or the like
        // counts of a latent-class run): with fewer, a segment would be empty or a copy.
        let distinct = counts?.distinctRowCount(upTo: configuration.k) ?? scores.distinctRowCount(upTo: configuration.k)
        guard distinct >= configuration.k else {
            throw WarehouseError.invalidArgument(
                "--k \(configuration.k) is more than the \(distinct) distinct \(counts == nil ? "feature vectors (PCA scores)" : "like-count vectors")"
                + " of the \(Format.plural(features.users.count, "user")) with likes; choose --k \(distinct) or fewer")
        }
        let users = features.users
        covariate = try configuration.covariates.map { covariates in
            try refusingAnalysisErrors { try LatentClassCovariates.groups(covariates, data: data, users: users) }
        }
    }

    /// The latent-class features, refused with the reason when the window's counts are not whole.
    private static func wholeCounts(data: WarehouseData, users: [Int]) throws -> CountMatrix {
        guard let counts = try ClassificationCeiling.counts(data: data, users: users) else {
            throw WarehouseError.invalidArgument("--method latent-class: " + ClassificationCeiling.wholeCountsReason)
        }
        return counts
    }
}
