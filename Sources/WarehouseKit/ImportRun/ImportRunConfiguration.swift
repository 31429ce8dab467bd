import Analysis
import WarehouseTables

/// Settings of one `warehouse import-run`.
public struct ImportRunConfiguration: Sendable {
    /// The result directory: `meta.json` and the assignments (see `EngineResult`).
    public var directory: String
    /// Number the segments like this earlier run's; nil: segment 1 is the largest.
    public var alignTo: Int64?
    /// Rows the silhouette is computed on (a seeded sample beyond).
    public var silhouetteSampleSize: Int = 10_000
    /// Default: the online processors, capped at the 256 `validate()` allows, so a default never
    /// fails as if `--threads` had been given.
    public var threads: Int = min(Parallelism.activeProcessorCount, 256)

    public init(directory: String, alignTo: Int64? = nil) {
        self.directory = directory
        self.alignTo = alignTo
    }

    public func validate() throws {
        guard !directory.isEmpty else { throw WarehouseError.invalidArgument("the result directory must not be empty") }
        if let alignTo, alignTo < 1 { throw WarehouseError.invalidArgument("--align-to must be a run id ≥ 1, got \(alignTo)") }
        guard silhouetteSampleSize >= 2, silhouetteSampleSize <= 100_000 else {
            throw WarehouseError.invalidArgument("--silhouette-sample must be between 2 and 100000, got \(silhouetteSampleSize)")
        }
        guard threads >= 1, threads <= 256 else { throw WarehouseError.invalidArgument("--threads must be between 1 and 256, got \(threads)") }
    }
}
