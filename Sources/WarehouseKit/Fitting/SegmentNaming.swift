import Population
import WarehouseTables

/// A segment's name and plain-language description (see `SegmentNaming`).
public struct SegmentName: Sendable, Encodable, Equatable {
    public let segment: Int
    public let name: String
    /// 'generated' from the profile, or 'user' (given with `warehouse name`).
    public let source: String
    /// Size and share, age profile against everyone's, what it over- and under-likes, with numbers.
    public let description: String

    /// JSON says `name_source` for `source`: one key for a segment's name's source in every command
    /// (`run-segmentation`, `name`, `report`, `compare`).
    private enum CodingKeys: String, CodingKey {
        case segment, name, source = "nameSource", description
    }
}

/// Descriptive segment names, generated from what a segment over-likes (the warehouse's one
/// affinity, `Lift`: how many times as likely as everyone its members are to like a subcategory,
/// shrunk by 100 users, stored as `segment_profiles.lift`) and who it is (its members' age groups), e.g. "Football & basketball fans, 18–34". An age band in a
/// name holds most of the segment's members; short of that the name says "skews 45–54" or "all ages".
///
/// Interests: among the subcategories with a lift of at least `overIndex` ÷ 100 (1.2) liked by at
/// least `minimumReachPercent` (10%) of the segment's users and by at least `minimumSupport(users)`
/// (3, or 2% of its users), the two with the highest score lift × reach, where reach = the
/// segment's users liking it ÷ its users (ties by subcategory id). An interest liked a lot by a few
/// members does not lead the name over one most of them like; none: "Broad interests".
///
/// Age (`ageLabel(members:everyone:)`), from the members per age group, the first that applies:
/// 1. A band of one age group, or of two adjacent ones joined ("18–34"), holding more than half the
///    members: the narrowest such band (one group before two; on a tie the one with more members,
///    then the youngest).
/// 2. "skews" and the most over-represented group (index ≥ `overIndex` against everyone's age
///    profile) among those holding at least `skewPercent` (25%) of the members, joined with the
///    more over-represented neighbour that holds at least `neighbourPercent` (10%) with index
///    ≥ `overIndex` ("skews 45–64").
/// 3. A band of three adjacent groups holding more than half the members (the one with the most
///    members, then the youngest).
/// 4. "all ages".
///
/// Names are unique within a run: segments are named in order, and a name already taken (by
/// a user's name or an earlier segment, ignoring case) gets a third interest, then "(segment N)".
/// The same stored run always gets the same names. Names are generated once per run and stored;
/// stored names stay as they are when these rules change (runs stored without names get names by
/// the rules of the day).
public enum SegmentNaming {
    /// The age groups of `user_profiles`, in order.
    public static let ageGroups = ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    /// An index (100 = like everyone; a lift × 100) at or above which a segment over-likes an
    /// interest or over-represents an age group: 120.
    static let overIndex = 120.0
    static let underIndex = 80.0
    /// The least share of a segment's users, in percent, who must like an interest for it to
    /// name the segment: 10 (`100 × users liking ≥ 10 × users`, exact in integers).
    static let minimumReachPercent = 10
    /// The widest age band (adjacent groups joined) named before a skew: 2 groups.
    static let widestBandBeforeSkew = 2
    /// The widest age band named at all: 3 groups.
    static let widestBand = 3
    /// The least share of the members, in percent, an age group must hold to be named by "skews": 25.
    static let skewPercent = 25
    /// The least share of the members, in percent, a neighbouring group must hold to join a skew: 10.
    static let neighbourPercent = 10

    /// The least number of a segment's users who must like an interest for it to name the
    /// segment: 3, or 2% of its users when that is more.
    static func minimumSupport(_ users: Int) -> Int { max(3, users / 50) }

    /// What naming one run reads.
    struct Inputs {
        let segments: [RunTables.Segment]
        let profiles: [RunTables.Profile]
        /// Subcategory id → name.
        let subcategoryNames: [Int: String]
        /// `ageCounts[segment − 1][group]`.
        let ageCounts: [[Int]]

        /// `ageCounts`: the members per segment and age group when the caller has them in memory
        /// (a run being written); nil: counted from the tables (one join of the run's members with
        /// `users`).
        static func read(run: Int64, k: Int, ageCounts: [[Int]]? = nil, from store: WarehouseStore) throws -> Inputs {
            let tables = try RunTables.read(run: run, k: k, from: store)
            let catalogue = try TargetingCatalogue(store: store)
            return Inputs(segments: tables.segments, profiles: tables.profiles,
                          subcategoryNames: Dictionary(catalogue.subcategories.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                          ageCounts: try ageCounts ?? AssignmentsTable.ageGroupCounts(run: run, k: k, from: store))
        }
    }

    /// The names of every segment of run `record`: the stored ones, and generated ones (not
    /// stored) for segments without (runs made before names existed).
    public static func names(run: Int64, k: Int, store: WarehouseStore) throws -> [SegmentName] {
        try names(run: run, stored: SegmentNamesTable.read(run: run, k: k, from: store),
                  inputs: Inputs.read(run: run, k: k, from: store))
    }

    /// Members per segment and age group of a run being written: `users` (indices into `data`)
    /// with their 0-based `labels`; `counts[segment − 1][group]` in `ageGroups` order.
    static func ageCounts(data: WarehouseData, users: [Int], labels: [Int32], k: Int) -> [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: ageGroups.count), count: k)
        for (row, user) in users.enumerated() {
            counts[Int(labels[row])][AgeGroup.index(containing: Int(data.ages[user]))] += 1
        }
        return counts
    }

    /// Stores generated names for the segments of a run being written that have none, from the
    /// members' age groups the caller counted in memory, and returns every segment's name and
    /// description. Call inside the run's write transaction.
    static func storeAndName(run: Int64, k: Int, ageCounts: [[Int]], store: WarehouseStore) throws -> [SegmentName] {
        let inputs = try Inputs.read(run: run, k: k, ageCounts: ageCounts, from: store)
        var stored = try SegmentNamesTable.read(run: run, k: k, from: store)
        let generated = generate(inputs, taken: stored)
        let missing = generated.keys.sorted().compactMap { segment in stored[segment] == nil ? generated[segment].map { (segment, $0) } : nil }
        try SegmentNamesTable.insertGenerated(run: run, names: missing, into: store)
        stored = try SegmentNamesTable.read(run: run, k: k, from: store)
        return names(run: run, stored: stored, inputs: inputs)
    }

    private static func names(run: Int64, stored: [Int: SegmentNamesTable.Stored], inputs: Inputs) -> [SegmentName] {
        let generated = generate(inputs, taken: stored)
        return inputs.segments.map { segment in
            let name = stored[segment.segment].map { ($0.name, $0.source) } ?? (generated[segment.segment] ?? "Segment \(segment.segment)", "generated")
            return SegmentName(segment: segment.segment, name: name.0, source: name.1, description: describe(segment.segment, inputs))
        }
    }

    /// Stores generated names for the segments of run `run` that have none. Call inside a write transaction.
    static func storeMissing(run: Int64, k: Int, store: WarehouseStore) throws {
        let stored = try SegmentNamesTable.read(run: run, k: k, from: store)
        let generated = generate(try Inputs.read(run: run, k: k, from: store), taken: stored)
        try SegmentNamesTable.insertGenerated(run: run, names: generated.keys.sorted().compactMap { segment in
            stored[segment] == nil ? generated[segment].map { (segment, $0) } : nil
        }, into: store)
    }

    /// Generated names for the segments not in `taken`, unique together with `taken`'s.
    static func generate(_ inputs: Inputs, taken: [Int: SegmentNamesTable.Stored]) -> [Int: String] {
        var used = Set(taken.values.map { $0.name.lowercased() })
        var names: [Int: String] = [:]
        for segment in inputs.segments where taken[segment.segment] == nil {
            let interests = overLiked(segment, inputs).map { $0.name }
            let age = ageLabel(segment.segment, inputs)
            var candidates = [fitted(name(interests: Array(interests.prefix(2)), age: age))]
            if interests.count > 2 { candidates.append(fitted(name(interests: Array(interests.prefix(3)), age: age))) }
            let suffix = " (segment \(segment.segment))"
            let chosen = candidates.first { !used.contains($0.lowercased()) }
                ?? fitted(candidates[0], reserving: suffix.unicodeScalars.count) + suffix
            used.insert(chosen.lowercased())
            names[segment.segment] = chosen
        }
        return names
    }

    /// `text` cut to fit `SegmentNamesTable.maximumLength` characters with `reserving` to spare
    /// (subcategory names come from the catalogue, which a hand edit can make long).
    static func fitted(_ text: String, reserving: Int = 0) -> String {
        let limit = SegmentNamesTable.maximumLength - reserving
        guard text.unicodeScalars.count > limit else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.prefix(limit - 1))
        return String(out) + "…"
    }

    static func name(interests: [String], age: String) -> String {
        let what: String
        switch interests.count {
        case 0: what = "Broad interests"
        case 1: what = interests[0] + " fans"
        default: what = interests.dropLast().joined(separator: ", ") + " & " + interests[interests.count - 1] + " fans"
        }
        return String(what.prefix(1).uppercased() + what.dropFirst()) + ", " + age
    }

    /// The subcategories the segment over-likes: lift × 100 ≥ `overIndex`, liked by at least
    /// `minimumReachPercent` of its users and `minimumSupport(users)` of them; highest score
    /// (lift × reach, reach = users liking ÷ users) first, ties by subcategory id. `lift` as stored.
    static func overLiked(_ segment: RunTables.Segment, _ inputs: Inputs) -> [(name: String, lift: Double)] {
        let support = minimumSupport(segment.users)
        return inputs.profiles
            .compactMap { profile -> (id: Int, lift: Double, score: Double)? in
                guard profile.segment == segment.segment, let lift = profile.lift else { return nil }
                guard 100 * lift >= overIndex, profile.usersLiking >= support,
                      100 * profile.usersLiking >= minimumReachPercent * segment.users else { return nil }
                return (profile.subcategoryID, lift, lift * Double(profile.usersLiking) / Double(segment.users))
            }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            .map { (inputs.subcategoryNames[$0.id] ?? "subcategory \($0.id)", $0.lift) }
    }

    /// The subcategories the segment under-likes (lift × 100 ≤ `underIndex`), lowest first, ties by id.
    static func underLiked(_ segment: RunTables.Segment, _ inputs: Inputs) -> [(name: String, lift: Double)] {
        inputs.profiles
            .compactMap { profile -> (id: Int, lift: Double)? in
                guard profile.segment == segment.segment, let lift = profile.lift, 100 * lift <= underIndex else { return nil }
                return (profile.subcategoryID, lift)
            }
            .sorted { $0.lift != $1.lift ? $0.lift < $1.lift : $0.id < $1.id }
            .map { (inputs.subcategoryNames[$0.id] ?? "subcategory \($0.id)", $0.lift) }
    }

    /// Share of each age group in segment `segment` and in the whole run.
    static func ageShares(_ segment: Int, _ inputs: Inputs) -> (segment: [Double], everyone: [Double]) {
        let groups = ageGroups.count
        let mine = inputs.ageCounts.indices.contains(segment - 1) ? inputs.ageCounts[segment - 1] : [Int](repeating: 0, count: groups)
        let all = (0..<groups).map { g in inputs.ageCounts.reduce(0) { $0 + ($1.indices.contains(g) ? $1[g] : 0) } }
        let mineTotal = mine.reduce(0, +), allTotal = all.reduce(0, +)
        return (mine.map { mineTotal > 0 ? Double($0) / Double(mineTotal) : 0 },
                all.map { allTotal > 0 ? Double($0) / Double(allTotal) : 0 })
    }

    static func ageLabel(_ segment: Int, _ inputs: Inputs) -> String {
        let groups = ageGroups.count
        let members = inputs.ageCounts.indices.contains(segment - 1) ? inputs.ageCounts[segment - 1] : [Int](repeating: 0, count: groups)
        let everyone = (0..<groups).map { g in inputs.ageCounts.reduce(0) { $0 + ($1.indices.contains(g) ? $1[g] : 0) } }
        return ageLabel(members: members, everyone: everyone)
    }

    /// The age part of a name, from a segment's members per age group (`members[group]`, in
    /// `ageGroups` order) and everyone's (`everyone[group]`, the segment's members included), by
    /// the rules in `SegmentNaming`'s documentation.
    static func ageLabel(members: [Int], everyone: [Int]) -> String {
        let total = members.reduce(0, +), everyoneTotal = everyone.reduce(0, +)
        guard total > 0, everyoneTotal > 0 else { return "all ages" }
        if let band = majorityBand(members, widest: widestBandBeforeSkew) { return ageRange(band.low, band.high) }
        func holds(_ g: Int, percent: Int) -> Bool { 100 * members[g] >= percent * total }
        func index(_ g: Int) -> Double {
            g < everyone.count && everyone[g] > 0 ? 100 * (Double(members[g]) / Double(total)) / (Double(everyone[g]) / Double(everyoneTotal)) : 0
        }
        // a ranks below b: less over-represented, or as much and older (`max(by:)` takes the most
        // over-represented, on a tie the younger).
        func below(_ a: Int, _ b: Int) -> Bool { index(a) != index(b) ? index(a) < index(b) : a > b }
        if let skew = members.indices.filter({ holds($0, percent: skewPercent) && index($0) >= overIndex }).max(by: below) {
            let partner = [skew - 1, skew + 1].filter { members.indices.contains($0) && holds($0, percent: neighbourPercent) && index($0) >= overIndex }
                .max(by: below)
            return "skews " + ageRange(min(skew, partner ?? skew), max(skew, partner ?? skew))
        }
        if let band = majorityBand(members, widest: widestBand) { return ageRange(band.low, band.high) }
        return "all ages"
    }

    /// The narrowest band of adjacent age groups, at most `widest` groups, holding more than half
    /// of `members`' total: on a tie of width the one with the most members, then the youngest.
    static func majorityBand(_ members: [Int], widest: Int) -> (low: Int, high: Int)? {
        let total = members.reduce(0, +)
        for width in 1...max(1, min(widest, members.count)) {
            var best: (low: Int, count: Int)?
            for low in 0...(members.count - width) {
                let count = members[low..<(low + width)].reduce(0, +)
                if 2 * count > total && count > (best?.count ?? 0) { best = (low, count) }
            }
            if let best { return (best.low, best.low + width - 1) }
        }
        return nil
    }

    /// "18–24", "18–34", "under 18", "under 25", "65+", "55+".
    static func ageRange(_ low: Int, _ high: Int) -> String {
        let lower = [0, 18, 25, 35, 45, 55, 65], upper = [17, 24, 34, 44, 54, 64, Int.max]
        if high == ageGroups.count - 1 { return "\(lower[low])+" }
        if low == 0 { return "under \(upper[high] + 1)" }
        return "\(lower[low])–\(upper[high])"
    }

    static func describe(_ number: Int, _ inputs: Inputs) -> String {
        typealias F = Format
        guard let segment = inputs.segments.first(where: { $0.segment == number }) else { return "" }
        let total = inputs.segments.reduce(0) { $0 + $1.users }
        var parts = ["\(F.plural(segment.users, "user")) (\(F.percent(segment.share)) of \(F.count(total)))"]
        let (mine, everyone) = ageShares(number, inputs)
        func index(_ g: Int) -> Double { everyone[g] > 0 ? 100 * mine[g] / everyone[g] : 0 }
        // The age group most over-represented among those holding at least 10% of the segment.
        let candidates = mine.indices.filter { mine[$0] >= 0.1 }
        if let top = candidates.max(by: { index($0) != index($1) ? index($0) < index($1) : $0 > $1 }) {
            parts.append("aged \(ageGroups[top]): \(F.percent(mine[top], 0)) vs \(F.percent(everyone[top], 0)) of everyone "
                         + "(index \(F.index(index(top))))" + (segment.meanAge.map { ", mean age \(F.fixed($0, 1))" } ?? ""))
        }
        let over = overLiked(segment, inputs).prefix(3)
        parts.append(over.isEmpty ? "over-likes nothing by a lift of 1.2 or more that \(minimumReachPercent)% of its users like"
                     : "over-likes " + over.map { "\($0.name) (lift \(F.lift($0.lift)))" }.joined(separator: ", "))
        let under = underLiked(segment, inputs).prefix(3)
        parts.append(under.isEmpty ? "under-likes nothing by a lift of 0.8 or less"
                     : "under-likes " + under.map { "\($0.name) (\(F.lift($0.lift)))" }.joined(separator: ", "))
        return parts.joined(separator: "; ")
    }
}
