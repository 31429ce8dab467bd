/// What `warehouse pipeline` does: seed `users` users (into a warehouse without users), segment
/// into `k` segments with `seed`, write the report to `out`.
public struct PipelineConfiguration: Sendable {
    public var users = 10_000
    /// Seed of the generator and of the segmentation.
    public var seed: UInt64 = 42
    public var k = 4
    /// The HTML report to write.
    public var out = "report.html"

    public init() {}

    var seeding: SeedConfiguration { SeedConfiguration(users: users, seed: seed) }

    var segmentation: SegmentationConfiguration {
        var configuration = SegmentationConfiguration()
        configuration.k = k
        configuration.seed = seed
        return configuration
    }

    /// - Throws: `WarehouseError.invalidArgument` naming the first bad value.
    public func validate() throws {
        if out.isEmpty { throw WarehouseError.invalidArgument("--out must not be empty") }
        try seeding.validate()
        try segmentation.validate()
    }
}
