import WarehouseTables

/// What `warehouse info` shows: the schema version, row counts, the seed batches and the
/// segmentation runs, all read in ONE snapshot (a seed or a run committing meanwhile is either
/// wholly counted or not at all).
public struct WarehouseInfo: Sendable {
    public struct SeedBatch: Sendable {
        public let id: Int64, seed: Int64, users: Int64, firstUserID: Int64, lastUserID: Int64
        public let likeRows: Int64, generatorVersion: Int64, createdAt: String
    }

    /// One segmentation run, as `segmentation_runs` stores it.
    public struct Run: Sendable {
        public let id: Int64
        /// ISO 8601 UTC.
        public let createdAt: String
        public let k: Int
        public let components: Int
        public let features: String
        public let users: Int
        public let inertia: Double
        public let silhouette: Double?
        public let suggestedK: Int?
        /// Adjusted Rand index against the planted personas.
        public let ari: Double?
    }

    public let path: String
    public let schemaVersion: Int
    public let sqliteVersion: String
    /// (table, rows) for every table of the schema, in schema order.
    public let tableCounts: [(table: String, rows: Int64)]
    public let seedBatches: [SeedBatch]
    /// Every segmentation run, oldest first (empty before the first run).
    public let runs: [Run]

    public static func read(_ store: WarehouseStore) throws -> WarehouseInfo {
        try store.snapshot {
            let connection = store
            let counts = try SchemaCounts.read(connection)
            let batches = try SeedBatchesTable.all(connection).map {
                SeedBatch(id: $0.id, seed: $0.seed, users: $0.users, firstUserID: $0.firstUserID, lastUserID: $0.lastUserID,
                          likeRows: $0.likeRows, generatorVersion: $0.generatorVersion, createdAt: $0.createdAt)
            }
            let runs = try RunRecord.all(from: connection).map {
                Run(id: $0.id, createdAt: $0.createdAt, k: $0.k, components: $0.components, features: $0.features, users: $0.users,
                    inertia: $0.inertia, silhouette: $0.silhouette, suggestedK: $0.suggestedK, ari: $0.ari)
            }
            return WarehouseInfo(path: store.path, schemaVersion: try store.schemaVersion(), sqliteVersion: WarehouseStore.libraryVersion,
                                 tableCounts: counts, seedBatches: batches, runs: runs)
        }
    }
}

extension WarehouseInfo {
    /// The number of users in the warehouse.
    public static func userCount(_ store: WarehouseStore) throws -> Int {
        try store.snapshot { try UsersTable.count(store) }
    }
}
