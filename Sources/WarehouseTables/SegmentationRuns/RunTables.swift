import Storage

/// The small per-run tables (everything but the per-user ones), read in full.
package struct RunTables: Sendable {
    package struct Component: Sendable, Equatable {
        /// 1-based.
        package let component: Int
        /// Eigenvalue of the standardised features' covariance.
        package let variance: Double
        /// variance / Σ variances, 0…1.
        package let ratio: Double
        package let kept: Bool
    }

    package struct ElbowPoint: Sendable, Equatable {
        package let k: Int
        /// Sum of squared distances to the nearest centroid, in squared PCA-score units.
        package let inertia: Double
        package let silhouette: Double?
    }

    package struct Segment: Sendable, Equatable {
        /// 1-based, 1 the largest.
        package let segment: Int
        package let users: Int
        /// Share of the clustered users, 0…1.
        package let share: Double
        package let meanAge: Double?
        package let meanLikedPosts: Double?
        package let topCategory: String?
        package init(segment: Int, users: Int, share: Double, meanAge: Double?, meanLikedPosts: Double?, topCategory: String?) {
            self.segment = segment
            self.users = users
            self.share = share
            self.meanAge = meanAge
            self.meanLikedPosts = meanLikedPosts
            self.topCategory = topCategory
        }
    }

    package struct Profile: Sendable, Equatable {
        package let segment: Int
        package let subcategoryID: Int
        package let meanLikes: Double
        package let share: Double
        /// share in the segment / share over everyone clustered; nil where nobody likes it.
        package let lift: Double?
        /// Users of the segment with at least one like in the subcategory.
        package let usersLiking: Int
        package init(segment: Int, subcategoryID: Int, meanLikes: Double, share: Double, lift: Double?, usersLiking: Int) {
            self.segment = segment
            self.subcategoryID = subcategoryID
            self.meanLikes = meanLikes
            self.share = share
            self.lift = lift
            self.usersLiking = usersLiking
        }
    }

    package struct Persona: Sendable, Equatable {
        package let id: Int
        package let name: String
    }

    package let components: [Component]
    package let elbow: [ElbowPoint]
    package let segments: [Segment]
    package let profiles: [Profile]
    /// `centroids[segment − 1]` = (PC1, PC2) of the centroid; PC2 is 0 for a one-component run.
    package let centroids: [(x: Double, y: Double)]
    package let personas: [Persona]

    /// The largest magnitude of a stored variance, inertia or coordinate the report draws: far
    /// beyond any real run, small enough that differences and scales stay finite.
    package static let drawableLimit = 1e150

    /// Run `run`'s small tables, every value range-checked (`StoredRow`): a hand edit that
    /// would crash a chart or an allocation is refused, naming the row.
    /// One segment's stored lifts (`segment_profiles.lift`, the one affinity), by subcategory id;
    /// a NULL lift is left out. Range-checked as `read` checks them.
    package static func lifts(run: Int64, segment: Int, from connection: WarehouseStore) throws -> [Int: Double] {
        var lifts: [Int: Double] = [:]
        try connection.eachRow("SELECT subcategory_id, lift FROM segment_profiles WHERE run_id = ? AND segment = ? AND lift IS NOT NULL",
                               [.integer(run), .integer(Int64(segment))], table: "segment_profiles",
                               row: { "run \(run), segment \(segment), subcategory \($0.value(0))" }) { row in
            lifts[try row.int(0, "subcategory_id", in: 0...1_000_000)] = try row.real(1, "lift", in: 0...drawableLimit)
        }
        return lifts
    }

    package static func read(run: Int64, k: Int, from connection: WarehouseStore) throws -> RunTables {
        let id = SQLValue.integer(run)
        let share = -1e-9...1.000_001
        let finite = -drawableLimit...drawableLimit
        let count = 0...Int(Int32.max)
        let components = try connection.mapRows(
            "SELECT component, variance, variance_ratio, kept FROM pca_variance WHERE run_id = ? ORDER BY component", [id],
            table: "pca_variance", row: { "run \(run), component \($0.value(0))" }) { row in
            Component(component: try row.int(0, "component", in: 1...RunRecord.maximumFeatures),
                      variance: try row.real(1, "variance", in: finite), ratio: try row.real(2, "variance_ratio", in: share),
                      kept: try row.int(3, "kept", in: 0...1) == 1)
        }
        let elbow = try connection.mapRows("SELECT k, inertia, silhouette FROM elbow WHERE run_id = ? ORDER BY k", [id],
                                           table: "elbow", row: { "run \(run), k \($0.value(0))" }) { row in
            ElbowPoint(k: try row.int(0, "k", in: 1...RunRecord.maximumK), inertia: try row.real(1, "inertia", in: 0...drawableLimit),
                       silhouette: try row.optionalReal(2, "silhouette", in: -1...1))
        }
        let segments = try connection.mapRows(
            "SELECT segment, users, share, mean_age, mean_liked_posts, top_category FROM segments WHERE run_id = ? ORDER BY segment", [id],
            table: "segments", row: { "run \(run), segment \($0.value(0))" }) { row in
            Segment(segment: try row.int(0, "segment", in: 1...k), users: try row.int(1, "users", in: count),
                    share: try row.real(2, "share", in: share), meanAge: try row.optionalReal(3, "mean_age", in: 0...150),
                    meanLikedPosts: try row.optionalReal(4, "mean_liked_posts", in: 0...Double(Int32.max)),
                    topCategory: try row.isNull(5) ? nil : row.name(5, "top_category"))
        }
        let profiles = try connection.mapRows(
            "SELECT segment, subcategory_id, mean_likes, share, lift, users_liking FROM segment_profiles WHERE run_id = ? ORDER BY segment, subcategory_id", [id],
            table: "segment_profiles", row: { "run \(run), segment \($0.value(0)), subcategory \($0.value(1))" }) { row in
            Profile(segment: try row.int(0, "segment", in: 1...k), subcategoryID: try row.int(1, "subcategory_id", in: 0...1_000_000),
                    meanLikes: try row.real(2, "mean_likes", in: 0...Double(Int32.max)), share: try row.real(3, "share", in: share),
                    lift: try row.optionalReal(4, "lift", in: 0...drawableLimit), usersLiking: try row.int(5, "users_liking", in: count))
        }
        let centroids = try RunModelTables.centroids(run: run, k: k, components: nil, keeping: 2, connection).map {
            (x: $0[0], y: $0[1].isNaN ? 0 : $0[1])
        }
        let personas = try TargetingCatalogue.personas(connection).map { Persona(id: $0.id, name: $0.name) }
        return RunTables(components: components, elbow: elbow, segments: segments, profiles: profiles,
                         centroids: centroids, personas: personas)
    }
}
