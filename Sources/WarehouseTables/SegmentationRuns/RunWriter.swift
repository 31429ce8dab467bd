import Analysis
import Storage

/// Everything one run stores, in the tables' own terms: its `segmentation_runs` row and the rows
/// of its child tables. Built by the run pipeline (`Fitting`), written by `RunWriter`.
package struct RunContent {
    /// The run's row; `record.id` is the id every child row carries.
    package let record: RunRecord
    /// The user of each clustered row, ascending; parallel to `fit.labels` and `fit.distances`.
    package let userIDs: [Int64]
    package let featureNames: [String]
    package let scaling: Standardization
    package let pca: PCAResult
    /// Labels 0-based (stored 1-based), centroids in PCA-score units.
    package let fit: KMeansResult
    package let elbow: [ElbowPoint]
    package let segments: [RunTables.Segment]
    package let profiles: [RunTables.Profile]
    /// Provenance JSON of an imported run (`segmentation_runs.source`), nil for our own.
    package let source: String?
    /// `segmentation_runs.ceiling_ari`, where the warehouse has planted personas.
    package var ceilingARI: Double?
    /// Posterior memberships of a latent-class run's users, parallel to `userIDs`.
    package var memberships: AssignmentsTable.Memberships?
    package init(record: RunRecord, userIDs: [Int64], featureNames: [String], scaling: Standardization, pca: PCAResult, fit: KMeansResult, elbow: [ElbowPoint], segments: [RunTables.Segment], profiles: [RunTables.Profile], source: String?, ceilingARI: Double? = nil, memberships: AssignmentsTable.Memberships? = nil) {
        self.record = record
        self.userIDs = userIDs
        self.featureNames = featureNames
        self.scaling = scaling
        self.pca = pca
        self.fit = fit
        self.elbow = elbow
        self.segments = segments
        self.profiles = profiles
        self.source = source
        self.ceilingARI = ceilingARI
        self.memberships = memberships
    }
}

/// Writes one segmentation run into its tables. Called inside the run's transaction, so the run
/// is all there or absent. The scores are written first, under the id the run will get, while
/// the clustering runs beside them; the run's row follows once its values are final, then the
/// other child rows: every row is written once (foreign keys are not enforced during the run's
/// bulk transaction). Segments and components are stored 1-based.
package enum RunWriter {
    /// The bulk of a run: one score per user and kept component, for the run that will get `runID`.
    package static func writeScores(runID: Int64, userIDs: [Int64], scores: Matrix, to connection: WarehouseStore) throws {
        let width = scores.columns
        let rows = try connection.batchInsert(table: "pca_scores",
                                   columns: ["run_id", "user_id", "component", "score"], rowsPerStatement: 200)
        try rows.insert(count: userIDs.count * width) { statement, row, first in
            try statement.bind(runID, at: first)
            try statement.bind(userIDs[row / width], at: first + 1)
            try statement.bind(Int64(row % width + 1), at: first + 2)
            try statement.bind(scores.values[row], at: first + 3)
        }
    }

    /// Writes the run's row and every child row but the scores.
    package static func write(_ content: RunContent, to connection: WarehouseStore) throws {
        try content.record.insert(source: content.source, ceilingARI: content.ceilingARI, into: connection)
        if let window = content.record.window { try RunWindowsTable.insert(window, run: content.record.id, connection) }
        let run = SQLValue.integer(content.record.id)
        // pca_mean: the mean of the standardised feature that PCA centres on, so that a user's
        // scores can be recomputed from the stored rows alone (`warehouse assign`).
        let scaling = try connection.prepare(
            "INSERT INTO feature_scaling(run_id, feature_index, feature, mean, std, pca_mean, zero_variance) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (index, name) in content.featureNames.enumerated() {
            try scaling.run([run, .integer(Int64(index + 1)), .text(name), .real(content.scaling.means[index]),
                             .real(content.scaling.scales[index]), .real(content.pca.mean[index]),
                             .integer(content.scaling.zeroVarianceColumns.contains(index) ? 1 : 0)])
        }
        let variance = try connection.prepare("INSERT INTO pca_variance(run_id, component, variance, variance_ratio, kept) VALUES (?, ?, ?, ?, ?)")
        let eigenvalues = content.pca.allEigenvalues
        let totalVariance = eigenvalues.reduce(0, +)
        for (index, eigenvalue) in eigenvalues.enumerated() {
            try variance.run([run, .integer(Int64(index + 1)), .real(eigenvalue),
                              .real(totalVariance > 0 ? eigenvalue / totalVariance : 0),
                              .integer(index < content.pca.componentCount ? 1 : 0)])
        }
        let loadings = try connection.prepare("INSERT INTO pca_loadings(run_id, component, feature, loading) VALUES (?, ?, ?, ?)")
        for component in 0..<content.pca.componentCount {
            for (index, name) in content.featureNames.enumerated() {
                try loadings.run([run, .integer(Int64(component + 1)), .text(name), .real(content.pca.components[component, index])])
            }
        }
        let centroids = try connection.prepare("INSERT INTO segment_centroids(run_id, segment, component, value) VALUES (?, ?, ?, ?)")
        for segment in 0..<content.fit.centroids.rows {
            for component in 0..<content.fit.centroids.columns {
                try centroids.run([run, .integer(Int64(segment + 1)), .integer(Int64(component + 1)),
                                   .real(content.fit.centroids[segment, component])])
            }
        }
        let points = try connection.prepare("INSERT INTO elbow(run_id, k, inertia, silhouette) VALUES (?, ?, ?, ?)")
        for point in content.elbow {
            try points.run([run, .integer(Int64(point.k)), .real(point.inertia), point.silhouette.map { .real($0) } ?? .null])
        }
        let segments = try connection.prepare(
            "INSERT INTO segments(run_id, segment, users, share, mean_age, mean_liked_posts, top_category) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for segment in content.segments {
            try segments.run([run, .integer(Int64(segment.segment)), .integer(Int64(segment.users)), .real(segment.share),
                              segment.meanAge.map { .real($0) } ?? .null, segment.meanLikedPosts.map { .real($0) } ?? .null,
                              segment.topCategory.map { .text($0) } ?? .null])
        }
        let profiles = try connection.prepare(
            "INSERT INTO segment_profiles(run_id, segment, subcategory_id, mean_likes, share, lift, users_liking) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for line in content.profiles {
            try profiles.run([run, .integer(Int64(line.segment)), .integer(Int64(line.subcategoryID)),
                              .real(line.meanLikes), .real(line.share), line.lift.map { .real($0) } ?? .null,
                              .integer(Int64(line.usersLiking))])
        }
        try AssignmentsTable.insert(run: content.record.id, userIDs: content.userIDs, labels: content.fit.labels,
                                    distances: content.fit.distances, method: .fitted, memberships: content.memberships,
                                    into: connection)
    }
}
