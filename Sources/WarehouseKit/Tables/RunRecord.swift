import Storage

/// One row of `segmentation_runs`: the settings and scores of a run, as stored.
struct RunRecord: Sendable, Equatable {
    let id: Int64
    /// ISO 8601 UTC, as written by SQLite when the run was stored.
    let createdAt: String
    let k: Int
    let components: Int
    let features: String
    let featureCount: Int
    let seed: Int64
    let nInit: Int
    let maxIterations: Int
    let tolerance: Double
    let users: Int
    let usersWithoutLikes: Int
    let maxUserID: Int64
    let inertia: Double
    let iterations: Int
    let silhouette: Double?
    let silhouetteSample: Int?
    let suggestedK: Int?
    /// Share of the standardised features' variance kept by the components, 0…1.
    let explainedVariance: Double
    /// Adjusted Rand index against the planted personas (nil: not every user had one).
    let ari: Double?
    let alignedTo: Int64?
    let threads: Int
    let seconds: Double
    /// What computed the run: 'warehouse', or the engine of an imported run (e.g. 'spark').
    let engine: String

    static let columns = """
        id, created_at, k, n_components, features, feature_count, seed, n_init, max_iter, tol, users, \
        users_without_likes, max_user_id, inertia, iterations, silhouette, silhouette_sample, suggested_k, \
        explained_variance, ari, aligned_to, threads, seconds, engine
        """

    /// The run with `id`, nil when there is none.
    static func read(id: Int64, from connection: Connection) throws -> RunRecord? {
        guard let row = try connection.rows("SELECT \(columns) FROM segmentation_runs WHERE id = ?", [.integer(id)]).first else {
            return nil
        }
        func int(_ index: Int) -> Int { Int(row[index].int64 ?? 0) }
        func real(_ index: Int) -> Double { row[index].double ?? .nan }
        return RunRecord(
            id: row[0].int64 ?? id, createdAt: row[1].string ?? "", k: int(2), components: int(3),
            features: row[4].string ?? "", featureCount: int(5), seed: row[6].int64 ?? 0, nInit: int(7),
            maxIterations: int(8), tolerance: real(9), users: int(10), usersWithoutLikes: int(11),
            maxUserID: row[12].int64 ?? 0, inertia: real(13), iterations: int(14), silhouette: row[15].double,
            silhouetteSample: row[16].int64.map { Int($0) }, suggestedK: row[17].int64.map { Int($0) },
            explainedVariance: real(18), ari: row[19].double, alignedTo: row[20].int64, threads: int(21),
            seconds: real(22), engine: row[23].string ?? "warehouse")
    }

    /// The id a selector names: the largest id for `.latest` (nil when there is no run), the id
    /// itself when that run exists.
    /// - Throws: `WarehouseError.noSuchRun` for an id that is not in `segmentation_runs`.
    static func resolve(_ selector: RunSelector, in connection: Connection) throws -> Int64? {
        switch selector {
        case .latest:
            return try connection.scalar("SELECT max(id) FROM segmentation_runs")?.int64
        case .id(let id):
            guard try connection.scalar("SELECT 1 FROM segmentation_runs WHERE id = ?", [.integer(id)]) != nil else {
                throw WarehouseError.noSuchRun(String(id))
            }
            return id
        }
    }
}
