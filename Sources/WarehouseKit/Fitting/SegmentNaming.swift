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

/// Descriptive segment names, generated from what a segment over-likes (the affinity index of its
/// likes: 100 × its share of likes for a subcategory ÷ everyone's, from `segment_profiles`) and
/// who it is (the age group most over-represented in it), e.g. "Football & basketball fans, 18–24".
///
/// Interests: the two subcategories with the highest index of at least `overIndex`, liked by at
/// least `minimumSupport(users)` of the segment's users (ties by subcategory id); none: "Broad
/// interests". Age: the group with the highest index (≥ `overIndex`) among groups holding at least
/// 10% of the segment, joined with a neighbouring group that also qualifies ("18–34"); none: "all
/// ages". Names are unique within a run: segments are named in order, and a name already taken (by
/// a user's name or an earlier segment, ignoring case) gets a third interest, then "(segment N)".
/// The same stored run always gets the same names.
public enum SegmentNaming {
    /// The age groups of `user_profiles`, in order.
    public static let ageGroups = ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    static let overIndex = 120.0
    static let underIndex = 80.0

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

    /// The subcategories the segment over-likes (index ≥ `overIndex`, enough support), highest first.
    static func overLiked(_ segment: RunTables.Segment, _ inputs: Inputs) -> [(name: String, index: Double)] {
        ranked(segment, inputs).filter { $0.index >= overIndex }
    }

    static func underLiked(_ segment: RunTables.Segment, _ inputs: Inputs) -> [(name: String, index: Double)] {
        ranked(segment, inputs).filter { $0.index <= underIndex }.sorted { $0.index < $1.index }
    }

    private static func ranked(_ segment: RunTables.Segment, _ inputs: Inputs) -> [(name: String, index: Double)] {
        let support = minimumSupport(segment.users)
        return inputs.profiles
            .filter { $0.segment == segment.segment && $0.lift != nil }
            .sorted { ($0.lift ?? 0) != ($1.lift ?? 0) ? ($0.lift ?? 0) > ($1.lift ?? 0) : $0.subcategoryID < $1.subcategoryID }
            .compactMap { profile in
                let index = 100 * (profile.lift ?? 0)
                // An over-liked interest needs support; an under-liked one is rare by definition.
                if index >= overIndex && profile.usersLiking < support { return nil }
                return (inputs.subcategoryNames[profile.subcategoryID] ?? "subcategory \(profile.subcategoryID)", index)
            }
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
        let (mine, everyone) = ageShares(segment, inputs)
        func index(_ g: Int) -> Double { everyone[g] > 0 ? 100 * mine[g] / everyone[g] : 0 }
        func qualifies(_ g: Int) -> Bool { g >= 0 && g < mine.count && mine[g] >= 0.1 && index(g) >= overIndex }
        guard let best = (0..<mine.count).filter(qualifies).max(by: { index($0) != index($1) ? index($0) < index($1) : $0 > $1 }) else {
            return "all ages"
        }
        let neighbours = [best - 1, best + 1].filter(qualifies)
        let partner = neighbours.max { index($0) != index($1) ? index($0) < index($1) : $0 > $1 }
        let low = min(best, partner ?? best), high = max(best, partner ?? best)
        return ageRange(low, high)
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
        parts.append(over.isEmpty ? "over-likes nothing by index 120 or more"
                     : "over-likes " + over.map { "\($0.name) (index \(F.index($0.index)))" }.joined(separator: ", "))
        let under = underLiked(segment, inputs).prefix(3)
        parts.append(under.isEmpty ? "under-likes nothing by index 80 or less"
                     : "under-likes " + under.map { "\($0.name) (\(F.index($0.index)))" }.joined(separator: ", "))
        return parts.joined(separator: "; ")
    }
}
