import Charts

/// The report's colour assignment: one colour per category in every chart, and each segment in
/// the colour family of the category it over-likes most (`CategoryPalette`).
///
/// Category groups: with more than ``maximumGroups`` categories (an imported taxonomy may have
/// hundreds) the scatter plots show the ``maximumGroups`` − 1 most common favourites of the sample
/// by name and the rest as one grey "other categories" group, so legends stay a few rows.
struct ReportColors: Sendable {
    struct Group: Sendable, Equatable {
        let name: String
        let color: RGBColor
    }

    static let maximumGroups = 12

    /// `groups[groupOf[c]]` is category c's group on the scatter plots.
    let groups: [Group]
    let groupOf: [Int]
    /// `segments[s − 1]`.
    let segments: [RGBColor]
    /// Index in `categoryNames` of the category each segment over-likes most (nil: no profile).
    let families: [Int?]

    /// The colour of category `index` in every chart.
    static func category(_ index: Int) -> RGBColor { CategoryPalette.category(index) }

    init(_ view: RunView) {
        let names = view.categoryNames
        var counts = [Int](repeating: 0, count: names.count)
        for point in view.points { if let c = point.topCategory, c < counts.count { counts[c] += 1 } }
        if names.count <= Self.maximumGroups {
            groups = names.enumerated().map { Group(name: $1, color: Self.category($0)) }
            groupOf = Array(names.indices)
        } else {
            let kept = names.indices.sorted { (counts[$0], -$0) > (counts[$1], -$1) }.prefix(Self.maximumGroups - 1).sorted()
            var groupOf = [Int](repeating: kept.count, count: names.count)
            for (group, category) in kept.enumerated() { groupOf[category] = group }
            groups = kept.map { Group(name: names[$0], color: Self.category($0)) }
                + [Group(name: "other categories (\(names.count - kept.count))", color: CategoryPalette.other)]
            self.groupOf = groupOf
        }
        families = Self.families(view)
        segments = CategoryPalette.segments(families: families)
    }

    /// Per segment, the category of highest affinity: Σ share of the segment's likes in the
    /// category's subcategories ÷ Σ of everyone's shares there (everyone's share = share ÷ lift).
    static func families(_ view: RunView) -> [Int?] {
        let k = max(1, view.record.k)
        let categoryIndex = Dictionary(view.categoryNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let categoryOf = Dictionary(view.subcategories.map { ($0.id, categoryIndex[$0.category]) }, uniquingKeysWith: { first, _ in first })
        let c = view.categoryNames.count
        var segmentShare = [Double](repeating: 0, count: k * c)
        var overallShare = [Double](repeating: 0, count: k * c)
        for profile in view.tables.profiles where profile.segment >= 1 && profile.segment <= k {
            guard let category = categoryOf[profile.subcategoryID] ?? nil, let lift = profile.lift, lift > 0,
                  profile.share.isFinite else { continue }
            segmentShare[(profile.segment - 1) * c + category] += profile.share
            overallShare[(profile.segment - 1) * c + category] += profile.share / lift
        }
        return (0..<k).map { segment in
            var best: (index: Int, affinity: Double)?
            for category in 0..<c where overallShare[segment * c + category] > 0 {
                let affinity = segmentShare[segment * c + category] / overallShare[segment * c + category]
                if affinity.isFinite, affinity > (best?.affinity ?? -.infinity) { best = (category, affinity) }
            }
            return best?.index
        }
    }
}
