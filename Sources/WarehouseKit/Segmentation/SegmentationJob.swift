import Analysis
import WarehouseTables
import WarehouseSupport

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
        let window = try configuration.window.map { try $0.resolve(store) }
        let data = try WarehouseData.read(store, window: window, threads: configuration.threads)
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
        let (scaling, standardized) = try RunPipeline.standardize(features.matrix, featuresText: configuration.featuresText,
                                                                  threads: configuration.threads)
        clock.lap("features")

        progress?("PCA")
        let componentChoice: PCAConfiguration.Components = configuration.components.map { .fixed($0) }
            ?? .explainedVariance(atLeast: configuration.varianceTarget, minimum: min(2, features.names.count))
        let (pca, scores) = try RunPipeline.project(standardized, components: componentChoice, threads: configuration.threads)
        clock.lap("pca")

        try RunPipeline.requireRun(configuration.alignTo, in: store)
        // Clustering (elbow sweep, final fit) runs on background threads while this thread
        // writes the run's PCA scores, the bulk of its rows: on two cores the two overlap.
        progress?("clustering (elbow sweep, k-means k = \(configuration.k)) while writing PCA scores")
        let personas: [Int32]? = data.hasGroundTruth ? features.users.map { data.personaIDs[$0] } : nil
        // The latent-class features (raw subcategory counts, every clustered user) and the
        // ceiling's inputs (its users' counts: every clustered user up to
        // `ClassificationCeiling.exactUpTo`, a seeded sample beyond, so a k-means run does not pay
        // a pass over every user for a figure a sample estimates to about ±0.002).
        let clusteredUsers = features.users
        let counts: CountMatrix? = configuration.method == .latentClass ? try wholeCounts(data: data, users: clusteredUsers) : nil
        // k segments need k distinct points among what is clustered (the PCA scores, or the like
        // counts of a latent-class run): with fewer, a segment would be empty or a copy.
        let distinct = counts?.distinctRowCount(upTo: configuration.k) ?? scores.distinctRowCount(upTo: configuration.k)
        guard distinct >= configuration.k else {
            throw WarehouseError.invalidArgument(
                "--k \(configuration.k) is more than the \(distinct) distinct \(counts == nil ? "feature vectors (PCA scores)" : "like-count vectors")"
                + " of the \(Format.count(clusteredUsers.count)) users with likes; choose --k \(distinct) or fewer")
        }
        let covariate = configuration.covariates == .ageGroup
            ? try refusingAnalysisErrors { try LatentClassCovariates.ageGroups(data: data, users: clusteredUsers) } : nil
        let ceilingUsers = personas == nil ? [] : ClassificationCeiling.users(clusteredUsers, seed: configuration.seed)
        // nil (no ceiling) when the window's counts are not whole: the Bayes classifier models counts.
        let ceilingCounts = personas == nil ? nil : try ClassificationCeiling.counts(data: data, users: ceilingUsers)
        let parameters = personas == nil ? nil
            : try store.snapshot { try PersonaParameters.read(subcategoryIDs: data.subcategories.map(\.id), from: store) }
        let clusteringTask = Prefetcher<Result<Clustering, Error>>(count: 1, depth: 1) { _ in
            Result { try refusingAnalysisErrors {
                try Clustering(scores: scores, counts: counts, covariate: covariate, configuration: configuration,
                               personas: personas)
            } }
        }
        let ceilingTask = Prefetcher<Result<Double?, Error>>(count: 1, depth: 1) { _ in
            Result {
                guard let ceilingCounts else { return nil }
                return try ClassificationCeiling.adjustedRandIndex(data: data, users: ceilingUsers, counts: ceilingCounts,
                                                                   parameters: parameters, threads: 1)
            }
        }
        var settings = configuration.settings
        settings.window = window
        let userIDs = features.users.map { data.userIDs[$0] }
        let usersWithoutLikes = data.userCount - features.users.count
        let maxUserID = data.userIDs.last ?? 0
        var result = try store.write(bulk: true) { () -> SegmentationResult in
            let runID = try RunPipeline.nextRunID(in: store)
            try RunWriter.writeScores(runID: runID, userIDs: userIDs, scores: scores, to: store)
            clock.lap("write scores")
            let clustering = try clusteringTask.take(0).get()
            clock.lap("wait for clustering")
            var fit = clustering.fit
            if let previous = configuration.alignTo {
                fit = try SegmentAlignment.align(fit, userIDs: userIDs, to: previous, in: store)
            }
            progress?("profiling segments")
            let segments = SegmentProfiler.profile(data: data, users: features.users, labels: fit.labels, k: configuration.k)
            clock.lap("profile")
            let background = [("elbow", clustering.elbowSeconds), ("fit", clustering.fitSeconds)]
            var complete = SegmentationResult(
                runID: runID, settings: settings, users: userIDs.count, usersWithoutLikes: usersWithoutLikes,
                maxUserID: maxUserID, featureNames: features.names, scaling: scaling, pca: pca, kMeans: fit,
                elbow: clustering.elbow, silhouette: clustering.silhouette, silhouetteSample: clustering.silhouetteSample,
                adjustedRandIndex: clustering.adjustedRandIndex, segments: segments, stageSeconds: clock.stages,
                backgroundSeconds: background)
            complete.method = configuration.method
            complete.latentClass = clustering.latentClass
            complete.ceilingAdjustedRandIndex = try ceilingTask.take(0).get()
            complete.ceilingUsers = complete.ceilingAdjustedRandIndex == nil ? nil : ceilingUsers.count
            let ageCounts = SegmentNaming.ageCounts(data: data, users: features.users, labels: fit.labels, k: configuration.k)
            complete.segmentNames = try RunPipeline.write(complete, userIDs: userIDs, subcategoryIDs: data.subcategories.map(\.id),
                                                          ageCounts: ageCounts, in: store)
            return complete
        }
        clock.lap("write rest")
        result.stageSeconds = clock.stages
        return result
    }

    /// The latent-class features, refused with the reason when the window's counts are not whole.
    private static func wholeCounts(data: WarehouseData, users: [Int]) throws -> CountMatrix {
        guard let counts = try ClassificationCeiling.counts(data: data, users: users) else {
            throw WarehouseError.invalidArgument("--method latent-class: " + ClassificationCeiling.wholeCountsReason)
        }
        return counts
    }
}
