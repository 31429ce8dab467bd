/// What `warehouse recommend` says about one user: their segment, their own top interests, and
/// the subcategories to advertise to them (highest user affinity index in their segment first,
/// each with its reason). Text (`render()`) or JSON (`json()`).
public struct Recommendation: Sendable, Encodable {
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
        public let segmentShare: Double
        public let populationShare: Double
        /// The user's own likes there (0: new to them).
        public let userLikes: Int
        public let reason: String
    }

    public let runID: Int64
    public let userID: Int64
    public let segment: Int
    public let segmentUsers: Int
    /// 'fitted' by the run, or 'assigned' later.
    public let method: String
    /// Distance to the segment's centroid (PCA units).
    public let distance: Double
    public let interests: [Interest]
    public let suggestions: [Suggestion]
    public let minIndex: Double
    public let minSupport: Int
    /// "stored by `warehouse target` at <time>" or "computed now".
    public let affinitySource: String

    public func json() throws -> String { try Format.json(self) }

    public func render() -> String {
        typealias F = Format
        var lines = ["user \(userID): segment \(segment) of run \(runID) (\(method), distance \(F.fixed(distance, 3)); "
                     + "\(F.plural(segmentUsers, "user")) in the segment)",
                     "affinity \(affinitySource)"]
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
            lines.append("advertise: nothing in segment \(segment) reaches users index \(F.index(minIndex)) "
                         + "with \(F.plural(minSupport, "user")) or more")
            return lines.joined(separator: "\n")
        }
        lines.append("advertise:")
        var table = TextTable([("#", .right), ("subcategory", .left), ("category", .left), ("users index", .right),
                               ("liking", .right), ("% seg", .right), ("% all", .right), ("your likes", .right)])
        for suggestion in suggestions {
            table.append([String(suggestion.rank), suggestion.name, suggestion.category, F.index(suggestion.userIndex),
                          F.count(suggestion.usersLiking), F.percent(suggestion.segmentShare), F.percent(suggestion.populationShare),
                          suggestion.userLikes > 0 ? F.count(suggestion.userLikes) : "new to you"])
        }
        lines.append(contentsOf: table.lines(indent: "  "))
        return lines.joined(separator: "\n")
    }
}
