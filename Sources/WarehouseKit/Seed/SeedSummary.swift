/// What one seed call wrote, as `warehouse seed` prints it: text (`render()`) or JSON (`json()`).
public struct SeedSummary: Sendable, Equatable, Encodable {
    public let database: String
    public let batchID: Int64
    public let users: Int
    public let firstUserID: Int64
    public let lastUserID: Int64
    public let likeRows: Int
    /// Interaction rows (likes, comments, shares, searches with their moments).
    public let interactions: Int
    public let seconds: Double
    /// User, like and persona rows written per second of wall time.
    public let rowsPerSecond: Double

    init(database: String, batchID: Int64, firstUserID: Int64, lastUserID: Int64, users: Int, likeRows: Int, interactions: Int = 0, seconds: Double) {
        self.interactions = interactions
        self.database = database
        self.batchID = batchID
        self.users = users
        self.firstUserID = firstUserID
        self.lastUserID = lastUserID
        self.likeRows = likeRows
        self.seconds = seconds
        // User rows plus like rows plus persona rows plus interaction rows.
        rowsPerSecond = seconds > 0 ? Double(2 * users + likeRows + interactions) / seconds : 0
    }

    public func json() throws -> String { try Format.json(self) }

    /// "seeded 3,000 users (ids 1–3,000), 23,335 like rows, 255,012 interactions in 0.1 s (274,413 rows/s) into w.sqlite".
    public func render() -> String {
        typealias F = Format
        return F.wrapped(["seeded \(F.plural(users, "user")) (ids \(F.count(firstUserID))–\(F.count(lastUserID))),",
                          "\(F.plural(likeRows, "like row"))" + (interactions > 0 ? ", \(F.plural(interactions, "interaction"))" : "")
                            + " in \(F.seconds(seconds)) (\(F.rate(rowsPerSecond)) rows/s)",
                          "into \(database)"], lead: "", separator: " ", indent: "  ").joined(separator: "\n")
    }
}
