import Analysis
import Population

/// How `run-segmentation` clusters: `kmeans` (PCA + k-means, the default) or `latent-class` (a
/// Dirichlet-multinomial mixture over the subcategory like counts, see `fitLatentClass`).
public enum SegmentationMethod: String, Sendable, CaseIterable, Equatable {
    case kmeans
    case latentClass = "latent-class"
}

/// What a latent-class run's mixing weights depend on (`--covariates`): `age-group`, one set of
/// weights per age group (`AgeGroup.all`, see `MixingGroups`). No covariate: one set for everyone.
public enum LatentClassCovariate: String, Sendable, CaseIterable, Equatable {
    case ageGroup = "age-group"
}

/// What a latent-class run fitted: the mixture at the run's k (on every user with likes) and the
/// sweep over the `--elbow` range (on a seeded sample), whose lowest BIC suggests k.
public struct LatentClassOutcome: Sendable {
    public let fit: LatentClassResult
    public let sweep: LatentClassSweep?
    /// The covariate of the mixing weights; with one, `fit.groupWeights` row g belongs to
    /// `groupLabels[g]` (the age groups' labels, `AgeGroup.all` order).
    public var covariate: LatentClassCovariate?
    public var groupLabels: [String] = []
}

/// The covariates' values of the users a latent-class run fits.
enum LatentClassCovariates {
    /// Each of `users` (indices into `data`)'s age group, `AgeGroup.all` indices.
    static func ageGroups(data: WarehouseData, users: [Int]) throws -> MixingGroups {
        try MixingGroups(labels: users.map { Int32(AgeGroup.index(containing: Int(data.ages[$0]))) }, count: AgeGroup.all.count)
    }
}
