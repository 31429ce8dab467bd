import WarehouseTables

/// Settings of one `warehouse recommend`.
public struct RecommendOptions: Sendable, Equatable {
    public var run: RunSelector = .latest
    public var userID: Int64
    /// Subcategories to suggest at most.
    public var top: Int = 5
    /// Only subcategories whose user affinity index in the user's segment reaches this (100 =
    /// no more than everyone; the default asks for 20 % above).
    public var minIndex: Double = 120
    /// Only subcategories liked by at least this many users of the segment (the index's support).
    public var minSupport: Int = 30
    /// Also suggest what the user already likes (the behaviour before names and campaigns); by
    /// default only interests new to the user are suggested.
    public var includeLiked = false

    public init(userID: Int64) {
        self.userID = userID
    }

    public func validate() throws {
        guard top >= 1, top <= 1_000 else { throw WarehouseError.invalidArgument("--top must be between 1 and 1000, got \(top)") }
        guard minIndex.isFinite, minIndex >= 0 else {
            throw WarehouseError.invalidArgument("--min-index must be a finite number ≥ 0, got \(minIndex)")
        }
        guard minSupport >= 0 else { throw WarehouseError.invalidArgument("--min-support must be at least 0, got \(minSupport)") }
    }
}
