/// What `warehouse recommend` says about one user: their segment, their own top interests, and
/// the subcategories to advertise to them (highest user affinity index in their segment first,
/// each with its reason). Text (`render()`) or JSON (`json()`).
public struct RecommendSummary: Sendable, Encodable {
    /// One of the user's own interests.
    public struct Interest: Sendable, Encodable {
        public let subcategoryID: Int
        public let name: String
        public let category: String
        public let likes: Int
        /// likes / the user's likes.
        public let share: Double
    }

    /// One subcategory to advertise.
    public struct Suggestion: Sendable, Encodable {
        public let rank: Int
        public let subcategoryID: Int
        public let name: String
        public let category: String
        /// The segment's user affinity index for it, and what it rests on.
        public let userIndex: Double
        public let usersLiking: Int
        /// The share of the segment's users who like it, and the same share over everyone (as `target`'s).
        public let userShare: Double
        public let populationUserShare: Double
        /// The user's own likes there (0: new to them).
        public let userLikes: Int
        public let reason: String
    }

    public let runID: Int64
    public let userID: Int64
    /// The user's segment, its name and size; null for a user with no likes (no segment).
    @JSONNullable public var segment: Int?
    @JSONNullable public var segmentName: String?
    @JSONNullable public var segmentUsers: Int?
    /// 'fitted' by the run, or 'assigned' later.
    @JSONNullable public var method: String?
    /// Distance to the segment's centroid (PCA units).
    @JSONNullable public var distance: Double?
    /// "segment affinity", or "popular" for a user with no likes: the population's most liked interests.
    public let basis: String
    public let interests: [Interest]
    public let suggestions: [Suggestion]
    public let minIndex: Double
    public let minSupport: Int
    /// Whether interests the user already likes may be suggested.
    public let includeLiked: Bool
    /// No new interest reaches `minIndex`: the suggestions are the best new ones by the segment's index.
    public let belowMinIndex: Bool
    /// "stored by `warehouse target` at <time>" or "computed now".
    public let affinitySource: String

    public func json() throws -> String { try Format.json(self) }

    public func render() -> String {
        typealias F = Format
        guard let segment else {
            var lines = ["user \(userID): no likes yet, so no segment in run \(runID)",
                         "suggesting the population's most popular interests instead (flagged: not personalised)"]
            var table = TextTable([("#", .right), ("subcategory", .left), ("category", .left), ("% of everyone", .right), ("liking", .right)])
            for suggestion in suggestions {
                table.append([String(suggestion.rank), suggestion.name, suggestion.category, F.percent(suggestion.populationUserShare),
                              F.count(suggestion.usersLiking)])
            }
            lines.append(contentsOf: table.lines(indent: "  "))
            return lines.joined(separator: "\n")
        }
        var lines = F.wrapped(["user \(userID): segment \(segment)" + (segmentName.map { " '\(F.printable($0))'" } ?? "")
                               + " of run \(runID) (\(method ?? F.absent), distance \(F.fixed(distance, 3));",
                               "\(F.plural(segmentUsers ?? 0, "user")) in the segment)"], lead: "", separator: " ", indent: "  ")
        lines += F.wrapped(["affinity \(affinitySource)" + (includeLiked ? "" : ";"),
                            includeLiked ? "" : "only interests new to the user (--include-liked for all)"].filter { !$0.isEmpty },
                           lead: "", separator: " ", indent: "  ")
        if interests.isEmpty {
            lines.append("own interests: none (no likes)")
        } else {
            lines += F.wrapped(interests.map { "\($0.name) \(F.count($0.likes)) (\(F.percent($0.share)))" },
                               lead: "own interests: ", indent: "  ")
        }
        lines += F.wrapped(["users index = 100 × the share of segment \(segment) who like it ÷ the share of everyone (100: like everyone)",
                            "liking: users of the segment who like it", "--json gives each suggestion's reason"],
                           lead: "", separator: "; ", indent: "  ")
        guard !suggestions.isEmpty else {
            lines.append("advertise: nothing" + (includeLiked ? "" : " new to the user") + " in segment \(segment) reaches users index "
                         + "\(F.index(minIndex)) with \(F.plural(minSupport, "user")) or more")
            return lines.joined(separator: "\n")
        }
        lines.append(belowMinIndex ? "advertise (nothing new reaches users index \(F.index(minIndex)); the best new ones by index):"
                                   : "advertise:")
        var table = TextTable([("#", .right), ("subcategory", .left), ("category", .left), ("users index", .right),
                               ("liking", .right), ("% seg", .right), ("% all", .right), ("your likes", .right)])
        for suggestion in suggestions {
            table.append([String(suggestion.rank), suggestion.name, suggestion.category, F.index(suggestion.userIndex),
                          F.count(suggestion.usersLiking), F.percent(suggestion.userShare), F.percent(suggestion.populationUserShare),
                          suggestion.userLikes > 0 ? F.count(suggestion.userLikes) : "new to you"])
        }
        lines.append(contentsOf: table.lines(indent: "  "))
        return lines.joined(separator: "\n")
    }
}
