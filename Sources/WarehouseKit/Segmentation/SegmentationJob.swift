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
        // With the counts the run's predictive model is fitted to (a decayed window's undecayed sums, same pass).
        let data = try WarehouseData.read(store, window: window, threads: configuration.threads,
                                          undecayed: configuration.method != .latentClass)
        guard data.userCount > 0 else { throw WarehouseError.emptyWarehouse(path: store.path) }
        let wholeCounts = configuration.method == .latentClass ? [] : try PredictiveModel.wholeCounts(of: data)
        clock.lap("read")

        progress?("building features, PCA")
        let inputs = try SegmentationInputs(data: data, configuration: configuration) { clock.lap($0) }
        let features = inputs.features, scores = inputs.scores, counts = inputs.counts, covariate = inputs.covariate
        let (scaling, pca) = (inputs.scaling, inputs.pca)

        try RunPipeline.requireRun(configuration.alignTo, in: store)
        // Clustering (elbow sweep, final fit) runs on background threads while this thread
        // writes the run's PCA scores, the bulk of its rows: on two cores the two overlap.
        progress?("clustering (elbow sweep, k-means k = \(configuration.k)) while writing PCA scores")
        let personas: [Int32]? = data.hasGroundTruth ? features.users.map { data.personaIDs[$0] } : nil
        // The ceiling's inputs (its users' counts: every clustered user up to
        // `ClassificationCeiling.exactUpTo`, a seeded sample beyond, so a k-means run does not pay
        // a pass over every user for a figure a sample estimates to about ±0.002).
        let clusteredUsers = features.users
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
            let model = try PredictiveModel(run: data, users: features.users, labels: fit.labels, k: configuration.k,
                                            latentClass: clustering.latentClass?.fit, covariates: configuration.covariates,
                                            wholeCounts: wholeCounts)
            complete.segmentNames = try RunPipeline.write(complete, userIDs: userIDs, subcategoryIDs: data.subcategories.map(\.id),
                                                          ageCounts: ageCounts, priors: model.priors, in: store)
            return complete
        }
        clock.lap("write rest")
        if window != nil {
            // The next windowed reads go through the packed copy of the interactions: built when it
            // is not current, after this run's own work, so that a refused run writes nothing.
            _ = try InteractionPacks.refresh(store) { progress?("packing the interactions for the next windowed reads") }
            clock.lap("pack")
        }
        result.stageSeconds = clock.stages
        return result
    }
}
