/// What `warehouse target` prints: the report cut to the chosen segment and the top interests,
/// ranked, with low-support interests flagged. Text for people (`render()`), JSON for programs
/// (`json()`); both carry the same facts.
public struct TargetingView: Sendable, Encodable {
    /// One interest in rank order.
    public struct Ranked: Sendable, Encodable {
        public let rank: Int
        /// Support below `minSupport`: the index rests on too few users to act on.
        public let lowSupport: Bool
        public let affinity: Affinity

        public func encode(to encoder: Encoder) throws {
            try affinity.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(lowSupport, forKey: .lowSupport)
        }

        private enum Keys: String, CodingKey { case rank, lowSupport }
    }

    public struct Segment: Sendable, Encodable {
        public let segment: Int
        public let users: Int
        public let assignedUsers: Int
        public let share: Double
        public let meanAge: Double?
        public let ageGroups: [GroupShare]
        /// Most users first.
        public let personas: [GroupShare]
        /// Every category, ranked.
        public let categories: [Ranked]
        /// The top subcategories, ranked.
        public let subcategories: [Ranked]
    }

    public let runID: Int64
    public let k: Int
    public let populationUsers: Int
    public let assignedUsers: Int
    public let ranking: AffinityRanking
    public let minSupport: Int
    public let segments: [Segment]

    public init(_ report: TargetingReport, options: TargetingOptions) {
        runID = report.runID
        k = report.k
        populationUsers = report.populationUsers
        assignedUsers = report.assignedUsers
        ranking = options.ranking
        minSupport = options.minSupport
        let ranking = options.ranking
        func ranked(_ lines: [Affinity], limit: Int) -> [Ranked] {
            ranking.ranked(lines).prefix(limit).enumerated().map { index, line in
                Ranked(rank: index + 1, lowSupport: ranking.support(line) < options.minSupport, affinity: line)
            }
        }
        segments = report.segments.filter { options.segment == nil || $0.segment == options.segment }.map { segment in
            Segment(segment: segment.segment, users: segment.users, assignedUsers: segment.assignedUsers, share: segment.share,
                    meanAge: segment.meanAge, ageGroups: segment.ageGroups,
                    personas: segment.personas.sorted { $0.users != $1.users ? $0.users > $1.users : $0.id < $1.id },
                    categories: ranked(segment.categories, limit: segment.categories.count),
                    subcategories: ranked(segment.subcategories, limit: options.top))
        }
    }

    public func json() throws -> String { try TargetingFormat.json(self) }

    public func render() -> String {
        typealias F = TargetingFormat
        let basis = ranking == .users ? "users who like it" : "likes"
        var lines = ["run \(runID): \(k) segments over \(F.count(populationUsers)) users (\(F.count(assignedUsers)) assigned after the run)",
                     "affinity index = 100 × the segment's share of \(basis) ÷ the population's (100: like everyone); "
                         + "support = \(ranking == .users ? "users liking" : "likes") in the segment; ! = support below \(minSupport)"]
        for segment in segments {
            lines.append("")
            var head = "segment \(segment.segment): \(F.count(segment.users)) users (\(F.percent(segment.share)) of the population"
            head += segment.assignedUsers > 0 ? ", \(F.count(segment.assignedUsers)) assigned)" : ")"
            if let age = segment.meanAge { head += ", mean age \(fixed(age, 1))" }
            lines.append(head)
            lines.append("  ages, % of segment (index): " + segment.ageGroups.filter { $0.users > 0 }
                .map { "\($0.name) \(F.percent($0.share)) (\(F.index($0.index)))" }.joined(separator: " · "))
            if !segment.personas.isEmpty {
                lines.append("  top personas, % of segment (index): " + segment.personas.prefix(3)
                    .map { "\($0.name) \(F.percent($0.share)) (\(F.index($0.index)))" }.joined(separator: " · "))
            }
            lines.append(contentsOf: table("category", segment.categories, withCategory: false))
            lines.append(contentsOf: table("subcategory", segment.subcategories, withCategory: true))
        }
        return lines.joined(separator: "\n")
    }

    private func table(_ title: String, _ rows: [Ranked], withCategory: Bool) -> [String] {
        typealias F = TargetingFormat
        var columns: [(String, TextTable.Alignment)] = [("#", .right), (title, .left)]
        if withCategory { columns.append(("category", .left)) }
        columns += [("user idx", .right), ("users liking", .right), ("% segment", .right), ("% all", .right),
                    ("like idx", .right), ("likes", .right), ("", .left)]
        var table = TextTable(columns)
        for row in rows {
            let a = row.affinity
            var cells = [String(row.rank), a.name]
            if withCategory { cells.append(a.category) }
            cells += [F.index(a.userIndex), F.count(a.usersLiking), F.percent(a.userShare), F.percent(a.populationUserShare),
                      F.index(a.likeIndex), F.count(a.likes), row.lowSupport ? "! low support" : ""]
            table.append(cells)
        }
        return table.lines(indent: "  ")
    }
}
