/// What a silhouette was computed over, in words: every clustered user, or a seeded sample.
public enum SilhouetteBasis {
    /// "over all 2,938 users" when `rows` covers every user (or is unknown); else
    /// "on a seeded sample of 10,000 of 1,000,000 users".
    public static func text(rows: Int?, users: Int) -> String {
        guard let rows, rows < users else { return "over all \(Format.plural(users, "user"))" }
        return "on a seeded sample of \(Format.count(rows)) of \(Format.plural(users, "user"))"
    }
}
