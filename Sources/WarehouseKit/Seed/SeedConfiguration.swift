import WarehouseTables

/// What one `warehouse seed` call does.
public struct SeedConfiguration: Sendable {
    /// How many users to add, 1 … `maximumUsers`.
    public var users: Int
    /// The generator seed: the same seed and generator version give identical rows.
    public var seed: UInt64
    /// Add to a warehouse that already has users (new ids continue after the largest one).
    public var append: Bool
    /// Users generated and written per batch: bounds memory whatever `users` is.
    public var batchSize: Int

    /// A billion users is far beyond one SQLite file's comfortable size; refuse rather than run for hours.
    public static let maximumUsers = 1_000_000_000

    public init(users: Int = 10_000, seed: UInt64 = 42, append: Bool = false, batchSize: Int = 10_000) {
        self.users = users
        self.seed = seed
        self.append = append
        self.batchSize = batchSize
    }

    public func validate() throws {
        guard users >= 1 else {
            throw WarehouseError.invalidArgument("--users must be at least 1, got \(users)")
        }
        guard users <= Self.maximumUsers else {
            throw WarehouseError.invalidArgument("--users must be at most \(Self.maximumUsers), got \(users)")
        }
        guard seed <= UInt64(Int64.max) else {
            throw WarehouseError.invalidArgument("--seed must be between 0 and \(Int64.max), got \(seed)")
        }
        guard batchSize >= 1 else {
            throw WarehouseError.invalidArgument("batch size must be at least 1, got \(batchSize)")
        }
    }
}
