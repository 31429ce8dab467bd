import Storage

/// The small per-run tables (everything but the per-user ones), read in full.
struct RunTables: Sendable {
    struct Component: Sendable, Equatable {
        /// 1-based.
        let component: Int
        /// Eigenvalue of the standardised features' covariance.
        let variance: Double
        /// variance / Σ variances, 0…1.
        let ratio: Double
        let kept: Bool
    }

    struct ElbowPoint: Sendable, Equatable {
        let k: Int
        /// Sum of squared distances to the nearest centroid, in squared PCA-score units.
        let inertia: Double
        let silhouette: Double?
    }

    struct Segment: Sendable, Equatable {
        /// 1-based, 1 the largest.
        let segment: Int
        let users: Int
        /// Share of the clustered users, 0…1.
        let share: Double
        let meanAge: Double?
        let meanLikedPosts: Double?
        let topCategory: String?
    }

    struct Profile: Sendable, Equatable {
        let segment: Int
        let subcategoryID: Int
        let meanLikes: Double
        let share: Double
        /// share in the segment / share over everyone clustered; nil where nobody likes it.
        let lift: Double?
        /// Users of the segment with at least one like in the subcategory.
        let usersLiking: Int
    }

    struct Persona: Sendable, Equatable {
        let id: Int
        let name: String
    }

    let components: [Component]
    let elbow: [ElbowPoint]
    let segments: [Segment]
    let profiles: [Profile]
    /// `centroids[segment − 1]` = (PC1, PC2) of the centroid; PC2 is 0 for a one-component run.
    let centroids: [(x: Double, y: Double)]
    let personas: [Persona]

    static func read(run: Int64, k: Int, from connection: Connection) throws -> RunTables {
        let id = SQLValue.integer(run)
        let components = try connection.rows(
            "SELECT component, variance, variance_ratio, kept FROM pca_variance WHERE run_id = ? ORDER BY component", [id]
        ).map { Component(component: Int($0[0].int64 ?? 0), variance: $0[1].double ?? .nan, ratio: $0[2].double ?? .nan, kept: $0[3].int64 == 1) }
        let elbow = try connection.rows("SELECT k, inertia, silhouette FROM elbow WHERE run_id = ? ORDER BY k", [id])
            .map { ElbowPoint(k: Int($0[0].int64 ?? 0), inertia: $0[1].double ?? .nan, silhouette: $0[2].double) }
        let segments = try connection.rows(
            "SELECT segment, users, share, mean_age, mean_liked_posts, top_category FROM segments WHERE run_id = ? ORDER BY segment", [id]
        ).map {
            Segment(segment: Int($0[0].int64 ?? 0), users: Int($0[1].int64 ?? 0), share: $0[2].double ?? .nan,
                    meanAge: $0[3].double, meanLikedPosts: $0[4].double, topCategory: $0[5].string)
        }
        let profiles = try connection.rows(
            "SELECT segment, subcategory_id, mean_likes, share, lift, users_liking FROM segment_profiles WHERE run_id = ? ORDER BY segment, subcategory_id", [id]
        ).map {
            Profile(segment: Int($0[0].int64 ?? 0), subcategoryID: Int($0[1].int64 ?? 0), meanLikes: $0[2].double ?? .nan,
                    share: $0[3].double ?? .nan, lift: $0[4].double, usersLiking: Int($0[5].int64 ?? 0))
        }
        var centroids = [(x: Double, y: Double)](repeating: (.nan, 0), count: k)
        for row in try connection.rows(
            "SELECT segment, component, value FROM segment_centroids WHERE run_id = ? AND component <= 2", [id]) {
            let segment = Int(row[0].int64 ?? 0), component = row[1].int64 ?? 0, value = row[2].double ?? .nan
            guard segment >= 1, segment <= k else { continue }
            if component == 1 { centroids[segment - 1].x = value } else { centroids[segment - 1].y = value }
        }
        let personas = try connection.rows("SELECT id, name FROM personas ORDER BY id")
            .map { Persona(id: Int($0[0].int64 ?? 0), name: $0[1].string ?? "") }
        return RunTables(components: components, elbow: elbow, segments: segments, profiles: profiles,
                         centroids: centroids, personas: personas)
    }
}
