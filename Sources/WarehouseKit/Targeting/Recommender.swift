import Storage

/// `warehouse recommend --user ID`: the user's segment in a run, their own top interests, and
/// the subcategories to advertise: those with a user affinity index ≥ `minIndex` and support ≥
/// `minSupport` in the user's segment, highest index first (see `AffinityIndex`).
///
/// The affinities come from what `warehouse target` stored for the run when that still covers
/// every member of the run (no user assigned since); otherwise they are computed now from the
/// warehouse (slower: it reads every user) and not stored.
public enum Recommender {
    public static func recommend(store: WarehouseStore, options: RecommendationOptions) throws -> Recommendation {
        try options.validate()
        let user = options.userID
        let found = try store.snapshot { () -> Found in
            let connection = store.connection
            let record = try options.run.record(in: connection)
            guard try UsersTable.exists(user, connection) else {
                throw WarehouseError.invalidArgument("no user \(user) in this warehouse")
            }
            let likes = try UsersTable.likes(of: user, connection).map { (id: $0.subcategoryID, likes: $0.likes) }
            guard let placement = try AssignmentsTable.placement(of: user, in: record, from: connection) else {
                throw notInRun(user: user, record: record, hasLikes: !likes.isEmpty)
            }
            let catalogue = try TargetingCatalogue(connection: connection)
            let members = try AssignmentsTable.memberCount(run: record.id, from: connection)
            let stored = try StoredTargeting.read(run: record.id, k: record.k, catalogue: catalogue, in: store)
            let usable = stored.flatMap { $0.report.populationUsers == members ? $0 : nil }
            // Computed in the same snapshot when what `target` stored no longer covers every member.
            let report = try usable?.report ?? TargetingJob.compute(store: store, run: record.id, k: record.k)
            return Found(record: record, likes: likes, segment: placement.segment, distance: placement.distance,
                         method: placement.method.rawValue, catalogue: catalogue, stored: usable, report: report)
        }
        let report = found.report
        guard found.segment >= 1, found.segment <= report.segments.count else {
            throw WarehouseError.brokenInvariant("run \(found.record.id) puts user \(user) in segment \(found.segment), outside 1…\(found.record.k)")
        }
        let audience = report.segments[found.segment - 1]
        return recommendation(found: found, audience: audience, options: options)
    }

    private struct Found {
        let record: RunRecord
        let likes: [(id: Int, likes: Int)]
        let segment: Int
        let distance: Double
        let method: String
        let catalogue: TargetingCatalogue
        let stored: StoredTargeting.Stored?
        let report: TargetingReport
    }

    private static func notInRun(user: Int64, record: RunRecord, hasLikes: Bool) -> WarehouseError {
        if !hasLikes {
            return .invalidArgument("user \(user) has no likes, so run \(record.id) gives them no segment")
        }
        let why = user > record.maxUserID ? "came after run \(record.id)" : "has no segment in run \(record.id)"
        return .invalidArgument("user \(user) \(why); place them with `warehouse assign --run \(record.id)` first")
    }

    private static func recommendation(found: Found, audience: SegmentAudience, options: RecommendationOptions) -> Recommendation {
        typealias F = Format
        let total = found.likes.reduce(0) { $0 + $1.likes }
        let names = Dictionary(uniqueKeysWithValues: found.catalogue.subcategories.enumerated().map {
            ($1.id, (name: $1.name, category: found.catalogue.categoryName(ofSubcategory: $0)))
        })
        let interests = found.likes.prefix(5).map { like in
            Recommendation.Interest(subcategoryID: like.id, name: names[like.id]?.name ?? "#\(like.id)",
                                    category: names[like.id]?.category ?? "", likes: like.likes,
                                    share: AffinityIndex.share(like.likes, of: total))
        }
        let own = Dictionary(uniqueKeysWithValues: found.likes.map { ($0.id, $0.likes) })
        let eligible = audience.subcategories.filter {
            ($0.userIndex ?? 0) >= options.minIndex && $0.usersLiking >= options.minSupport
        }
        let suggestions = AffinityRanking.users.ranked(eligible).prefix(options.top).enumerated().map { rank, line in
            let mine = own[line.id] ?? 0
            let reason = "\(F.percent(line.userShare)) of segment \(audience.segment) like it vs \(F.percent(line.populationUserShare)) "
                + "of everyone (\(F.count(line.usersLiking)) users); "
                + (mine > 0 ? "you liked it \(F.count(mine)) times" : "new to you")
            return Recommendation.Suggestion(
                rank: rank + 1, subcategoryID: line.id, name: line.name, category: line.category, userIndex: line.userIndex ?? 0,
                usersLiking: line.usersLiking, segmentShare: line.userShare, populationShare: line.populationUserShare,
                userLikes: mine, reason: reason)
        }
        return Recommendation(
            runID: found.record.id, userID: options.userID, segment: found.segment, segmentUsers: audience.users,
            method: found.method, distance: found.distance, interests: Array(interests), suggestions: suggestions,
            minIndex: options.minIndex, minSupport: options.minSupport,
            affinitySource: found.stored.map { "stored by `warehouse target` at \($0.computedAt)" } ?? "computed now")
    }
}
