import Analysis
import Dispatch
import Foundation
import WarehouseTables

/// `warehouse import-run DIR`: a segmentation computed elsewhere (Apache Spark, via
/// `scripts/spark-segmentation.py`) stored as a run, complete in every run table, so reports,
/// `compare`, `assign` and targeting treat it like any other run.
///
/// Kept from the engine: its partition (which users share a segment) and its settings. Rebuilt
/// here from the warehouse, with our kernels: the features and their scaling, the PCA (the
/// engine's n_components), scores, centroids, distances and inertia (`ImportedClustering`),
/// silhouette, ARI against the personas, the Bayes ceiling
/// (`ClassificationCeiling`, as for a run of our own), and the profiles. Provenance goes to
/// `segmentation_runs.engine` and `.source` (a JSON object: directory, engine version,
/// reported inertia and iterations, the exported run, the engine's seconds); `seconds` is the
/// engine's time. Everything is written in ONE transaction, after every check: a bad result
/// directory writes nothing.
public enum ImportRunJob {
    public typealias Progress = (String) -> Void

    public static func run(store: WarehouseStore, configuration: ImportRunConfiguration, progress: Progress? = nil) throws -> ImportRunSummary {
        try configuration.validate()
        let started = DispatchTime.now().uptimeNanoseconds
        let directory = URL(fileURLWithPath: configuration.directory).standardizedFileURL.path
        let meta = try EngineResult.load(directory: directory)
        let metaPath = URL(fileURLWithPath: directory).appendingPathComponent(EngineResult.fileName).path
        let sets: [FeatureSet]
        do { sets = try FeatureSet.parse(meta.features) } catch {
            throw WarehouseError.invalidArgument("'\(metaPath)': features '\(meta.features)' are not feature sets this version knows")
        }
        try RunPipeline.requireRun(configuration.alignTo, in: store)
        let threads = configuration.threads

        progress?("reading the warehouse")
        // A windowed result (meta.json's window, echoed from schema.json) is rebuilt on the window's interest.
        let data = try WarehouseData.read(store, window: meta.window, threads: threads, undecayed: true)
        let wholeCounts = try PredictiveModel.wholeCounts(of: data)
        guard data.userCount > 0 else { throw WarehouseError.emptyWarehouse(path: store.path) }
        let features = FeatureMatrix(data: data, sets: sets)
        // The engine echoes the exported column names (`SparkColumnNames`), not the features' own.
        guard SparkColumnNames.of(features.names) == meta.featureNames else {
            throw WarehouseError.invalidArgument("'\(metaPath)': feature_names (\(meta.featureNames.joined(separator: ", "))) "
                + "differ from this warehouse's \(meta.features) features (\(features.names.joined(separator: ", ")))")
        }
        // The exported users: those with likes up to max_user_id, a prefix of the id-ordered rows.
        let fitted = features.users.prefix { data.userIDs[$0] <= meta.maxUserId }.count
        guard fitted == meta.users else {
            throw WarehouseError.invalidArgument("'\(metaPath)': the result covers users = \(meta.users) users with likes up to id "
                + "\(meta.maxUserId), but this warehouse has \(fitted): it was computed on another warehouse's export")
        }
        let users = Array(features.users.prefix(fitted))
        let userIDs = users.map { data.userIDs[$0] }
        let d = features.names.count
        let x = fitted == features.users.count
            ? features.matrix : Matrix(rows: fitted, columns: d, values: Array(features.matrix.values.prefix(fitted * d)))
        let usersUpToLast = data.userIDs.prefix { $0 <= meta.maxUserId }.count

        progress?("reading the assignments")
        let assignments = try EngineAssignments.read(directory: directory, relativePath: meta.assignmentsPath, userIDs: userIDs,
                                                     warehouseIDs: data.userIDs, maxUserID: meta.maxUserId, k: meta.k)

        progress?("features, PCA (\(meta.nComponents) components), centroids")
        let (scaling, z) = try RunPipeline.standardize(x, featuresText: meta.features, threads: threads)
        let (pca, scores) = try RunPipeline.project(z, components: .fixed(meta.nComponents), threads: threads)
        var fit = try ImportedClustering.rebuild(scores: scores, labels: assignments.labels, k: meta.k, iterations: meta.iterations ?? 0)
        // The same rule as a run of our own: exact up to 20,000 users, a seeded sample beyond.
        let silhouetteRows = max(2, SilhouetteRule(sampleSize: configuration.silhouetteSampleSize).rows(users: fitted))
        let silhouette = meta.k >= 2
            ? try? silhouetteScore(scores, labels: fit.labels, sampleSize: silhouetteRows,
                                   seed: UInt64(meta.seed), threads: threads)
            : nil
        let personas = users.map { data.personaIDs[$0] }
        let ari = personas.contains(0) ? nil : adjustedRandIndex(fit.labels, personas)
        // The best any method can do on these users, as for a run of our own (same users, same seed).
        progress?("the Bayes ceiling")
        let ceiling = ari == nil ? nil
            : try ClassificationCeiling.measure(store: store, data: data, users: users, seed: UInt64(meta.seed), threads: threads)

        var settings = RunSettings()
        settings.k = meta.k
        settings.featureSets = sets
        settings.nInit = 1
        settings.maxIterations = meta.maxIter
        settings.tolerance = meta.tol
        settings.seed = UInt64(meta.seed)
        settings.alignTo = configuration.alignTo
        settings.threads = min(max(meta.cores ?? threads, 1), 256)
        settings.window = meta.window
        do { try settings.validate() } catch { throw WarehouseError.invalidArgument("'\(metaPath)': \(error)") }

        let source = RunSource(directory: directory, engineVersion: meta.engineVersion, master: meta.master, initMode: meta.initMode,
                               reportedInertia: meta.inertia, reportedIterations: meta.iterations, sourceRun: meta.sourceRun,
                               engineSeconds: meta.seconds, assignmentFiles: assignments.files.count)
        let sourceText = try source.json()
        progress?("writing the run")
        let runID = try store.write(bulk: true) { () -> Int64 in
            let runID = try RunPipeline.nextRunID(in: store)
            try RunWriter.writeScores(runID: runID, userIDs: userIDs, scores: scores, to: store)
            if let previous = configuration.alignTo {
                fit = try SegmentAlignment.align(fit, userIDs: userIDs, to: previous, in: store)
            }
            let segments = SegmentProfiler.profile(data: data, users: users, labels: fit.labels, k: meta.k)
            let result = SegmentationResult(
                runID: runID, settings: settings, users: fitted, usersWithoutLikes: usersUpToLast - fitted,
                maxUserID: meta.maxUserId, featureNames: features.names, scaling: scaling, pca: pca, kMeans: fit, elbow: nil,
                silhouette: silhouette, silhouetteSample: min(silhouetteRows, fitted),
                adjustedRandIndex: ari, segments: segments, stageSeconds: [(meta.engine, meta.seconds ?? 0)], backgroundSeconds: [])
            var withCeiling = result
            withCeiling.ceilingAdjustedRandIndex = ceiling?.ari
            withCeiling.ceilingUsers = ceiling?.users
            let model = try PredictiveModel(kMeansOf: data, users: users, labels: fit.labels, k: meta.k, wholeCounts: wholeCounts)
            try RunPipeline.write(withCeiling, userIDs: userIDs, engine: meta.engine, source: sourceText,
                                  subcategoryIDs: data.subcategories.map(\.id),
                                  ageCounts: SegmentNaming.ageCounts(data: data, users: users, labels: fit.labels, k: meta.k),
                                  priors: model.priors, in: store)
            return runID
        }
        var summary = ImportRunSummary(
            runID: runID, engine: meta.engine, engineVersion: meta.engineVersion, directory: directory, users: fitted, k: meta.k,
            components: meta.nComponents, explainedVariance: pca.explainedVarianceRatio.reduce(0, +), inertia: fit.inertia,
            reportedInertia: meta.inertia, iterations: meta.iterations, silhouette: silhouette, adjustedRandIndex: ari,
            segmentSizes: fit.clusterSizes, sourceRun: meta.sourceRun, alignedTo: configuration.alignTo,
            engineSeconds: meta.seconds, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        summary.ceilingAdjustedRandIndex = ceiling?.ari
        summary.ceilingUsers = ceiling?.users
        return summary
    }
}
