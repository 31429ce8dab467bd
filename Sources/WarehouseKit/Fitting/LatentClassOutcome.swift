import Analysis

/// How `run-segmentation` clusters: `kmeans` (PCA + k-means, the default) or `latent-class` (a
/// Dirichlet-multinomial mixture over the subcategory like counts, see `fitLatentClass`).
public enum SegmentationMethod: String, Sendable, CaseIterable, Equatable {
    case kmeans
    case latentClass = "latent-class"
}

/// What a latent-class run fitted: the mixture at the run's k (on every user with likes) and the
/// sweep over the `--elbow` range (on a seeded sample), whose lowest BIC suggests k.
public struct LatentClassOutcome: Sendable {
    public let fit: LatentClassResult
    public let sweep: LatentClassSweep?
}
