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
