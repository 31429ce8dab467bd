import Analysis
import WarehouseTables

/// `features.csv`: one row per user with likes (id ≤ the segmentation's `max_user_id`), the
/// user id then the standardised features z = (x − mean) / std.
///
/// With a run: the run's feature sets and its stored scaling (`feature_scaling`), so the rows
/// are bit for bit the matrix the run gave PCA, and exactly the run's fitted users (checked by
/// count). Without: the default feature sets, scaled by a streaming pass over the same chunks
/// (`StreamingScaling`). Either way two passes at most, one chunk of users in memory. A run with a
/// window (`run_windows`) is exported with its window: each chunk's interest is the window's
/// weighted, decayed sum, as the run computed it (its users: those with interest in the window).
struct FeatureExport {
    let sets: [FeatureSet]
    let names: [String]
    let scaling: Standardization
    let maxUserID: Int64
    /// The run reproduced, nil for the default settings.
    let run: RunRecord?
    /// The run's window resolved against the warehouse; nil: all-time likes.
    var interest: WindowedInterest.Plan? = nil

    /// Resolves what to export: the run's features and scaling, or the defaults fitted now.
    /// Call inside the export's read transaction.
    static func plan(run selector: RunSelector?, catalogue: WarehouseReader.Catalogue, chunkUsers: Int, threads: Int,
                     path: String, store: WarehouseStore) throws -> FeatureExport {
        let catalogueOnly = WarehouseData(categories: catalogue.categories, subcategories: catalogue.subcategories)
        guard let selector else {
            let sets = FeatureSet.defaultSets
            let names = sets.flatMap { $0.columnNames(catalogueOnly) }
            let users = try UsersTable.count(store)
            guard users > 0, let maxUserID = try UsersTable.idBounds(store)?.upperBound else {
                throw WarehouseError.emptyWarehouse(path: path)
            }
            var streaming = StreamingScaling(columns: names.count)
            try FeatureChunks(store: store, catalogue: catalogue, sets: sets, maxUserID: maxUserID, chunkUsers: chunkUsers)
                .forEach { _, features in streaming.add(features, threads: threads) }
            guard streaming.count > 0 else {
                throw WarehouseError.invalidArgument(users == 1 ? "the one user has no likes; there are no features to export" : "none of the \(Format.count(users)) users has any likes; there are no features to export")
            }
            return FeatureExport(sets: sets, names: names, scaling: streaming.standardization, maxUserID: maxUserID, run: nil)
        }
        let record = try selector.record(in: store)
        guard try RunModelTables.scalingIsComplete(run: record.id, store) else {
            throw WarehouseError.invalidArgument(
                "run \(record.id) was stored by an older version without its feature scaling flags; run the segmentation again to export it")
        }
        let projection = try RunProjection.load(record: record, data: catalogueOnly,
                                                members: RunMembers(rows: [], segments: [], assigned: []),
                                                threads: threads, from: store)
        let interest = try record.window.map { try WindowedInterest.plan($0, store) }
        return FeatureExport(sets: projection.featureSets, names: projection.featureNames, scaling: projection.scaling,
                             maxUserID: record.maxUserID, run: record, interest: interest)
    }

    var columns: [ExportColumn] {
        [ExportColumn(name: "user_id", kind: .long)] + SparkColumnNames.of(names).map { ExportColumn(name: $0, kind: .double) }
    }

    /// Streams the rows into `path` and closes it.
    /// - Throws: `WarehouseError.brokenInvariant` for a non-finite value, or when a run's users
    ///   changed since it was fitted (another count of users with likes up to its last id).
    func write(catalogue: WarehouseReader.Catalogue, chunkUsers: Int, threads: Int, store: WarehouseStore,
               to path: String) throws -> CSVFileWriter {
        let writer = try CSVFileWriter(path: path, header: columns.map(\.name))
        let d = names.count
        try FeatureChunks(store: store, catalogue: catalogue, sets: sets, maxUserID: maxUserID, chunkUsers: chunkUsers,
                          interest: interest)
            .forEach { userIDs, features in
                let z = scaling.transform(features, threads: threads)
                for (row, id) in userIDs.enumerated() {
                    writer.integer(id)
                    for j in 0..<d {
                        let value = z.values[row * d + j]
                        guard value.isFinite else {
                            throw WarehouseError.brokenInvariant("user \(id) has feature \(names[j]) = \(value) after scaling")
                        }
                        writer.real(value)
                    }
                    try writer.endRow()
                }
            }
        try writer.finish()
        if let run, writer.rows != run.users {
            throw WarehouseError.brokenInvariant(
                "run \(run.id) fitted \(run.users) users, but \(writer.rows) users with \(interest == nil ? "likes" : "interest in its window") "
                    + "have ids up to its last (\(run.maxUserID)) now; "
                    + "the users changed since the run, so it cannot be exported as it was")
        }
        return writer
    }

    /// The `segmentation` block of `schema.json`.
    func manifest(users: Int) -> ExportManifest.Segmentation {
        let defaults = RunSettings()
        let scalingRows = names.indices.map { j in
            ExportManifest.Scaling(feature: names[j], mean: scaling.means[j], std: scaling.scales[j],
                                   zeroVariance: scaling.zeroVarianceColumns.contains(j))
        }
        return ExportManifest.Segmentation(
            runId: run?.id, features: sets.map(\.rawValue).joined(separator: ","), featureNames: SparkColumnNames.of(names), featureLabels: names,
            k: run?.k ?? defaults.k, nComponents: run?.components, varianceTarget: RunSettings.defaultVarianceTarget,
            seed: run?.seed ?? Int64(defaults.seed), maxIter: run?.maxIterations ?? defaults.maxIterations,
            tol: run?.tolerance ?? defaults.tolerance, users: users, maxUserId: maxUserID, scaling: scalingRows,
            window: interest.map { ExportManifest.Window($0.window) })
    }
}
