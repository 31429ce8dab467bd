import Analysis
import WarehouseTables

/// `warehouse recommend --user ID`: the subcategories to advertise to one user, ranked by the
/// run's predictive model (`PredictiveModel`): the predicted share of the user's next positive
/// interactions in each, from their own counts (as the run counts them) with their segments as
/// a prior. Only interests new to the user (not liked, nothing the run counts up to its as-of:
/// `AlreadyEngaged`) are suggested unless `includeLiked`.
///
/// A user with no counts (no likes yet, or none in the run's window) gets their age group's
/// prior: what users of their age go on to like, flagged `basis = "age group prior"`. A user the
/// run has not placed (one added after it) is predicted all the same, from their counts; their
/// segment is shown when `assign` has placed them. Ties (rare: the shares are real numbers) go to
/// the subcategory the age group's prior favours, then the lower id.
public enum RecommendJob {
    public static func run(store: WarehouseStore, options: RecommendOptions) throws -> RecommendSummary {
        try options.validate()
        guard let user = options.userID else { throw WarehouseError.invalidArgument("recommend needs --user <id>, or --all --out FILE") }
        return try store.snapshot {
            let record = try options.run.record(in: store)
            let predictions = try RunPredictions.load(store, record: record)
            let data = try predictions.users(store, ids: user...user, capacity: 1)
            guard data.userCount == 1 else { throw WarehouseError.invalidArgument("no user \(user) in this warehouse") }
            let likes = try UsersTable.likes(of: user, store)
            // What the run counts up to its as-of, whatever its window length and half-life.
            let engaged = try predictions.interest.map { interest -> [Double] in
                let plan = try WindowedInterest.plan(AlreadyEngaged.window(of: interest.window), store)
                return try WarehouseReader.read(store, catalogue: predictions.catalogue, ids: user...user, capacity: 1, interest: plan)
                    .subcategoryLikes
            }
            let placement = try AssignmentsTable.placement(of: user, in: record, from: store)
            let names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            let segmentUsers = placement == nil ? nil : try AssignmentsTable.segmentSize(run: record.id, segment: placement?.segment ?? 0, from: store)
            let lifts = try placement.map { try RunTables.lifts(run: record.id, segment: $0.segment, from: store) } ?? [:]
            return recommendation(user: user, data: data, likes: likes, engaged: engaged, placement: placement, segmentUsers: segmentUsers,
                                  segmentLifts: lifts, names: names, predictions: predictions, options: options)
        }
    }

    /// `engaged`: per subcategory (in `data`'s order), the user's counts as the run counts them
    /// up to its as-of (`AlreadyEngaged`); nil for a run without a window (likes alone).
    private static func recommendation(user: Int64, data: WarehouseData, likes: [(subcategoryID: Int, likes: Int)], engaged: [Double]?,
                                       placement: AssignmentsTable.Placement?, segmentUsers: Int?, segmentLifts: [Int: Double],
                                       names: [SegmentName],
                                       predictions: RunPredictions, options: RecommendOptions) -> RecommendSummary {
        typealias F = Format
        let s = data.subcategories.count
        let model = predictions.model
        let group = model.group(age: data.ages[0])
        var predicted = [Double](repeating: 0, count: s)
        var membership = [Double](repeating: 0, count: model.predictor.components)
        model.predictor.predict(data.subcategoryLikes, group: group, membership: &membership, into: &predicted)
        let segmentShares = predictions.segmentShares(membership: membership)
        let counts = Array(data.subcategoryLikes[0..<s])
        let total = counts.reduce(0, +)
        let own = Dictionary(likes.map { ($0.subcategoryID, $0.likes) }, uniquingKeysWith: { first, _ in first })
        let prior = predictions.agePriors[group]
        let eligible = data.subcategories.indices.map { j in
            options.includeLiked || (own[data.subcategories[j].id] == nil && !(engaged.map { $0.indices.contains(j) && $0[j] > 0 } ?? false))
        }
        var top = [Int32](repeating: 0, count: options.top)
        let ranked = TopRanking.top(predicted, tieBreak: prior, eligible: eligible, count: options.top, into: &top)
        let catalogue = predictions.catalogue
        let basis = total > 0 ? "history and segments" : "age group prior"
        let suggestions = (0..<ranked).map { rank -> RecommendSummary.Suggestion in
            let j = Int(top[rank])
            let subcategory = data.subcategories[j]
            let mine = own[subcategory.id] ?? 0
            let share = total > 0 ? counts[j] / total : 0
            let reason = total > 0
                ? "predicted \(F.percent(predicted[j])) of your next likes: your history \(F.percent(share)), "
                    + "people like you \(F.percent(segmentShares[j]))" + (mine > 0 ? "; you liked it \(F.count(mine)) times" : "; new to you")
                    + (segmentLifts[subcategory.id].map { "; your segment is \(F.lift($0)) as likely as everyone to like it" } ?? "")
                : "no likes to go by yet: \(F.percent(predicted[j])) of what users of your age like next"
            return RecommendSummary.Suggestion(
                rank: rank + 1, subcategoryID: subcategory.id, name: subcategory.name,
                category: catalogue.categories[subcategory.categoryIndex].name, predictedShare: predicted[j],
                segmentPrior: segmentShares[j], ownShare: share, userLikes: mine, segmentLift: segmentLifts[subcategory.id], reason: reason)
        }
        let interests = likes.prefix(5).compactMap { like -> RecommendSummary.Interest? in
            guard let j = catalogue.column.indices.contains(like.subcategoryID) ? catalogue.column[like.subcategoryID] : nil, j >= 0 else { return nil }
            let subcategory = data.subcategories[j]
            return RecommendSummary.Interest(subcategoryID: subcategory.id, name: subcategory.name,
                                             category: catalogue.categories[subcategory.categoryIndex].name, likes: like.likes,
                                             share: AffinityIndex.share(like.likes, of: likes.reduce(0) { $0 + $1.likes }))
        }
        return RecommendSummary(
            runID: predictions.record.id, userID: user, segment: placement?.segment,
            segmentName: placement.flatMap { placed in names.first { $0.segment == placed.segment }?.name }, segmentUsers: segmentUsers,
            method: placement?.method.rawValue, distance: placement?.distance, basis: basis, interests: interests, suggestions: suggestions,
            includeLiked: options.includeLiked, modelSource: predictions.stored ? "stored with run \(predictions.record.id)" : "computed now",
            window: predictions.interest?.window.description)
    }
}
