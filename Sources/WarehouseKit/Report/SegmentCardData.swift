import Population
import WarehouseSupport
import WarehouseTables

/// What one segment card says, computed from the warehouse read (`WarehouseData`, all-time likes),
/// the run's members in it (`RunMembers`, the report's filter applied), the composition, the run's
/// stored tables and names, and the rising interests.
///
/// "Everyone" is every member of the run (the filter applied): the population the stored lift
/// compares a segment with. Invariants: Σ `members` over the cards = the members read;
/// `ageCounts` sums to `members`; shares are in 0…1; a value the warehouse does not hold (no
/// gender, no country, no interaction, no stored lift) is nil or empty, never NaN.
struct SegmentCardData: Sendable {
    /// An interest the segment over-likes, from the stored profile (`segment_profiles`).
    struct OverLike: Sendable, Equatable {
        let subcategoryID: Int
        let name: String
        /// Users liking it ÷ the segment's users at the fit (both stored), ≤ 1.
        let reach: Double
        /// The stored lift (1 = like everyone).
        let lift: Double
    }

    struct Card: Sendable {
        let segment: Int
        let name: String
        /// Members of the segment read now (still in `users`, passing the filter).
        let members: Int
        /// members ÷ every member read, 0…1.
        let share: Double
        /// Members per `AgeGroup` (7 groups).
        let ageCounts: [Int]
        /// Median age (years); nil for an empty segment.
        let medianAge: Double?
        /// The age words of the generated names (`SegmentNaming.ageLabel`): "18–34", "skews 45–64", "all ages".
        let ageLabel: String
        /// Share of the members in the band `ageLabel` names, when it names one (not "skews", not "all ages").
        let bandShare: Double?
        /// Shares of the members by female, male, other (of every member, undisclosed included); nil
        /// when nobody in the segment gave a gender.
        let genderShares: [(label: String, share: Double)]?
        /// Share of the members who gave no gender.
        let undisclosedShare: Double
        /// The top countries by members (at most 3), with their share of the members.
        let countries: [(name: String, share: Double)]
        /// Median liked posts (all-time) per member.
        let medianLikedPosts: Double?
        /// Members per activity band (`SegmentCardData.activityBands`).
        let activityCounts: [Int]
        /// The segment's likes per category (all-time), in `data.categories` order.
        let categoryLikes: [Double]
        let overLikes: [OverLike]
        let rising: [RisingInterests.Rising]
    }

    let runID: Int64
    let cards: [Card]
    /// Everyone's median age and liked posts; nil when nobody was read.
    let medianAge: Double?
    let medianLikedPosts: Double?
    /// Everyone's members per age group and per activity band, and likes per category.
    let ageCounts: [Int]
    let activityCounts: [Int]
    let categoryLikes: [Double]
    let categoryNames: [String]
    /// Activity bands of liked posts: lower bounds, ascending, the first 0 (`activityBands`).
    let activityEdges: [Int]
    /// nil: the warehouse holds no interaction with a time.
    let rising: RisingInterests?
    /// Subcategory id → name.
    let subcategoryNames: [Int: String]
    /// The data's words ("liked posts" for a seeded warehouse, "likes" for an imported one).
    var words = DataWords.seededWords

    /// Over-liked interests shown per card.
    static let overLikesShown = 3
    /// Countries named per card.
    static let countriesShown = 3

    /// Reads the members and the rising interests, and computes every card. Call inside the report's snapshot.
    static func read(_ view: RunView, data: WarehouseData, composition: SegmentComposition, filter: UserFilter,
                     from store: WarehouseStore) throws -> SegmentCardData {
        let members = try RunMembers.read(run: view.record.id, k: view.record.k, userIDs: data.userIDs, filter: filter, from: store)
        let rising = try RisingInterests.read(view.record, userIDs: members.rows.map { data.userIDs[Int($0)] }, segments: members.segments,
                                              from: store)
        return compute(view, data: data, members: members, composition: composition, rising: rising)
    }

    static func compute(_ view: RunView, data: WarehouseData, members: RunMembers, composition: SegmentComposition,
                        rising: RisingInterests?) -> SegmentCardData {
        let k = max(1, view.record.k)
        let groups = AgeGroup.all.count
        let width = data.categories.count
        var ages = [[Int32]](repeating: [], count: k), liked = [[Int32]](repeating: [], count: k)
        var ageCounts = [[Int]](repeating: [Int](repeating: 0, count: groups), count: k)
        var categoryLikes = [[Double]](repeating: [Double](repeating: 0, count: width), count: k)
        for (row, segment) in zip(members.rows, members.segments) {
            let s = Int(segment) - 1, r = Int(row)
            guard s >= 0 && s < k else { continue }
            let age = data.ages[r]
            ages[s].append(age)
            liked[s].append(data.likedPosts.indices.contains(r) ? data.likedPosts[r] : 0)
            ageCounts[s][AgeGroup.index(containing: Int(age))] += 1
            for c in 0..<width { categoryLikes[s][c] += data.categoryLikes[r * width + c] }
        }
        let allAges = ages.flatMap { $0 }, allLiked = liked.flatMap { $0 }
        let everyoneAges = (0..<groups).map { g in ageCounts.reduce(0) { $0 + $1[g] } }
        let edges = activityBands(allLiked)
        let total = allAges.count
        let subcategoryNames = Dictionary(view.subcategories.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let storedUsers = Dictionary(view.tables.segments.map { ($0.segment, $0.users) }, uniquingKeysWith: { first, _ in first })

        let cards = (1...k).map { segment -> Card in
            let s = segment - 1
            let size = ages[s].count
            let label = SegmentNaming.ageLabel(members: ageCounts[s], everyone: everyoneAges)
            let genders = s < composition.k ? composition.genders[s] : [0, 0, 0, size]
            let disclosed = genders.dropLast().reduce(0, +)
            let genderLabels = SegmentComposition.genderColumns.dropLast().map { $0?.rawValue ?? "" }
            let countryCounts = s < composition.k ? composition.countries[s] : [:]
            let countries = countryCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(countriesShown).map { entry in
                    (name: Country(code: entry.key)?.name ?? entry.key, share: size > 0 ? Double(entry.value) / Double(size) : 0)
                }
            let overLikes = RunReportTables.topInterests(view, segment: segment, count: view.tables.profiles.count)
                .filter { ($0.lift ?? 0) > 1 }.prefix(overLikesShown).map { profile in
                    let users = storedUsers[segment] ?? 0
                    return OverLike(subcategoryID: profile.subcategoryID,
                                    name: subcategoryNames[profile.subcategoryID] ?? "subcategory \(profile.subcategoryID)",
                                    reach: users > 0 ? min(1, Double(profile.usersLiking) / Double(users)) : 0,
                                    lift: profile.lift ?? 1)
                }
            return Card(segment: segment, name: view.names.first { $0.segment == segment }?.name ?? RunCharts.segmentName(segment),
                        members: size, share: total > 0 ? Double(size) / Double(total) : 0, ageCounts: ageCounts[s],
                        medianAge: median(ages[s]), ageLabel: label, bandShare: bandShare(label, ageCounts[s]),
                        genderShares: disclosed > 0 && size > 0
                            ? zip(genderLabels, genders).map { (label: $0, share: Double($1) / Double(size)) } : nil,
                        undisclosedShare: size > 0 ? Double(genders.last ?? 0) / Double(size) : 0,
                        countries: Array(countries), medianLikedPosts: median(liked[s]),
                        activityCounts: bandCounts(liked[s], edges: edges), categoryLikes: categoryLikes[s],
                        overLikes: Array(overLikes),
                        rising: rising.map { $0.bySegment.indices.contains(s) ? $0.bySegment[s] : [] } ?? [])
        }
        return SegmentCardData(runID: view.record.id, cards: cards, medianAge: median(allAges), medianLikedPosts: median(allLiked),
                               ageCounts: everyoneAges, activityCounts: bandCounts(allLiked, edges: edges),
                               categoryLikes: (0..<width).map { c in categoryLikes.reduce(0) { $0 + $1[c] } },
                               categoryNames: data.categories.map(\.name), activityEdges: edges, rising: rising,
                               subcategoryNames: subcategoryNames, words: view.words)
    }

    /// The median (`DistributionSummary`); nil for no value.
    static func median(_ values: [Int32]) -> Double? {
        values.isEmpty ? nil : DistributionSummary(values).median
    }

    /// Activity bands from everyone's liked posts: the distinct lower bounds of everyone's fifths
    /// (the values at ranks ⌈n·q⌉ for q = 0.2, 0.4, 0.6, 0.8, after 0), so each band holds about a
    /// fifth of everyone when the values allow (ties merge bands). `[0]` for no value.
    static func activityBands(_ values: [Int32]) -> [Int] {
        guard !values.isEmpty else { return [0] }
        let sorted = values.sorted()
        var edges = [0]
        for fifth in 1...4 {
            let value = Int(sorted[min(sorted.count - 1, (sorted.count * fifth) / 5)])
            if value > edges[edges.count - 1] { edges.append(value) }
        }
        return edges
    }

    /// Values per band of `edges` (band b: edges[b] ≤ v < edges[b + 1], the last open above).
    static func bandCounts(_ values: [Int32], edges: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: edges.count)
        for value in values {
            var band = edges.count - 1
            while band > 0 && Int(value) < edges[band] { band -= 1 }
            counts[band] += 1
        }
        return counts
    }

    /// The share of `members` in the age band `label` names ("18–34", "under 25", "65+"); nil for
    /// "skews …", "all ages" or no member.
    static func bandShare(_ label: String, _ members: [Int]) -> Double? {
        let total = members.reduce(0, +)
        guard total > 0 else { return nil }
        for low in members.indices {
            for high in low..<members.count where SegmentNaming.ageRange(low, high) == label {
                return Double(members[low...high].reduce(0, +)) / Double(total)
            }
        }
        return nil
    }
}
