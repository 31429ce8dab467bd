import WarehouseTables

/// `warehouse recommend --user ID`: the user's segment in a run, their own top interests, and
/// the subcategories to advertise: those with a user affinity index ≥ `minIndex` and support ≥
/// `minSupport` in the user's segment, highest index first (see `AffinityIndex`).
///
/// Only interests the user has not liked yet are suggested unless `includeLiked`. A user with no
/// likes has no segment; they get the population's most popular interests instead (the share of
/// everyone who likes each), flagged `basis = "popular"`.
///
/// The affinities come from what `warehouse target` stored for the run when that still covers
/// every member of the run (no user assigned since); otherwise they are computed now from the
/// warehouse (slower: it reads every user) and not stored.
public enum RecommendJob {
    public static func run(store: WarehouseStore, options: RecommendOptions) throws -> RecommendSummary {
        try options.validate()
        let user = options.userID
        let found = try store.snapshot { () -> Found in
            let record = try options.run.record(in: store)
            guard try UsersTable.exists(user, store) else {
                throw WarehouseError.invalidArgument("no user \(user) in this warehouse")
            }
            let likes = try UsersTable.likes(of: user, store).map { (id: $0.subcategoryID, likes: $0.likes) }
            let placement = try AssignmentsTable.placement(of: user, in: record, from: store)
            if placement == nil, !likes.isEmpty { throw notInRun(user: user, record: record, hasLikes: true) }
            let catalogue = try TargetingCatalogue(store: store)
            let members = try AssignmentsTable.memberCount(run: record.id, from: store)
            let stored = try StoredTargeting.read(run: record.id, k: record.k, catalogue: catalogue, in: store)
            let usable = stored.flatMap { $0.report.populationUsers == members ? $0 : nil }
            // Computed in the same snapshot when what `target` stored no longer covers every member.
            let report = try usable?.report ?? TargetingReport.compute(store: store, run: record.id, k: record.k)
            let names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            return Found(record: record, likes: likes, segment: placement?.segment ?? 0, distance: placement?.distance ?? 0,
                         method: placement?.method.rawValue ?? "", catalogue: catalogue, stored: usable, report: report, names: names)
        }
        let report = found.report
        if found.likes.isEmpty {
            return popular(found: found, options: options)
        }
        guard found.segment >= 1, found.segment <= report.segments.count else {
            throw WarehouseError.brokenInvariant("run \(found.record.id) puts user \(user) in segment \(found.segment), outside 1…\(found.record.k)")
        }
        let audience = report.segments[found.segment - 1]
        return recommendation(found: found, audience: audience, options: options)
    }

    /// For a user with no likes (so no segment): the interests most of everyone likes.
    private static func popular(found: Found, options: RecommendOptions) -> RecommendSummary {
        typealias F = Format
        let lines = found.report.segments.first?.subcategories ?? []
        let population = found.report.populationUsers
        let ranked = lines.sorted { $0.populationUserShare != $1.populationUserShare ? $0.populationUserShare > $1.populationUserShare : $0.id < $1.id }
        let suggestions = ranked.prefix(options.top).enumerated().map { rank, line in
            let users = Int((line.populationUserShare * Double(population)).rounded())
            return RecommendSummary.Suggestion(
                rank: rank + 1, subcategoryID: line.id, name: line.name, category: line.category, userIndex: 100,
                usersLiking: users, userShare: line.populationUserShare, populationUserShare: line.populationUserShare, userLikes: 0,
                reason: "one of the most popular interests: liked by \(F.percent(line.populationUserShare)) of everyone "
                    + "(\(F.count(users)) users); you have no likes yet, so no segment to go by")
        }
        return RecommendSummary(
            runID: found.record.id, userID: options.userID, segment: nil, segmentName: nil, segmentUsers: nil, method: nil, distance: nil,
            basis: "popular", interests: [], suggestions: suggestions, minIndex: options.minIndex, minSupport: options.minSupport,
            includeLiked: options.includeLiked, belowMinIndex: false,
            affinitySource: found.stored.map { "stored by `warehouse target` at \($0.computedAt)" } ?? "computed now")
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
        let names: [SegmentName]
    }

    private static func notInRun(user: Int64, record: RunRecord, hasLikes: Bool) -> WarehouseError {
        if !hasLikes {
            return .invalidArgument("user \(user) has no likes, so run \(record.id) gives them no segment")
        }
        let why = user > record.maxUserID ? "came after run \(record.id)" : "has no segment in run \(record.id)"
        return .invalidArgument("user \(user) \(why); place them with `warehouse assign --run \(record.id)` first")
    }

    private static func recommendation(found: Found, audience: SegmentAudience, options: RecommendOptions) -> RecommendSummary {
        typealias F = Format
        let total = found.likes.reduce(0) { $0 + $1.likes }
        let names = Dictionary(uniqueKeysWithValues: found.catalogue.subcategories.enumerated().map {
            ($1.id, (name: $1.name, category: found.catalogue.categoryName(ofSubcategory: $0)))
        })
        let interests = found.likes.prefix(5).map { like in
            RecommendSummary.Interest(subcategoryID: like.id, name: names[like.id]?.name ?? "#\(like.id)",
                                    category: names[like.id]?.category ?? "", likes: like.likes,
                                    share: AffinityIndex.share(like.likes, of: total))
        }
        let own = Dictionary(uniqueKeysWithValues: found.likes.map { ($0.id, $0.likes) })
        let candidates = audience.subcategories.filter { $0.usersLiking >= options.minSupport && (options.includeLiked || own[$0.id] == nil) }
        let above = candidates.filter { ($0.userIndex ?? 0) >= options.minIndex }
        // A user who already likes everything their segment over-likes still gets the best new
        // interests by the segment's affinity, flagged as below --min-index.
        let belowMinIndex = above.isEmpty && !options.includeLiked
        let eligible = belowMinIndex ? candidates.filter { $0.userIndex != nil } : above
        let segmentName = found.names.first { $0.segment == audience.segment }?.name
        let suggestions = AffinityRanking.users.ranked(eligible).prefix(options.top).enumerated().map { rank, line in
            let mine = own[line.id] ?? 0
            let times = (line.userIndex ?? 0) / 100
            let reason = "people like you (segment \(audience.segment)" + (segmentName.map { ", '\(F.printable($0))'" } ?? "")
                + ") like it \(F.fixed(times, 1)) times as often as everyone: \(F.percent(line.userShare)) of them vs "
                + "\(F.percent(line.populationUserShare)) of everyone (\(F.count(line.usersLiking)) users); "
                + (mine > 0 ? "you liked it \(F.count(mine)) times" : "new to you")
            return RecommendSummary.Suggestion(
                rank: rank + 1, subcategoryID: line.id, name: line.name, category: line.category, userIndex: line.userIndex ?? 0,
                usersLiking: line.usersLiking, userShare: line.userShare, populationUserShare: line.populationUserShare,
                userLikes: mine, reason: reason)
        }
        return RecommendSummary(
            runID: found.record.id, userID: options.userID, segment: found.segment, segmentName: segmentName, segmentUsers: audience.users,
            method: found.method, distance: found.distance, basis: "segment affinity", interests: Array(interests), suggestions: suggestions,
            minIndex: options.minIndex, minSupport: options.minSupport, includeLiked: options.includeLiked,
            belowMinIndex: belowMinIndex && !suggestions.isEmpty,
            affinitySource: found.stored.map { "stored by `warehouse target` at \($0.computedAt)" } ?? "computed now")
    }
}
