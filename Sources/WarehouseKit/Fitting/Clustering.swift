import Analysis
import Dispatch
import Population
import WarehouseTables

/// The clustering half of a run, pure and `Sendable` so it can run beside the writer: the elbow
/// sweep, the final k-means fit, its silhouette and its agreement with the planted personas.
struct Clustering: Sendable {
    let elbow: ElbowResult?
    let fit: KMeansResult
    /// Mean silhouette of the final fit (nil for k = 1 or when undefined on the sample).
    let silhouette: Double?
    /// Rows the silhouette was computed on.
    let silhouetteSample: Int
    /// ARI of the final labels against the planted personas, when given.
    let adjustedRandIndex: Double?
    let elbowSeconds: Double
    let fitSeconds: Double
    /// The mixture of a latent-class run (then `fit` holds its segments, see `latentClassFit`).
    let latentClass: LatentClassOutcome?

    /// `counts`: the users' subcategory like counts (rows parallel to `scores`), needed by `--method latent-class`.
    /// `covariate`: each of those users' age group, when `--covariates age-group`.
    init(scores: Matrix, counts: CountMatrix?, covariate: MixingGroups? = nil, configuration: SegmentationConfiguration,
         personas: [Int32]?) throws {
        if configuration.method == .latentClass, let counts {
            try self.init(latentClassOf: counts, covariate: covariate, scores: scores, configuration: configuration,
                          personas: personas)
        } else {
            try self.init(kMeansOf: scores, configuration: configuration, personas: personas)
        }
    }

    /// `--method kmeans`: the elbow sweep and the final k-means on the PCA scores.
    private init(kMeansOf scores: Matrix, configuration: SegmentationConfiguration, personas: [Int32]?) throws {
        latentClass = nil
        let started = DispatchTime.now().uptimeNanoseconds
        let silhouetteRows = configuration.silhouetteRows(users: scores.rows)
        var elbow: ElbowResult?
        if let range = configuration.elbow {
            let upper = min(range.upperBound, scores.rows)
            if upper >= range.lowerBound {
                elbow = try elbowSweep(scores, ElbowConfiguration(
                    ks: range.lowerBound...upper, sampleSize: configuration.elbowSampleSize,
                    nInit: configuration.elbowNInit, silhouetteSampleSize: max(2, silhouetteRows),
                    maxIterations: configuration.maxIterations, tolerance: configuration.tolerance,
                    seed: configuration.seed, threads: configuration.threads))
            }
        }
        let elbowDone = DispatchTime.now().uptimeNanoseconds
        let fit: KMeansResult
        if let batchSize = configuration.miniBatchSize {
            fit = try fitMiniBatchKMeans(scores, MiniBatchKMeansConfiguration(
                k: configuration.k, batchSize: batchSize, nInit: configuration.nInit,
                maxIterations: configuration.miniBatchMaxIterations, tolerance: configuration.miniBatchTolerance,
                seed: configuration.seed, threads: configuration.threads))
        } else {
            fit = try fitKMeans(scores, KMeansConfiguration(
                k: configuration.k, nInit: configuration.nInit, maxIterations: configuration.maxIterations,
                tolerance: configuration.tolerance, seed: configuration.seed, threads: configuration.threads))
        }
        // Undefined (nil) for k = 1, or when the sample holds fewer than 2 or only singleton segments.
        silhouette = configuration.k >= 2
            ? try? silhouetteScore(scores, labels: fit.labels, sampleSize: max(2, silhouetteRows),
                                   seed: configuration.seed, threads: configuration.threads)
            : nil
        silhouetteSample = min(silhouetteRows, scores.rows)
        adjustedRandIndex = personas.map { Analysis.adjustedRandIndex(fit.labels, $0) }
        let done = DispatchTime.now().uptimeNanoseconds
        self.elbow = elbow
        self.fit = fit
        elbowSeconds = Double(elbowDone - started) / 1e9
        fitSeconds = Double(done - elbowDone) / 1e9
    }

    /// `--method latent-class`: the BIC sweep over the `--elbow` range on a seeded sample of
    /// `elbowSampleSize` users, then the mixture at k on every user with likes (`nInit` starts
    /// capped at `latentClassStarts`). The run's segments are the most probable components; their
    /// "centroids" are the segments' mean PCA scores, so distances, inertia and silhouette keep
    /// their k-means meaning in PCA space.
    private init(latentClassOf counts: CountMatrix, covariate: MixingGroups?, scores: Matrix,
                 configuration: SegmentationConfiguration, personas: [Int32]?) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        var settings = LatentClassConfiguration(k: configuration.k, seed: configuration.seed, threads: configuration.threads)
        settings.nInit = min(configuration.nInit, configuration.latentClassStarts)
        settings.maxIterations = configuration.latentClassMaxIterations
        settings.tolerance = configuration.latentClassTolerance
        var sweep: LatentClassSweep?
        if let range = configuration.elbow {
            let upper = min(range.upperBound, counts.rows)
            if upper >= range.lowerBound {
                var sweepSettings = settings
                sweepSettings.nInit = configuration.latentClassSweepStarts
                // Each k only needs its BIC to well under one unit: stop at a relative change of 1e-6.
                sweepSettings.tolerance = max(settings.tolerance, 1e-6)
                sweep = try latentClassSweep(counts, ks: range.lowerBound...upper, sampleSize: min(configuration.elbowSampleSize, configuration.latentClassSweepSampleSize), sweepSettings, covariate: covariate)
            }
        }
        let sweepDone = DispatchTime.now().uptimeNanoseconds
        let mixture = try fitLatentClass(counts, settings, covariate: covariate)
        let k = configuration.k, d = scores.columns
        var sums = [Double](repeating: 0, count: k * d)
        var sizes = [Int](repeating: 0, count: k)
        for row in 0..<scores.rows {
            let segment = Int(mixture.labels[row])
            sizes[segment] += 1
            for t in 0..<d { sums[segment * d + t] += scores.values[row * d + t] }
        }
        for segment in 0..<k where sizes[segment] > 0 {
            for t in 0..<d { sums[segment * d + t] /= Double(sizes[segment]) }
        }
        var distances = [Double](repeating: 0, count: scores.rows)
        var inertia = 0.0
        for row in 0..<scores.rows {
            let segment = Int(mixture.labels[row])
            var squared = 0.0
            for t in 0..<d {
                let delta = scores.values[row * d + t] - sums[segment * d + t]
                squared += delta * delta
            }
            distances[row] = squared.squareRoot()
            inertia += squared
        }
        fit = KMeansResult(centroids: Matrix(rows: k, columns: d, values: sums), labels: mixture.labels, distances: distances,
                           inertia: inertia, iterations: mixture.iterations, clusterSizes: mixture.clusterSizes)
        elbow = nil
        var outcome = LatentClassOutcome(fit: mixture, sweep: sweep)
        if covariate != nil {
            outcome.covariate = configuration.covariates
            outcome.groupLabels = configuration.covariates?.groupLabels ?? []
        }
        latentClass = outcome
        let silhouetteRows = configuration.silhouetteRows(users: scores.rows)
        silhouette = k >= 2
            ? try? silhouetteScore(scores, labels: fit.labels, sampleSize: max(2, silhouetteRows),
                                   seed: configuration.seed, threads: configuration.threads)
            : nil
        silhouetteSample = min(silhouetteRows, scores.rows)
        adjustedRandIndex = personas.map { Analysis.adjustedRandIndex(mixture.labels, $0) }
        let done = DispatchTime.now().uptimeNanoseconds
        elbowSeconds = Double(sweepDone - started) / 1e9
        fitSeconds = Double(done - sweepDone) / 1e9
    }
}
