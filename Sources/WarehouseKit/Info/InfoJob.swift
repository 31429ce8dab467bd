import Population
import WarehouseTables

/// `warehouse info`: the schema version, row counts, the seed batches and the segmentation
/// runs, all read in ONE snapshot (a seed or a run committing meanwhile is either wholly
/// counted or not at all).
public enum InfoJob {
    public static func run(store: WarehouseStore) throws -> InfoSummary {
        try store.snapshot {
            let counts = try SchemaCounts.read(store)
            let batches = try SeedBatchesTable.all(store).map {
                InfoSummary.SeedBatch(id: $0.id, seed: $0.seed, users: $0.users, firstUserID: $0.firstUserID,
                                      lastUserID: $0.lastUserID, likeRows: $0.likeRows,
                                      generatorVersion: $0.generatorVersion, createdAt: $0.createdAt)
            }
            let runs = try RunRecord.all(from: store).map { run in
                InfoSummary.Run(id: run.id, createdAt: run.createdAt, k: Int64(run.k), components: Int64(run.components),
                                featureSets: run.features, users: Int64(run.users), inertia: run.inertia,
                                silhouette: run.silhouette, suggestedK: run.suggestedK.map { Int64($0) }, adjustedRandIndex: run.ari,
                                window: run.window?.description)
            }
            var interactions: InfoSummary.Interactions?
            if let span = try InteractionsTable.span(store) {
                let rules = Dictionary(try InteractionKindsTable.read(store).map { ($0.name, $0.minValue) }, uniquingKeysWith: { first, _ in first })
                interactions = InfoSummary.Interactions(
                    first: CivilCalendar.isoDateTime(ofSecond: span.lowerBound), last: CivilCalendar.isoDateTime(ofSecond: span.upperBound),
                    kinds: try InteractionsTable.countsByKind(store).map {
                        InfoSummary.InteractionKind(kind: $0.kind, rows: $0.rows, minValue: rules[$0.kind] ?? nil)
                    },
                    packed: try InteractionPacks.areCurrent(store))
            }
            return InfoSummary(database: store.path, schemaVersion: try store.schemaVersion(), sqliteVersion: WarehouseStore.libraryVersion,
                               tables: counts.map { InfoSummary.Table(table: $0.table, rows: $0.rows) },
                               seedBatches: batches, runs: runs, interactions: interactions)
        }
    }
}
