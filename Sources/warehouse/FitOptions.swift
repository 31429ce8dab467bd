import ArgumentParser
import WarehouseKit

/// The options of a segmentation fit, shared by `run-segmentation` and `evaluate` (which fits
/// the same way on the past): the method, k, the features and the fit's own settings.
struct FitOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Number of segments.")
    var k: Int = 4

    @Option(help: ArgumentHelp(
        "kmeans: PCA + k-means on --features; latent-class: a Dirichlet-multinomial mixture on the subcategory like counts (the --elbow range becomes a BIC sweep).",
        valueName: "kmeans|latent-class"))
    var method: SegmentationMethod = .kmeans

    @Option(help: ArgumentHelp(
        "With --method latent-class: mixing weights per age group, per gender (female, male, other, undisclosed), or per both (a concomitant variable); default: one set for everyone.",
        valueName: "age-group|gender|age-group,gender"))
    var covariates: LatentClassCovariate?

    @Option(help: "Feature sets, comma-separated.")
    var features: String = FeatureSet.defaultSets.map(\.rawValue).joined(separator: ",")

    @Option(parsing: .unconditional, help: "PCA components to keep (default: the fewest explaining ≥ 90% of the variance, at least 2).")
    var components: Int?

    @Option(name: .customLong("n-init"), parsing: .unconditional, help: "k-means restarts; the lowest inertia wins.")
    var nInit: Int = 10

    @Option(name: .customLong("max-iter"), parsing: .unconditional, help: ArgumentHelp(
        "kmeans: maximum Lloyd iterations per restart (default: 300); with --mini-batch: maximum passes over the users (default: 100); latent-class: maximum EM iterations per start (default: 200)."))
    var maxIter: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Convergence tolerance. kmeans: relative to the mean variance of the PCA scores (default: 1e-4; with --mini-batch: 0, stopping on no improvement instead); latent-class: relative change of the log-likelihood (default: 1e-8)."))
    var tol: Double?

    @Option(parsing: .unconditional, help: "Seed for k-means++ and every sample: the same seed gives the same run.")
    var seed: UInt64 = 42

    @Option(name: .customLong("mini-batch"), parsing: .unconditional,
            help: ArgumentHelp("Fit k-means with mini-batches of this many users (faster on large populations).", valueName: "size"))
    var miniBatch: Int?

    /// Sets these options on `configuration`: each method's own iteration limit and tolerance
    /// (the one its fit uses, and a run stores).
    func apply(to configuration: inout SegmentationConfiguration) throws {
        configuration.k = k
        configuration.method = method
        configuration.covariates = covariates
        configuration.featureSets = try FeatureSet.parse(features)
        configuration.components = components
        configuration.nInit = nInit
        if method == .latentClass {
            if let maxIter { configuration.latentClassMaxIterations = maxIter }
            if let tol { configuration.latentClassTolerance = tol }
        } else if miniBatch != nil {
            if let maxIter { configuration.miniBatchMaxIterations = maxIter }
            if let tol { configuration.miniBatchTolerance = tol }
        } else {
            if let maxIter { configuration.maxIterations = maxIter }
            if let tol { configuration.tolerance = tol }
        }
        configuration.seed = seed
        configuration.miniBatchSize = miniBatch
    }
}
