import Analysis
import WarehouseTables

/// The steps every stored run goes through, whoever clustered it (`run-segmentation` with our
/// k-means, `import-run` with another engine's partition): standardise the features, PCA, and
/// write the run with its profiles, in one place so both kinds of run are stored alike.
enum RunPipeline {
    /// z = (x − mean) / std per feature (constant features become 0).
    /// - Throws: `WarehouseError.invalidArgument` when every feature is constant.
    static func standardize(_ x: Matrix, featuresText: String, threads: Int) throws -> (scaling: Standardization, z: Matrix) {
        let scaling = Standardization.fit(x, threads: threads)
        if scaling.zeroVarianceColumns.count == x.columns {
            throw WarehouseError.invalidArgument(
                "all \(x.rows) users have identical features (\(featuresText)); there is nothing to segment")
        }
        return (scaling, scaling.transform(x, threads: threads))
    }

    /// The PCA of the standardised features and every row's scores on the kept components.
    static func project(_ z: Matrix, components: PCAConfiguration.Components, threads: Int) throws -> (pca: PCAResult, scores: Matrix) {
        let pca = try refusingAnalysisErrors { try fitPCA(z, PCAConfiguration(components: components, threads: threads)) }
        return (pca, pca.transform(z, threads: threads))
    }

    /// Refuses an `--align-to` run that does not exist, before any work is done.
    static func requireRun(_ id: Int64?, in store: WarehouseStore) throws {
        guard let id else { return }
        if try store.snapshot({ try RunRecord.read(id: id, from: store) }) == nil {
            throw WarehouseError.noSuchRun(String(id))
        }
    }

    /// The id the run about to be written gets; call inside its transaction.
    static func nextRunID(in store: WarehouseStore) throws -> Int64 {
        try RunRecord.nextID(in: store)
    }

    /// Writes `result` (its scores already written under `result.runID`) as one complete run:
    /// its row, scaling, PCA, centroids, elbow, segments, profiles and assignments. Call inside the
    /// run's transaction. `engine` and `source`: who computed an imported run, and its provenance JSON.
    /// `subcategoryIDs`: the columns of a latent-class run's α (the warehouse's subcategories, in order).
    /// `ageCounts`: the members per segment and age group (`SegmentNaming.ageCounts`), for the
    /// names. `priors`: the run's predictive model (`PredictiveModel`) over `subcategoryIDs`.
    /// Returns the segments' names as stored.
    @discardableResult
    static func write(_ result: SegmentationResult, userIDs: [Int64], engine: String = "warehouse", source: String? = nil,
                      subcategoryIDs: [Int] = [], ageCounts: [[Int]], priors: SegmentPriorsTable.Priors? = nil,
                      in store: WarehouseStore) throws -> [SegmentName] {
        let settings = result.settings
        var record = RunRecord(
            id: result.runID, createdAt: "", k: settings.k, components: result.pca.componentCount,
            features: settings.featuresText, featureCount: result.featureNames.count, seed: Int64(settings.seed),
            nInit: settings.nInit, maxIterations: settings.maxIterations, tolerance: settings.tolerance, users: result.users,
            usersWithoutLikes: result.usersWithoutLikes, maxUserID: result.maxUserID, inertia: result.kMeans.inertia,
            iterations: result.kMeans.iterations, silhouette: result.silhouette, silhouetteSample: result.silhouetteSample,
            suggestedK: result.elbow?.suggestedK ?? result.latentClass?.sweep?.suggestedK, explainedVariance: result.explainedVariance, ari: result.adjustedRandIndex,
            alignedTo: settings.alignTo, threads: settings.threads, seconds: result.totalSeconds, engine: engine)
        record.method = result.method
        record.covariates = settings.covariates
        record.window = settings.window
        let segments = result.segments.map { segment in
            RunTables.Segment(segment: segment.segment, users: segment.users, share: segment.share, meanAge: segment.meanAge,
                              meanLikedPosts: segment.meanLikedPosts,
                              topCategory: segment.categories.max { $0.share < $1.share }?.name)
        }
        let profiles = result.segments.flatMap { segment in
            segment.subcategories.map { line in
                RunTables.Profile(segment: segment.segment, subcategoryID: line.subcategoryID, meanLikes: line.meanLikes,
                                  share: line.share, lift: line.lift, usersLiking: line.usersLiking)
            }
        }
        var content = RunContent(record: record, userIDs: userIDs, featureNames: result.featureNames, scaling: result.scaling,
                                 pca: result.pca, fit: result.kMeans, elbow: result.elbow?.points ?? [],
                                 segments: segments, profiles: profiles, source: source)
        if let mixture = result.latentClass?.fit {
            content.memberships = AssignmentsTable.Memberships(
                probabilities: mixture.probabilities, runnerUp: mixture.runnerUp, runnerUpProbabilities: mixture.runnerUpProbabilities)
        }
        content.ceilingARI = result.ceilingAdjustedRandIndex
        try RunWriter.write(content, to: store)
        if let outcome = result.latentClass {
            try LatentClassTables.write(run: result.runID, outcome: outcome, subcategoryIDs: subcategoryIDs, to: store)
        }
        if let priors {
            try SegmentPriorsTable.write(run: result.runID, priors: priors, subcategoryIDs: subcategoryIDs, to: store)
        }
        // Every new run gets its segments' names, whoever clustered it.
        return try SegmentNaming.storeAndName(run: result.runID, k: settings.k, ageCounts: ageCounts, store: store)
    }
}
