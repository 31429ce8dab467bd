/// What `warehouse recommend` says about one user: their segment, their own top interests, and
/// the subcategories to advertise to them, highest predicted share of their next likes first,
/// each with its reason. Text (`render()`) or JSON (`json()`).
public struct RecommendSummary: Sendable, Encodable {
    /// One of the user's own interests (all-time likes).
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
        /// The predicted share of the user's next positive interactions in it (the ranking).
        public let predictedShare: Double
        /// What the user's segments alone predict (their membership-weighted mean share).
        public let segmentPrior: Double
        /// The user's own share of their counts there (as the run counts them); 0 without counts.
        public let ownShare: Double
        /// The user's own all-time likes there (0: new to them).
        public let userLikes: Int
        /// Their segment's lift for it (the one affinity, `segment_profiles.lift`); null for a
        /// user the run has not placed.
        @JSONNullable public var segmentLift: Double?
        public let reason: String
    }

    public let runID: Int64
    public let userID: Int64
    /// The user's segment in the run, its name and size; null for a user the run has not placed.
    @JSONNullable public var segment: Int?
    @JSONNullable public var segmentName: String?
    @JSONNullable public var segmentUsers: Int?
    /// 'fitted' by the run, or 'assigned' later.
    @JSONNullable public var method: String?
    /// Distance to the segment's centroid (PCA units).
    @JSONNullable public var distance: Double?
    /// "history and segments", or "age group prior" for a user with no counts (not personalised).
    public let basis: String
    public let interests: [Interest]
    public let suggestions: [Suggestion]
    /// Whether interests the user already likes may be suggested.
    public let includeLiked: Bool
    /// "stored with run R", or "computed now" for a run made before models were stored.
    public let modelSource: String
    /// The run's window (null: all-time likes).
    @JSONNullable public var window: String?

    public func json() throws -> String { try Format.json(self) }

    public func render() -> String {
        typealias F = Format
        var lines: [String] = []
        if let segment {
            lines += F.wrapped(["user \(userID): segment \(segment)" + (segmentName.map { " '\(F.printable($0))'" } ?? "")
                                + " of run \(runID) (\(method ?? F.absent), distance \(F.fixed(distance, 3));",
                                "\(F.plural(segmentUsers ?? 0, "user")) in the segment)"], lead: "", separator: " ", indent: "  ")
        } else {
            lines.append("user \(userID): not placed by run \(runID) (`warehouse assign` places them); predicted from their own counts")
        }
        if basis != "history and segments" {
            lines.append("no likes to go by (none \(window == nil ? "yet" : "in the run's window")): suggesting what users of their age "
                         + "like next (flagged: not personalised)")
        }
        lines += F.wrapped(["model \(modelSource)" + (window.map { "; counts \(F.printable($0))" } ?? "") + ";",
                            includeLiked ? "interests the user likes included" : "only interests new to the user (--include-liked for all)"],
                           lead: "", separator: " ", indent: "  ")
        if interests.isEmpty {
            lines.append("own interests: none (no likes)")
        } else {
            lines += F.wrapped(interests.map { "\($0.name) \(F.count($0.likes)) (\(F.percent($0.share)))" },
                               lead: "own interests: ", indent: "  ")
        }
        guard !suggestions.isEmpty else {
            lines.append("advertise: nothing" + (includeLiked ? "" : " new to the user: they like every subcategory"))
            return lines.joined(separator: "\n")
        }
        lines += F.wrapped(["advertise, by the predicted share of the user's next likes", "segments: what people like them like",
                            "segment lift: how many times as likely as everyone their segment is to like it",
                            "--json gives each suggestion's reason"], lead: "", separator: "; ", indent: "  ")
        var table = TextTable([("#", .right), ("subcategory", .left), ("category", .left), ("predicted", .right),
                               ("segments", .right), ("own", .right), ("your likes", .right), ("segment lift", .right)])
        for suggestion in suggestions {
            table.append([String(suggestion.rank), F.printable(suggestion.name), F.printable(suggestion.category),
                          F.percent(suggestion.predictedShare), F.percent(suggestion.segmentPrior), F.percent(suggestion.ownShare),
                          suggestion.userLikes > 0 ? F.count(suggestion.userLikes) : "new to you", F.lift(suggestion.segmentLift)])
        }
        lines.append(contentsOf: table.lines(indent: "  "))
        return lines.joined(separator: "\n")
    }
}
