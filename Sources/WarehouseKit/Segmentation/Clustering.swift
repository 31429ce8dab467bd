import Analysis
import Dispatch

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

    init(scores: Matrix, configuration: SegmentationConfiguration, personas: [Int32]?) throws {
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
}
