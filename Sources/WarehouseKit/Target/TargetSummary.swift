import WarehouseTables

/// What `warehouse target` prints: the report cut to the chosen segment and the top interests,
/// ranked, with low-support interests flagged. Text for people (`render()`), JSON for programs
/// (`json()`); both carry the same facts.
public struct TargetSummary: Sendable, Encodable {
    /// One interest in rank order.
    public struct Ranked: Sendable, Encodable {
        public let rank: Int
        /// Support below `minSupport`: the index rests on too few users to act on.
        public let lowSupport: Bool
        public let affinity: Affinity

        /// The affinity's fields (its own encoding, an undefined index `null`) beside `rank` and `low_support`.
        public func encode(to encoder: Encoder) throws {
            try affinity.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(lowSupport, forKey: .lowSupport)
        }

        private enum Keys: String, CodingKey { case rank, lowSupport }
    }

    /// How surely a latent-class run's users belong to a segment (nil for runs without
    /// probabilities). Built from each user's two most probable segments, the only ones stored.
    public struct Membership: Sendable, Encodable {
        /// Σ of the probability of this segment over every user (members and runners-up): the
        /// expected size, short of the mass users put on a third or later segment.
        public let expectedUsers: Double
        /// Mean probability of the members (those whose most probable segment it is).
        @JSONNullable public private(set) var meanProbability: Double?
        /// Members at least `certainty` probable.
        public let certainUsers: Int
        public let certainty: Double
    }

    public struct Segment: Sendable, Encodable {
        public let segment: Int
        public let users: Int
        public let assignedUsers: Int
        public let share: Double
        @JSONNullable public private(set) var meanAge: Double?
        public let ageGroups: [GroupShare]
        /// Most users first.
        public let personas: [GroupShare]
        /// Every category, ranked.
        public let categories: [Ranked]
        /// The top subcategories, ranked.
        public let subcategories: [Ranked]
        /// The segment's name and plain-language description (`SegmentNaming`).
        @JSONNullable public var name: String? = nil
        @JSONNullable public var description: String? = nil
        /// With probabilities (latent-class runs) only; `null` in JSON otherwise.
        @JSONNullable public var membership: Membership? = nil

        /// Only the interests the segment likes more than everyone (lift above 1, or likes index above 100).
        func aboveAverageOnly(_ ranking: AffinityRanking) -> Segment {
            func above(_ rows: [Ranked]) -> [Ranked] { rows.filter { (ranking.index($0.affinity) ?? 0) > 100 } }
            return Segment(segment: segment, users: users, assignedUsers: assignedUsers, share: share, meanAge: meanAge,
                           ageGroups: ageGroups, personas: personas, categories: above(categories),
                           subcategories: above(subcategories), name: name, description: description, membership: membership)
        }
    }

    public let runID: Int64
    public let k: Int
    public let populationUsers: Int
    public let assignedUsers: Int
    public let ranking: AffinityRanking
    public let minSupport: Int
    /// The user filter as its options (`--age 25-34 --gender female`): the profile is of the
    /// members it passes, compared with every member of the run it passes, and was not stored.
    /// null: every member (and the profile was stored).
    @JSONNullable public private(set) var filter: String?
    public private(set) var segments: [Segment]
    /// Whether the lists hold only what each segment likes more than everyone (lift above 1).
    public private(set) var aboveAverage = false
    /// Members of the run whose user is no longer in `users` (deleted since the run, or a damaged
    /// file): left out of every figure, and said.
    public private(set) var missingUsers = 0

    public init(_ report: TargetingReport, options: TargetOptions) {
        runID = report.runID
        k = report.k
        populationUsers = report.populationUsers
        assignedUsers = report.assignedUsers
        ranking = options.ranking
        minSupport = options.minSupport
        filter = options.filter.isEmpty ? nil : options.filter.description
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

    /// The same view with only the interests each segment likes more than everyone (lift above 1,
    /// or likes index above 100 with `--by likes`): what `target` shows unless asked for `--all`. Ranks are kept.
    public func aboveAverageOnly() -> TargetSummary {
        var view = self
        view.segments = segments.map { $0.aboveAverageOnly(ranking) }
        view.aboveAverage = true
        return view
    }

    /// The same view with each segment's membership figures (`mass` per segment, nil: none).
    /// The summary, saying that `count` members of the run are no longer in `users`.
    func missing(_ count: Int) -> TargetSummary {
        var view = self
        view.missingUsers = count
        return view
    }

    func withMemberships(_ mass: [MembershipTables.SegmentMass]?, certainty: Double) -> TargetSummary {
        guard let mass else { return self }
        var view = self
        view.segments = segments.map { segment in
            var segment = segment
            let m = mass[segment.segment - 1]
            segment.membership = Membership(expectedUsers: m.expectedUsers,
                                            meanProbability: m.members > 0 ? m.probabilitySum / Double(m.members) : nil,
                                            certainUsers: m.certainMembers, certainty: certainty)
            return segment
        }
        return view
    }

    /// The same view with each segment's name and description.
    func named(_ names: [SegmentName]) -> TargetSummary {
        var view = self
        view.segments = segments.map { segment in
            var segment = segment
            let name = names.first { $0.segment == segment.segment }
            segment.name = name?.name
            segment.description = name?.description
            return segment
        }
        return view
    }

    public func json() throws -> String { try Format.json(self) }

    public func render() -> String {
        typealias F = Format
        var lines = ["run \(runID): \(F.plural(k, "segment")) over \(F.plural(populationUsers, "user")) "
                     + (filter.map { "passing \(F.printable($0)) " } ?? "")
                     + "(\(F.count(assignedUsers)) assigned after the run)"]
        if missingUsers > 0 {
            lines += F.wrapped(["\(F.plural(missingUsers, "member")) of run \(runID) \(missingUsers == 1 ? "is" : "are") no longer in users",
                                "deleted since the run, or a damaged file (run `warehouse check`)", "every figure leaves them out"],
                               lead: "  ", separator: "; ", indent: "    ")
        }
        if let filter {
            lines += F.wrapped(["filter \(F.printable(filter)): every figure is of the members it passes",
                                "indexes compare them with every member of the run it passes", "not stored (`target` without a filter stores)"],
                               lead: "  ", separator: "; ", indent: "    ")
        }
        let byLift = ranking == .lift
        let support = byLift ? "liking" : "likes"
        var legend = byLift
            ? ["lift = how many times as likely as everyone the segment's users are to like it",
               "((liking + 100 × % all) ÷ (users + 100)) ÷ % all", "so a few keen users cannot top a list (1: like everyone)"]
            : ["likes index = 100 × the segment's share of likes ÷ everyone's (100: like everyone)"]
        legend += [byLift ? "liking: users of the segment who like it" : "likes: the segment's likes of it",
                   "% seg, % all: share of the segment's \(byLift ? "users" : "likes") and of everyone's",
                   "! low support: \(support) below \(minSupport)", byLift ? "--by likes ranks by the likes index" : "--by lift ranks by lift"]
        legend.append(aboveAverage ? "only interests above everyone's are listed (--all lists every one)" : "every interest is listed")
        lines += F.wrapped(legend, lead: "", separator: "; ", indent: "  ")
        for segment in segments {
            lines.append("")
            var head = "segment \(segment.segment): \(F.plural(segment.users, "user")) (\(F.percent(segment.share)) of the run's users"
                + (filter == nil ? "" : " passing the filter")
            head += segment.assignedUsers > 0 ? ", \(F.count(segment.assignedUsers)) assigned)" : ")"
            if let age = segment.meanAge { head += ", mean age \(F.fixed(age, 1))" }
            lines.append(head)
            if let name = segment.name { lines.append("  name: \(F.printable(name))") }
            if let m = segment.membership {
                lines += F.wrapped(["expected size \(F.fixed(m.expectedUsers, 1)) (Σ probability)",
                                    "mean membership probability \(F.fixed(m.meanProbability, 3))",
                                    "\(F.count(m.certainUsers)) at probability ≥ \(F.fixed(m.certainty, 2))"],
                                   lead: "  membership: ", separator: ", ", indent: "    ")
            }
            lines += F.wrapped(segment.ageGroups.filter { $0.users > 0 }.map { "\($0.name) \(F.percent($0.share)) (\(F.index($0.index)))" },
                               lead: "  ages, % of segment (index): ", indent: "    ")
            if !segment.personas.isEmpty {
                lines += F.wrapped(segment.personas.prefix(3).map { "\($0.name) \(F.percent($0.share)) (\(F.index($0.index)))" },
                                   lead: "  top personas, % of segment (index): ", indent: "    ")
            }
            lines.append(contentsOf: table("category", segment.categories, withCategory: false))
            lines.append(contentsOf: table("subcategory", segment.subcategories, withCategory: true))
        }
        return lines.joined(separator: "\n")
    }

    private func table(_ title: String, _ rows: [Ranked], withCategory: Bool) -> [String] {
        typealias F = Format
        guard !rows.isEmpty else { return ["  \(title): none above everyone's (--all lists every one)"] }
        var columns: [(String, TextTable.Alignment)] = [("#", .right), (title, .left)]
        if withCategory { columns.append(("category", .left)) }
        let byLift = ranking == .lift
        columns += [(byLift ? "lift" : "likes index", .right), (byLift ? "liking" : "likes", .right),
                    ("% seg", .right), ("% all", .right), ("", .left)]
        var table = TextTable(columns)
        for row in rows {
            let a = row.affinity
            var cells = [String(row.rank), a.name]
            if withCategory { cells.append(a.category) }
            cells += byLift
                ? [F.lift(a.lift), F.count(a.usersLiking), F.percent(a.userShare), F.percent(a.populationUserShare)]
                : [F.index(a.likeIndex), F.count(a.likes), F.percent(a.likeShare), F.percent(a.populationLikeShare)]
            cells.append(row.lowSupport ? "! low support" : "")
            table.append(cells)
        }
        return table.lines(indent: "  ")
    }
}
