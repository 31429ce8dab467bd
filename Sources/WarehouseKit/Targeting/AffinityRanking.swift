/// Which affinity index orders a segment's interests.
public enum AffinityRanking: String, CaseIterable, Sendable, Encodable {
    /// By `userIndex`: how much more likely the segment's users are to like it at all.
    case users
    /// By `likeIndex`: how much larger its part of the segment's likes is.
    case likes

    /// Highest index first; an undefined index last; then larger support, then lower id.
    /// Deterministic: equal inputs give equal orders.
    public func ranked(_ affinities: [Affinity]) -> [Affinity] {
        affinities.sorted { a, b in
            let (x, y) = (index(a), index(b))
            if x != y {
                guard let x else { return false }
                guard let y else { return true }
                return x > y
            }
            if support(a) != support(b) { return support(a) > support(b) }
            return a.id < b.id
        }
    }

    public func index(_ affinity: Affinity) -> Double? {
        self == .users ? affinity.userIndex : affinity.likeIndex
    }

    /// The count the index rests on: users liking, or likes.
    public func support(_ affinity: Affinity) -> Int {
        self == .users ? affinity.usersLiking : affinity.likes
    }
}
