import WarehouseTables

/// Settings of one `warehouse report`.
public struct ReportConfiguration: Sendable, Equatable {
    /// The run whose segmentation is shown.
    public var run: RunSelector
    /// Users drawn (without replacement, seeded) for the three scatter plots. The page grows by
    /// about 40 bytes per point per scatter plus ≈ 50 bytes of data per user, so 4,000 users cost
    /// ≈ 680 KB in all (0.92 MB pages at 1M users).
    public var sampleSize: Int
    /// Seed of the user sample: the same seed and warehouse give the same page, byte for byte.
    public var seed: UInt64
    /// `--age`, `--gender`, `--country`: the page is of the users this passes (population,
    /// the segments' members and composition, the sample); empty: every user.
    public var filter = UserFilter()

    /// Largest accepted `sampleSize`: 15,000 users (three scatter plots and their data for the
    /// interactive views) keep the page under 3 MB (2.96 MB measured at 1M users with the phone copies of every chart, 2026-12-02).
    public static let maximumSampleSize = 15_000

    public init(run: RunSelector = .latest, sampleSize: Int = 4_000, seed: UInt64 = 42) {
        self.run = run
        self.sampleSize = sampleSize
        self.seed = seed
    }

    /// Checks the settings before the warehouse is read.
    public func validate() throws {
        guard sampleSize >= 1, sampleSize <= Self.maximumSampleSize else {
            throw WarehouseError.invalidArgument(
                "--sample must be between 1 and \(Self.maximumSampleSize), got \(sampleSize)")
        }
    }
}
