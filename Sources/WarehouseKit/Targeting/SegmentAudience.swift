/// What `warehouse target` reports for one run: for each segment its audience (size, age
/// profile, personas) and its affinity for every subcategory and category.
///
/// The population is every user with a segment in the run (fitted or assigned); indexes compare
/// a segment with it (see `AffinityIndex`).
public struct TargetingReport: Sendable, Equatable, Encodable {
    public let runID: Int64
    public let k: Int
    /// Users with a segment in the run.
    public let populationUsers: Int
    /// Of them, assigned after the run (`warehouse assign`).
    public let assignedUsers: Int
    /// Segments 1…k in order.
    public let segments: [SegmentAudience]
}

/// One segment's audience and affinities. Lists are in catalogue order (`id` ascending); see
/// `ranked` for the order to show.
public struct SegmentAudience: Sendable, Equatable, Encodable {
    public let segment: Int
    public let users: Int
    public let assignedUsers: Int
    /// users / population users.
    public let share: Double
    /// nil for an empty segment.
    public let meanAge: Double?
    public let ageGroups: [GroupShare]
    /// Planted personas with at least one user in the segment.
    public let personas: [GroupShare]
    public let categories: [Affinity]
    public let subcategories: [Affinity]
}

/// A part of a segment (an age group, a persona): users, share of the segment's users, and the
/// affinity index of that share against the population's.
public struct GroupShare: Sendable, Equatable, Encodable {
    public let id: Int
    public let name: String
    public let users: Int
    public let share: Double
    /// `null` in JSON when undefined.
    @JSONNullable public private(set) var index: Double?
}

/// A segment's affinity for one interest (a subcategory or a category).
public struct Affinity: Sendable, Equatable, Encodable {
    /// Subcategory or category id.
    public let id: Int
    public let name: String
    /// The category (for a category, its own name).
    public let category: String
    /// Support: users of the segment with at least one like here.
    public let usersLiking: Int
    /// usersLiking / segment users.
    public let userShare: Double
    /// The same share over the population.
    public let populationUserShare: Double
    /// 100 · userShare / populationUserShare (see `AffinityIndex`): the lift without shrinkage, × 100.
    @JSONNullable public private(set) var userIndex: Double?
    /// The warehouse's one affinity (`Lift`): userShare shrunk toward populationUserShare by 100
    /// users, ÷ populationUserShare. What `target` ranks by (`--by lift`), what `name`, the report
    /// and `segment_profiles.lift` give for the same members.
    @JSONNullable public private(set) var lift: Double?
    /// Likes here by the segment's users.
    public let likes: Int
    /// likes / all the segment's likes.
    public let likeShare: Double
    public let populationLikeShare: Double
    /// 100 · likeShare / populationLikeShare.
    @JSONNullable public private(set) var likeIndex: Double?
}
