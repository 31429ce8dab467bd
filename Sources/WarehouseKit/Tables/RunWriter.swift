import Analysis
import Storage

/// Writes one segmentation run into its tables. Called inside the run's transaction, so the run
/// is all there or absent. Segments and components are stored 1-based.
enum RunWriter {
    /// Inserts the run's row with what is known before clustering (scores are provisional and
    /// replaced by `finish`) and returns its id. Call inside the run's transaction.
    static func begin(settings configuration: RunSettings, pca: PCAResult, users: Int, usersWithoutLikes: Int,
                      maxUserID: Int64, to connection: Connection) throws -> Int64 {
        try connection.run("""
            INSERT INTO segmentation_runs(k, n_components, features, feature_count, seed, n_init, max_iter, tol,
                users, users_without_likes, max_user_id, inertia, iterations, explained_variance, threads, seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, 0)
            """, [
                .integer(Int64(configuration.k)), .integer(Int64(pca.componentCount)),
                .text(configuration.featuresText), .integer(Int64(pca.mean.count)),
                .integer(Int64(configuration.seed)), .integer(Int64(configuration.nInit)),
                .integer(Int64(configuration.maxIterations)), .real(configuration.tolerance),
                .integer(Int64(users)), .integer(Int64(usersWithoutLikes)), .integer(maxUserID),
                .real(pca.explainedVarianceRatio.reduce(0, +)), .integer(Int64(configuration.threads)),
            ])
        return connection.lastInsertRowID
    }

    /// The bulk of a run: one score per user and kept component.
    static func writeScores(runID: Int64, userIDs: [Int64], scores: Matrix, to connection: Connection) throws {
        let width = scores.columns
        let rows = try BatchInsert(connection: connection, table: "pca_scores",
                                   columns: ["run_id", "user_id", "component", "score"], rowsPerStatement: 200)
        try rows.insert(count: userIDs.count * width) { statement, row, first in
            try statement.bind(runID, at: first)
            try statement.bind(userIDs[row / width], at: first + 1)
            try statement.bind(Int64(row % width + 1), at: first + 2)
            try statement.bind(scores.values[row], at: first + 3)
        }
    }

    /// Writes everything else of the run and its final scores.
    static func finish(_ result: SegmentationResult, userIDs: [Int64], to connection: Connection) throws {
        let runID = result.runID
        try connection.run("""
            UPDATE segmentation_runs SET inertia = ?, iterations = ?, silhouette = ?, silhouette_sample = ?,
                suggested_k = ?, ari = ?, seconds = ?, aligned_to = ? WHERE id = ?
            """, [
                .real(result.kMeans.inertia), .integer(Int64(result.kMeans.iterations)),
                result.silhouette.map { .real($0) } ?? .null, .integer(Int64(result.silhouetteSample)),
                result.elbow?.suggestedK.map { .integer(Int64($0)) } ?? .null,
                result.adjustedRandIndex.map { .real($0) } ?? .null, .real(result.totalSeconds),
                result.settings.alignTo.map { .integer($0) } ?? .null, .integer(runID),
            ])
        let run = SQLValue.integer(runID)
        // pca_mean: the mean of the standardised feature that PCA centres on, so that a user's
        // scores can be recomputed from the stored rows alone (`warehouse assign`).
        let scaling = try connection.prepare(
            "INSERT INTO feature_scaling(run_id, feature_index, feature, mean, std, pca_mean, zero_variance) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (index, name) in result.featureNames.enumerated() {
            try scaling.run([run, .integer(Int64(index + 1)), .text(name), .real(result.scaling.means[index]),
                             .real(result.scaling.scales[index]), .real(result.pca.mean[index]),
                             .integer(result.scaling.zeroVarianceColumns.contains(index) ? 1 : 0)])
        }
        let variance = try connection.prepare("INSERT INTO pca_variance(run_id, component, variance, variance_ratio, kept) VALUES (?, ?, ?, ?, ?)")
        let totalVariance = result.pca.allEigenvalues.reduce(0, +)
        for (index, eigenvalue) in result.pca.allEigenvalues.enumerated() {
            try variance.run([run, .integer(Int64(index + 1)), .real(eigenvalue),
                              .real(totalVariance > 0 ? eigenvalue / totalVariance : 0),
                              .integer(index < result.pca.componentCount ? 1 : 0)])
        }
        let loadings = try connection.prepare("INSERT INTO pca_loadings(run_id, component, feature, loading) VALUES (?, ?, ?, ?)")
        for component in 0..<result.pca.componentCount {
            for (index, name) in result.featureNames.enumerated() {
                try loadings.run([run, .integer(Int64(component + 1)), .text(name), .real(result.pca.components[component, index])])
            }
        }
        let centroids = try connection.prepare("INSERT INTO segment_centroids(run_id, segment, component, value) VALUES (?, ?, ?, ?)")
        for segment in 0..<result.kMeans.centroids.rows {
            for component in 0..<result.kMeans.centroids.columns {
                try centroids.run([run, .integer(Int64(segment + 1)), .integer(Int64(component + 1)),
                                   .real(result.kMeans.centroids[segment, component])])
            }
        }
        if let elbow = result.elbow {
            let points = try connection.prepare("INSERT INTO elbow(run_id, k, inertia, silhouette) VALUES (?, ?, ?, ?)")
            for point in elbow.points {
                try points.run([run, .integer(Int64(point.k)), .real(point.inertia), point.silhouette.map { .real($0) } ?? .null])
            }
        }
        let segments = try connection.prepare(
            "INSERT INTO segments(run_id, segment, users, share, mean_age, mean_liked_posts, top_category) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let profiles = try connection.prepare(
            "INSERT INTO segment_profiles(run_id, segment, subcategory_id, mean_likes, share, lift, users_liking) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for segment in result.segments {
            let top = segment.categories.max { $0.share < $1.share }?.name
            try segments.run([run, .integer(Int64(segment.segment)), .integer(Int64(segment.users)), .real(segment.share),
                              .real(segment.meanAge), .real(segment.meanLikedPosts), top.map { .text($0) } ?? .null])
            for line in segment.subcategories {
                try profiles.run([run, .integer(Int64(segment.segment)), .integer(Int64(line.subcategoryID)),
                                  .real(line.meanLikes), .real(line.share), line.lift.map { .real($0) } ?? .null,
                                  .integer(Int64(line.usersLiking))])
            }
        }

        // One assignment per user.
        let labels = result.kMeans.labels
        let distances = result.kMeans.distances
        let assignments = try BatchInsert(connection: connection, table: "segment_assignments",
                                          columns: ["run_id", "user_id", "segment", "distance"], rowsPerStatement: 200)
        try assignments.insert(count: userIDs.count) { statement, row, first in
            try statement.bind(runID, at: first)
            try statement.bind(userIDs[row], at: first + 1)
            try statement.bind(Int64(labels[row]) + 1, at: first + 2)
            try statement.bind(distances[row], at: first + 3)
        }
    }
}
