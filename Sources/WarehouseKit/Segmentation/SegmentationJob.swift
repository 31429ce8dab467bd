import Analysis
import Storage

/// `warehouse run-segmentation`: read the warehouse, build features, PCA, elbow sweep, k-means,
/// profile the segments, and store everything as one new run in ONE transaction.
///
/// Users with no likes have no interests to segment (their shares are undefined): they are left
/// out of the fit, counted in `segmentation_runs.users_without_likes`, and get no assignment.
public enum SegmentationJob {
    /// Stage names reported to the progress callback as they start.
    public typealias Progress = (String) -> Void

    public static func run(
        store: WarehouseStore,
        configuration: SegmentationConfiguration,
        progress: Progress? = nil
    ) throws -> SegmentationResult {
        try configuration.validate()
        var clock = Stopwatch()

        progress?("reading the warehouse")
        let data = try WarehouseData.read(store)
        guard data.userCount > 0 else { throw WarehouseError.emptyWarehouse(path: store.path) }
        clock.lap("read")

        progress?("building features")
        let features = FeatureMatrix(data: data, sets: configuration.featureSets)
        guard features.users.count > 0 else {
            throw WarehouseError.invalidArgument("none of the \(data.userCount) users has any likes; nothing to segment")
        }
        guard configuration.k <= features.users.count else {
            throw WarehouseError.invalidArgument(
                "--k \(configuration.k) is larger than the number of users with likes (\(features.users.count))")
        }
        if let components = configuration.components, components > features.names.count {
            throw WarehouseError.invalidArgument(
                "--components \(components) is more than the \(features.names.count) features (\(features.names.joined(separator: ", ")))")
        }
        let scaling = Standardization.fit(features.matrix, threads: configuration.threads)
        if scaling.zeroVarianceColumns.count == features.names.count {
            throw WarehouseError.invalidArgument(
                "all \(features.users.count) users have identical features (\(configuration.featuresText)); there is nothing to segment")
        }
        let standardized = scaling.transform(features.matrix, threads: configuration.threads)
        clock.lap("features")

        progress?("PCA")
        let componentChoice: PCAConfiguration.Components = configuration.components.map { .fixed($0) }
            ?? .explainedVariance(atLeast: configuration.varianceTarget, minimum: min(2, features.names.count))
        let pca = try analysis { try fitPCA(standardized, PCAConfiguration(components: componentChoice, threads: configuration.threads)) }
        let scores = pca.transform(standardized, threads: configuration.threads)
        clock.lap("pca")

        var elbow: ElbowResult?
        if let range = configuration.elbow {
            progress?("elbow sweep k = \(range.lowerBound)…\(range.upperBound)")
            let upper = min(range.upperBound, features.users.count)
            if upper >= range.lowerBound {
                let sweep = ElbowConfiguration(
                    ks: range.lowerBound...upper, sampleSize: configuration.elbowSampleSize,
                    nInit: configuration.elbowNInit, silhouetteSampleSize: configuration.silhouetteSampleSize,
                    maxIterations: configuration.maxIterations, tolerance: configuration.tolerance,
                    seed: configuration.seed, threads: configuration.threads)
                elbow = try analysis { try elbowSweep(scores, sweep) }
            }
        }
        clock.lap("elbow")

        progress?("k-means k = \(configuration.k), \(configuration.nInit) restarts")
        let fit = try analysis {
            try fitKMeans(scores, KMeansConfiguration(
                k: configuration.k, nInit: configuration.nInit, maxIterations: configuration.maxIterations,
                tolerance: configuration.tolerance, seed: configuration.seed, threads: configuration.threads))
        }
        let silhouetteSample = min(configuration.silhouetteSampleSize, features.users.count)
        // Undefined (nil) for k = 1 or when the sample holds fewer than 2 or all-singleton segments.
        let silhouette: Double? = configuration.k >= 2
            ? try? silhouetteScore(scores, labels: fit.labels, sampleSize: configuration.silhouetteSampleSize,
                                   seed: configuration.seed, threads: configuration.threads)
            : nil
        var ari: Double?
        if data.hasGroundTruth {
            let personas = features.users.map { data.personaIDs[$0] }
            ari = adjustedRandIndex(fit.labels, personas)
        }
        clock.lap("fit")

        progress?("profiling segments")
        let segments = SegmentProfiler.profile(data: data, users: features.users, labels: fit.labels, k: configuration.k)
        clock.lap("profile")

        progress?("writing the run")
        let draft = SegmentationResult(
            runID: 0, configuration: configuration, users: features.users.count,
            usersWithoutLikes: data.userCount - features.users.count, maxUserID: data.userIDs.last ?? 0,
            featureNames: features.names, scaling: scaling, pca: pca, kMeans: fit, elbow: elbow,
            silhouette: silhouette, silhouetteSample: silhouetteSample, adjustedRandIndex: ari,
            segments: segments, stageSeconds: clock.stages)
        let userIDs = features.users.map { data.userIDs[$0] }
        let runID = try store.write(bulk: true) {
            try RunWriter.write(draft, userIDs: userIDs, scores: scores, to: store.connection)
        }
        clock.lap("write")
        return SegmentationResult(
            runID: runID, configuration: configuration, users: draft.users, usersWithoutLikes: draft.usersWithoutLikes,
            maxUserID: draft.maxUserID, featureNames: draft.featureNames, scaling: scaling, pca: pca, kMeans: fit,
            elbow: elbow, silhouette: silhouette, silhouetteSample: silhouetteSample, adjustedRandIndex: ari,
            segments: segments, stageSeconds: clock.stages)
    }

    /// Runs an analysis step, turning its validation errors into one-line warehouse errors.
    private static func analysis<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AnalysisError {
            throw WarehouseError.invalidArgument(error.description)
        }
    }
}
