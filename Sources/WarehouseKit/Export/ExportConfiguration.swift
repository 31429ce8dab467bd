import Analysis
import WarehouseTables

/// Settings of one `warehouse export`.
public struct ExportConfiguration: Sendable {
    /// The directory to create (must not exist, or be empty).
    public var directory: String
    /// The run whose features, scaling and settings to export; nil: the default settings.
    public var run: RunSelector?
    /// Users read and turned into features at a time: bounds memory (≈ 100 bytes per user).
    public var chunkUsers: Int = 65_536
    public var threads: Int = min(Parallelism.activeProcessorCount, 256)

    public init(directory: String, run: RunSelector? = nil) {
        self.directory = directory
        self.run = run
    }

    public func validate() throws {
        guard !directory.isEmpty else { throw WarehouseError.invalidArgument("--out must not be empty") }
        guard chunkUsers >= 1 else { throw WarehouseError.invalidArgument("the chunk size must be at least 1 user, got \(chunkUsers)") }
        guard threads >= 1, threads <= 256 else { throw WarehouseError.invalidArgument("--threads must be between 1 and 256, got \(threads)") }
    }
}
