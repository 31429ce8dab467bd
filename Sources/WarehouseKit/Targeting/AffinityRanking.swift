/// What orders a segment's interests in `target`.
public enum AffinityRanking: String, CaseIterable, Sendable, Encodable {
    /// By the warehouse's one affinity, `Affinity.lift` (`Lift`): how many times as likely as
    /// everyone the segment's users are to like it, shrunk by 100 users. The default.
    case lift
    /// By `likeIndex`: how much larger its part of the segment's likes is (the analyst's view of
    /// the interest mix; it ranks rare interests high).
    case likes

    /// The ranking named `text`: its raw value, or "users" (the name `--by` had for the lift's
    /// unshrunk ratio before there was one affinity) for `lift`.
    public init?(name text: String) {
        if text == "users" { self = .lift; return }
        self.init(rawValue: text)
    }

    /// Highest first; an undefined one last; then larger support, then lower id. Deterministic:
    /// equal inputs give equal orders.
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

    /// The ranked figure on the index scale (100 = like everyone): 100 × lift, or the likes index.
    public func index(_ affinity: Affinity) -> Double? {
        self == .lift ? affinity.lift.map { 100 * $0 } : affinity.likeIndex
    }

    /// The count the figure rests on: users liking, or likes.
    public func support(_ affinity: Affinity) -> Int {
        self == .lift ? affinity.usersLiking : affinity.likes
    }
}
