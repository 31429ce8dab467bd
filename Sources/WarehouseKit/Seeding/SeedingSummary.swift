/// What `warehouse seed` prints about one seed call: text (`render()`) or JSON (`json()`).
public struct SeedingSummary: Sendable, Encodable {
    public let database: String
    public let batchID: Int64
    public let users: Int
    public let firstUserID: Int64
    public let lastUserID: Int64
    public let likeRows: Int
    public let seconds: Double
    /// User, like and persona rows written per second of wall time.
    public let rowsPerSecond: Double

    public init(_ summary: SeedSummary, database: String) {
        self.database = database
        batchID = summary.batchID
        users = summary.users
        firstUserID = summary.firstUserID
        lastUserID = summary.lastUserID
        likeRows = summary.likeRows
        seconds = summary.seconds
        rowsPerSecond = summary.rowsPerSecond
    }

    public func json() throws -> String { try Format.json(self) }

    /// "seeded 3,000 users (ids 1–3,000), 23,335 like rows in 0.1 s (274,413 rows/s) into w.sqlite".
    public func render() -> String {
        typealias F = Format
        return F.wrapped(["seeded \(F.plural(users, "user")) (ids \(F.count(firstUserID))–\(F.count(lastUserID))),",
                          "\(F.plural(likeRows, "like row")) in \(F.seconds(seconds)) (\(F.rate(rowsPerSecond)) rows/s)",
                          "into \(database)"], lead: "", separator: " ", indent: "  ").joined(separator: "\n")
    }
}
