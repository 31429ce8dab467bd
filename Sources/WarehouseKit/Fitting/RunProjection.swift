import Analysis
import Storage

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
                     from connection: Connection) throws -> RunProjection {
        let run = record.id
        func broken(_ message: String) -> WarehouseError { .brokenInvariant("run \(run) \(message)") }
        let sets: [FeatureSet]
        do { sets = try FeatureSet.parse(record.features) } catch {
            throw broken("has features '\(record.features)' this version does not know")
        }
        let names = sets.flatMap { $0.columnNames(data) }
        let d = names.count
        guard Set(names).count == d else { throw broken("has features with repeated names (\(names.joined(separator: ", ")))") }

        let scalingRows = try connection.rows(
            "SELECT feature, mean, std, pca_mean, zero_variance FROM feature_scaling WHERE run_id = ? ORDER BY feature_index",
            [.integer(run)])
        let storedNames = scalingRows.map { $0[0].string ?? "" }
        guard storedNames == names else {
            throw broken("was fitted on features (\(storedNames.joined(separator: ", "))) but the catalogue now gives (\(names.joined(separator: ", ")))")
        }
        let means = scalingRows.map { $0[1].double ?? .nan }
        let scales = scalingRows.map { $0[2].double ?? .nan }
        guard means.allSatisfy(\.isFinite), scales.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw broken("has a feature scaling that is not finite and positive")
        }

        let m = record.components
        let column = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var loadings = [Double](repeating: .nan, count: m * d)
        for row in try connection.rows("SELECT component, feature, loading FROM pca_loadings WHERE run_id = ?", [.integer(run)]) {
            guard let component = row[0].int64, component >= 1, component <= Int64(m),
                  let j = column[row[1].string ?? ""], let value = row[2].double else {
                throw broken("has a PCA loading \(row.map(\.description)) outside its \(m) components and \(d) features")
            }
            loadings[(Int(component) - 1) * d + j] = value
        }
        var centroids = [Double](repeating: .nan, count: record.k * m)
        for row in try connection.rows("SELECT segment, component, value FROM segment_centroids WHERE run_id = ?", [.integer(run)]) {
            guard let segment = row[0].int64, segment >= 1, segment <= Int64(record.k),
                  let component = row[1].int64, component >= 1, component <= Int64(m), let value = row[2].double else {
                throw broken("has a centroid coordinate \(row.map(\.description)) outside its \(record.k) segments and \(m) components")
            }
            centroids[(Int(segment) - 1) * m + Int(component) - 1] = value
        }
        guard m >= 1, record.k >= 1, loadings.allSatisfy(\.isFinite), centroids.allSatisfy(\.isFinite) else {
            throw broken("has incomplete PCA loadings or centroids (\(m) components, \(record.k) segments expected)")
        }

        let storedMeans = scalingRows.map { $0[3].double }
        let storedFlags = scalingRows.map { $0[4].int64 }
        let scaling: Standardization
        let pcaMean: [Double]
        let source: Source
        if storedMeans.allSatisfy({ $0 != nil }) && storedFlags.allSatisfy({ $0 != nil }) {
            scaling = Standardization(means: means, scales: scales,
                                      zeroVarianceColumns: storedFlags.indices.filter { storedFlags[$0] == 1 })
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
    func place(rows: [Int], data: WarehouseData, threads: Int) -> (scores: Matrix, segments: [Int32], distances: [Double]) {
        let x = Self.features(rows: rows, sets: featureSets, width: featureNames.count, data: data)
        let scores = pca.transform(scaling.transform(x, threads: threads), threads: threads)
        guard scores.rows > 0 else { return (scores, [], []) }
        let nearest = assignToNearest(scores, centroids: centroids, threads: threads)
        return (scores, nearest.labels.map { $0 + 1 }, nearest.distances)
    }
}
