import Analysis
import WarehouseTables

/// Settings of one `warehouse run-segmentation`; stored with the run so it can be reproduced.
public struct SegmentationConfiguration: Sendable {
    /// Segments to find.
    public var k: Int = 4
    /// Count interactions over a window of time instead of all-time likes (`--as-of --window
    /// --weights --half-life`); nil: all-time likes.
    public var window: WindowRequest?
    /// PCA + k-means (default) or the Dirichlet-multinomial latent-class model.
    public var method: SegmentationMethod = .kmeans
    /// `--covariates`: what the latent-class mixing weights depend on (nil: nothing). Only with
    /// `method == .latentClass`.
    public var covariates: LatentClassCovariate?
    /// Latent-class starts at the run's k: `min(nInit, latentClassStarts)`.
    public var latentClassStarts: Int = 3
    /// Latent-class starts per k of the sweep.
    public var latentClassSweepStarts: Int = 1
    /// The latent-class sweep fits on a seeded sample of at most this many users (and at most
    /// `elbowSampleSize`): at 50,000 users BIC's penalty for one more segment (21 ln n ≈ 227)
    /// still dwarfs what a fifth component gained on the planted data (at most 7 in log-likelihood,
    /// measured on 10,000 and 100,000 users).
    public var latentClassSweepSampleSize: Int = 50_000
    /// Feature sets, in order (see `FeatureSet`).
    public var featureSets: [FeatureSet] = FeatureSet.defaultSets
    /// PCA components to keep; nil: the fewest reaching `varianceTarget` of the variance, at least 2.
    public var components: Int?
    /// Share of variance the automatic choice of components must reach.
    public var varianceTarget: Double = RunSettings.defaultVarianceTarget
    /// k-means restarts; the one with the lowest inertia is kept.
    public var nInit: Int = 10
    /// k-means: Lloyd iterations per restart (`--max-iter`; the elbow sweep's too).
    public var maxIterations: Int = 300
    /// k-means: convergence tolerance relative to the mean per-component variance (scikit-learn's `tol`).
    public var tolerance: Double = 1e-4
    /// Latent-class: EM iterations (M-steps) per start (`--max-iter` with `--method latent-class`;
    /// the sweep's too). Default: the fit's own, `LatentClassConfiguration`'s.
    public var latentClassMaxIterations: Int = LatentClassConfiguration(k: 1).maxIterations
    /// Latent-class: EM stops when the log-likelihood changes by at most this × its size
    /// (`--tol` with `--method latent-class`; the sweep stops at no less than 1e-6).
    public var latentClassTolerance: Double = LatentClassConfiguration(k: 1).tolerance
    /// Mini-batch k-means (`--mini-batch`): passes over the users at most (`--max-iter` with
    /// `--mini-batch`; scikit-learn's `max_iter`). Default: `MiniBatchKMeansConfiguration`'s.
    public var miniBatchMaxIterations: Int = MiniBatchKMeansConfiguration(k: 1).maxIterations
    /// Mini-batch k-means: the smoothed centre movement's tolerance (`--tol` with `--mini-batch`;
    /// 0, the default, leaves stopping to the no-improvement rule, as scikit-learn does).
    public var miniBatchTolerance: Double = MiniBatchKMeansConfiguration(k: 1).tolerance
    public var seed: UInt64 = 42
    /// The k range of the elbow sweep; nil: no sweep.
    public var elbow: ClosedRange<Int>? = 1...10
    /// Rows the elbow sweep fits on (a seeded sample beyond it; inertia is then evaluated on all rows).
    public var elbowSampleSize: Int = 100_000
    /// k-means restarts per k in the elbow sweep.
    public var elbowNInit: Int = 3
    /// Up to this many clustered users the silhouettes are exact (every pair of users); O(n²)
    /// time, O(n) memory.
    public var silhouetteExactUpTo: Int = SilhouetteRule().exactUpTo
    /// Beyond `silhouetteExactUpTo` users, the silhouettes are computed on a seeded uniform
    /// sample of this many users (the same sample for every k).
    public var silhouetteSampleSize: Int = SilhouetteRule().sampleSize

    /// Rows the silhouettes are computed on for `users` clustered users.
    public func silhouetteRows(users: Int) -> Int {
        SilhouetteRule(exactUpTo: silhouetteExactUpTo, sampleSize: silhouetteSampleSize).rows(users: users)
    }
    /// Fit the final k-means with mini-batches of this many rows (Sculley's mini-batch k-means,
    /// then one exact assignment pass); nil: full Lloyd iterations. Much faster on large
    /// populations; inertia within 0.1% of the full fit on the 1M benchmark at k = 4 (BENCHMARKS.md).
    public var miniBatchSize: Int?
    /// Relabel the segments to match this earlier run's (Hungarian matching on shared users), so
    /// "segment 2" keeps its meaning between runs; nil: segment 1 is the largest.
    public var alignTo: Int64?
    /// Worker threads; results do not depend on it.
    public var threads: Int = min(Parallelism.activeProcessorCount, 256)

    public init() {}

    /// Checks what can be checked before reading the warehouse.
    public func validate() throws {
        func invalid(_ message: String) -> WarehouseError { .invalidArgument(message) }
        if let covariates, method != .latentClass {
            throw invalid("--covariates \(covariates.rawValue) needs --method latent-class (k-means has no mixing weights), "
                          + "got --method \(method.rawValue)")
        }
        if let miniBatchSize, method == .latentClass {
            // The EM reads every user at each step; there is no mini-batch variant to apply it to.
            throw invalid("--mini-batch \(miniBatchSize) needs --method kmeans (the latent-class fit has no mini-batches), "
                          + "got --method latent-class")
        }
        if let alignTo, method == .latentClass {
            // The alignment renumbers the segments, not the mixture's components, runners-up and weights.
            throw invalid("--align-to \(alignTo) is not supported with --method latent-class yet")
        }
        guard k >= RunRecord.kRange.lowerBound else { throw invalid("--k must be at least 1, got \(k)") }
        guard k <= RunRecord.kRange.upperBound else { throw invalid("--k must be at most \(RunRecord.kRange.upperBound), got \(k)") }
        if let components, components < 1 { throw invalid("--components must be at least 1, got \(components)") }
        guard RunRecord.nInitRange.contains(nInit) else { throw invalid("--n-init must be between 1 and 1000, got \(nInit)") }
        for maxIterations in [maxIterations, latentClassMaxIterations, miniBatchMaxIterations] {
            guard RunRecord.maxIterationsRange.contains(maxIterations) else {
                throw invalid("--max-iter must be between 1 and 100000, got \(maxIterations)")
            }
        }
        for tolerance in [tolerance, latentClassTolerance, miniBatchTolerance] {
            guard tolerance.isFinite, RunRecord.toleranceRange.contains(tolerance) else {
                throw invalid("--tol must be a number between 0 and 1e300, got \(tolerance)")
            }
        }
        guard seed <= UInt64(Int64.max) else { throw invalid("--seed must be between 0 and \(Int64.max), got \(seed)") }
        if let elbow {
            guard elbow.lowerBound >= 1, elbow.upperBound <= 100 else {
                throw invalid("--elbow must lie within 1...100, got \(elbow.lowerBound)...\(elbow.upperBound)")
            }
        }
        guard threads >= 1, threads <= 256 else { throw invalid("--threads must be between 1 and 256, got \(threads)") }
        guard silhouetteSampleSize >= 2, silhouetteSampleSize <= 100_000 else {
            throw invalid("--silhouette-sample must be between 2 and 100000, got \(silhouetteSampleSize)")
        }
        if let miniBatchSize, miniBatchSize < 1 || miniBatchSize > 10_000_000 {
            throw invalid("--mini-batch must be between 1 and 10000000, got \(miniBatchSize)")
        }
        if let alignTo, alignTo < 1 { throw invalid("--align-to must be a run id ≥ 1, got \(alignTo)") }
        guard elbowSampleSize >= 1 else { throw invalid("--elbow-sample must be at least 1, got \(elbowSampleSize)") }
    }

    /// The feature sets as stored in `segmentation_runs.features`.
    public var featuresText: String { settings.featuresText }

    /// What the run stores of these settings: the starts, iteration limit and tolerance the
    /// final fit used (Lloyd's k-means, mini-batch k-means' passes, or the latent-class EM's),
    /// never another fit's.
    public var settings: RunSettings {
        var settings = RunSettings()
        settings.k = k
        settings.featureSets = featureSets
        // The starts the fit makes: a latent-class fit makes at most `latentClassStarts`.
        settings.nInit = method == .latentClass ? min(nInit, latentClassStarts) : nInit
        switch (method, miniBatchSize) {
        case (.latentClass, _):
            settings.maxIterations = latentClassMaxIterations
            settings.tolerance = latentClassTolerance
        case (.kmeans, .some):
            settings.maxIterations = miniBatchMaxIterations
            settings.tolerance = miniBatchTolerance
        case (.kmeans, nil):
            settings.maxIterations = maxIterations
            settings.tolerance = tolerance
        }
        settings.seed = seed
        settings.alignTo = alignTo
        settings.covariates = covariates
        settings.threads = threads
        return settings
    }
}
