import WarehouseTables

/// Settings of one `warehouse recommend`.
public struct RecommendOptions: Sendable, Equatable {
    public var run: RunSelector = .latest
    /// The user to recommend to; nil with `all`.
    public var userID: Int64?
    /// Subcategories to suggest at most (per user).
    public var top: Int = 5
    /// Also suggest what the user already likes; by default only interests new to the user.
    public var includeLiked = false
    /// Every user, into the CSV file `out`.
    public var all = false
    public var out: String?
    /// Replace an existing `out`.
    public var force = false
    /// With `all`: only the users this passes get rows; empty: every user. Not with `userID`.
    public var filter = UserFilter()

    public init(userID: Int64?) {
        self.userID = userID
    }

    public func validate() throws {
        guard top >= 1, top <= 1_000 else { throw WarehouseError.invalidArgument("--top must be between 1 and 1000, got \(top)") }
        if all {
            guard userID == nil else { throw WarehouseError.invalidArgument("give --user or --all, not both") }
            guard let out, !out.isEmpty else { throw WarehouseError.invalidArgument("--all needs --out FILE for the CSV of every user's suggestions") }
        } else {
            guard let userID else { throw WarehouseError.invalidArgument("recommend needs --user <id>, or --all --out FILE") }
            guard userID >= 1 else { throw WarehouseError.invalidArgument("--user must be a user id ≥ 1, got \(userID)") }
            if out != nil { throw WarehouseError.invalidArgument("--out goes with --all (every user into one file)") }
            if !filter.isEmpty {
                throw WarehouseError.invalidArgument("\(filter) goes with --all (it chooses which users get rows); --user \(userID) names one user")
            }
        }
    }
}
