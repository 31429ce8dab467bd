/// Settings of one `warehouse report`.
public struct ReportConfiguration: Sendable, Equatable {
    /// The run whose segmentation is shown.
    public var run: RunSelector
    /// Users drawn (without replacement, seeded) for the two PCA scatter plots. The page grows by
    /// about 40 bytes per point per scatter, so 4,000 points cost ≈ 320 KB in all.
    public var sampleSize: Int
    /// Seed of the user sample: the same seed and warehouse give the same page, byte for byte.
    public var seed: UInt64

    /// Largest accepted `sampleSize`: 20,000 points per scatter keep the page under ≈ 2 MB.
    public static let maximumSampleSize = 20_000

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
