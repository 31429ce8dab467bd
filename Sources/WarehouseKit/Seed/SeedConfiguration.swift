import Population
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
    /// Days of interactions (likes, comments, shares, searches with timestamps) ending at `asOf`;
    /// 0: all-time likes only, without timestamps (generator v1).
    public var days: Int
    /// The end of the interactions' period, Unix seconds.
    public var asOf: Int64

    /// 365 days: a year of interactions.
    public static let defaultDays = 365
    /// 2026-11-30T23:59:59Z: a fixed moment, so the same seed gives the same rows on any day
    /// (`PopulationModel.defaultAsOf`, also the day of the dates of birth with `days` 0).
    public static let defaultAsOf: Int64 = PopulationModel.defaultAsOf

    /// The dynamics of the interactions; nil with `days` 0.
    public var timeline: InteractionModel? {
        days > 0 ? InteractionModel(days: days, asOf: asOf) : nil
    }

    /// A billion users is far beyond one SQLite file's comfortable size; refuse rather than run for hours.
    public static let maximumUsers = 1_000_000_000

    public init(users: Int = 10_000, seed: UInt64 = 42, append: Bool = false, batchSize: Int = 10_000,
                days: Int = SeedConfiguration.defaultDays, asOf: Int64 = SeedConfiguration.defaultAsOf) {
        self.days = days
        self.asOf = asOf
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
        guard (0...InteractionModel.maximumDays).contains(days) else {
            throw WarehouseError.invalidArgument("--days must be between 0 and \(InteractionModel.maximumDays), got \(days)")
        }
        if days > 0 {
            guard asOf - Int64(days) * CivilCalendar.secondsPerDay >= 0, asOf <= TimeText.latest else {
                throw WarehouseError.invalidArgument(
                    "--days \(days) before --as-of \(CivilCalendar.isoDateTime(ofSecond: max(0, asOf))) would start before 1970-01-01")
            }
        }
        guard batchSize >= 1 else {
            throw WarehouseError.invalidArgument("batch size must be at least 1, got \(batchSize)")
        }
    }
}
