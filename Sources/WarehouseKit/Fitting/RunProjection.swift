import Analysis
import WarehouseTables
import WarehouseSupport

/// What a run learned that places a user in one of its segments, read from its tables:
///
///     x  = the user's features (`FeatureSet.fill`, the run's feature sets)
///     z  = (x − mean) / std, exactly 0 for a feature that was constant in the fit   (feature_scaling)
///     y  = loadings · (z − pca_mean)                                                 (pca_loadings, feature_scaling.pca_mean)
///     segment = 1 + argmin_j ‖y − centroid_j‖ (lowest j on ties), distance = that minimum (segment_centroids)
///
/// These are the fit's own kernels (`Standardization.transform`, `PCAResult.transform`,
/// `assignToNearest`) on the same stored doubles, so a user the run fitted is placed in its
/// fitted segment at its fitted distance, bit for bit (tested).
struct RunProjection: Sendable {
    /// Where `pca_mean` and the constant features came from.
    enum Source: String, Sendable, Encodable {
        /// `feature_scaling.pca_mean` / `zero_variance`, written with the run.
        case stored
        /// Not stored (runs written before migration 0003): recomputed from the run's fitted
        /// users, after checking that their features still give the stored scaling exactly.
        case recomputed
    }

    let runID: Int64
    let featureSets: [FeatureSet]
    let featureNames: [String]
    let scaling: Standardization
    let pca: PCAResult
    /// k × components.
    let centroids: Matrix
    let source: Source

    /// Reads run `record`'s projection; `members` are its current members (needed only to
    /// recompute what older runs did not store).
    /// - Throws: `WarehouseError.brokenInvariant` when the tables are incomplete or no longer fit
    ///   this warehouse's catalogue, or the fitted users changed so that nothing can be recomputed.
    static func load(record: RunRecord, data: WarehouseData, members: RunMembers, threads: Int,
                     from store: WarehouseStore) throws -> RunProjection {
        let run = record.id
        func broken(_ message: String) -> WarehouseError { .brokenInvariant("run \(run) \(message)") }
        let sets: [FeatureSet]
        do { sets = try FeatureSet.parse(record.features) } catch {
            throw broken("has features '\(record.features)' this version does not know")
        }
        let names = sets.flatMap { $0.columnNames(data) }
        let d = names.count
        guard Set(names).count == d else { throw broken("has features with repeated names (\(names.joined(separator: ", ")))") }

        let model = try RunModelTables.read(record, featureNames: names, store)
        let storedNames = model.scaling.map(\.feature)
        guard storedNames == names else {
            // Stored names are untrusted text: escaped, so a name of control characters cannot reach the terminal.
            throw broken("was fitted on features (\(printableExcerpt(storedNames.joined(separator: ", "), limit: 2_000))) "
                         + "but the catalogue now gives (\(printableExcerpt(names.joined(separator: ", "), limit: 2_000)))")
        }
        let means = model.scaling.map(\.mean)
        let scales = model.scaling.map(\.std)
        let m = record.components
        let loadings = model.loadings, centroids = model.centroids
        guard m >= 1, record.k >= 1, loadings.allSatisfy(\.isFinite), centroids.allSatisfy(\.isFinite) else {
            throw broken("has incomplete PCA loadings or centroids (\(m) components, \(record.k) segments expected)")
        }

        let storedMeans = model.scaling.map(\.pcaMean)
        let storedFlags = model.scaling.map(\.zeroVariance)
        let scaling: Standardization
        let pcaMean: [Double]
        let source: Source
        if storedMeans.allSatisfy({ $0 != nil }) && storedFlags.allSatisfy({ $0 != nil }) {
            scaling = Standardization(means: means, scales: scales,
                                      zeroVarianceColumns: storedFlags.indices.filter { storedFlags[$0] == true })
            pcaMean = storedMeans.map { $0 ?? 0 }
            source = .stored
        } else if storedMeans.allSatisfy({ $0 == nil }) && storedFlags.allSatisfy({ $0 == nil }) {
            let recovered = try ProjectionRecovery.recover(record: record, sets: sets, means: means, scales: scales,
                                                            data: data, members: members, threads: threads)
            scaling = recovered.scaling
            pcaMean = recovered.pcaMean
            source = .recomputed
        } else {
            throw broken("stores pca_mean or zero_variance for some features only")
        }
        let pca = PCAResult(mean: pcaMean, components: Matrix(rows: m, columns: d, values: loadings),
                            explainedVariance: [], explainedVarianceRatio: [], allEigenvalues: [])
        return RunProjection(runID: run, featureSets: sets, featureNames: names, scaling: scaling, pca: pca,
                             centroids: Matrix(rows: record.k, columns: m, values: centroids), source: source)
    }

    /// The feature rows of `rows` (indices into `data`), as the fit built them.
    static func features(rows: [Int], sets: [FeatureSet], width: Int, data: WarehouseData) -> Matrix {
        var values = [Double](repeating: 0, count: rows.count * width)
        for (index, user) in rows.enumerated() {
            let total = data.totalLikes(user: user)
            var offset = index * width
            for set in sets {
                offset = set.fill(&values, at: offset, user: user, total: total, data: data)
            }
        }
        return Matrix(rows: rows.count, columns: width, values: values)
    }

    /// Places users `rows` (indices into `data`): PCA scores, segments 1…k, distances.
    /// - Throws: `WarehouseError.brokenInvariant` when a user lands at a distance that is not
    ///   finite (a stored model whose values are in range one by one but overflow together).
    func place(rows: [Int], data: WarehouseData, threads: Int) throws -> (scores: Matrix, segments: [Int32], distances: [Double]) {
        let x = Self.features(rows: rows, sets: featureSets, width: featureNames.count, data: data)
        let scores = pca.transform(scaling.transform(x, threads: threads), threads: threads)
        guard scores.rows > 0 else { return (scores, [], []) }
        let nearest = assignToNearest(scores, centroids: centroids, threads: threads)
        if let bad = nearest.distances.firstIndex(where: { !$0.isFinite }) {
            throw WarehouseError.brokenInvariant(
                "run \(runID) places user \(data.userIDs[rows[bad]]) at distance \(nearest.distances[bad]): "
                    + "its stored scaling, loadings or centroids do not describe this warehouse")
        }
        return (scores, nearest.labels.map { $0 + 1 }, nearest.distances)
    }

    /// Each row of `scores`'s Euclidean distance to the centroid of its segment `labels[i]`
    /// (0-based): how a latent-class run's distances are defined.
    func distances(_ scores: Matrix, to labels: [Int32]) -> [Double] {
        let d = centroids.columns
        return labels.indices.map { i in
            var squared = 0.0
            for t in 0..<d {
                let delta = scores[i, t] - centroids[Int(labels[i]), t]
                squared += delta * delta
            }
            return squared.squareRoot()
        }
    }
}
