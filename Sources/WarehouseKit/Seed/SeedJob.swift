import Foundation
import Dispatch
import Population
import WarehouseTables
import WarehouseSupport

/// `warehouse seed`: generates users with the population model and writes them, their likes,
/// their interactions over time and their planted personas, in ONE transaction: a failed or
/// killed seed leaves the warehouse exactly as it was.
///
/// Speed: generation runs on background threads (`Prefetcher`) while this thread inserts with
/// multi-row statements. Interactions go to a spill file first (`InteractionSpill`) and are
/// written after the users in the table's key order, so SQLite appends them. When the new users
/// at least double the table, the unique indexes on `users` are dropped and rebuilt after the
/// load inside the same transaction (sorting once is about twice as fast as filling a B-tree in
/// random order); their SQL is read back from `sqlite_schema`, so the migrations stay the only
/// definition.
public enum SeedJob {
    /// Progress callback: (users written, users in this call).
    public typealias Progress = (Int, Int) -> Void

    public static func run(
        store: WarehouseStore,
        configuration: SeedConfiguration,
        model: PopulationModel = .standard,
        progress: Progress? = nil
    ) throws -> SeedSummary {
        try configuration.validate()
        // Refuse before taking the write lock; checked again inside the transaction.
        let existingBefore = try refuseIfSeeded(store: store, append: configuration.append)
        // A damaged file (on --append) and a seed the disk cannot hold are refused before any write.
        try SeedPreflight.check(store: store, configuration: configuration, existingUsers: existingBefore)
        let started = DispatchTime.now()
        return try store.write(bulk: true, rollbackJournal: writesOnce(store: store, existingUsers: existingBefore)) {
            // No trigger per row of the load; the packs are not current after it (see `InteractionPacks`).
            try InteractionPacks.duringBulkLoad(store) {
                let existing = try refuseIfSeeded(store: store, append: configuration.append)
                try CatalogueWriter.write(model, to: store)
                // New users must not adopt likes a hand edit left without their user.
                if let orphan = try UsersTable.orphanedLike(store) {
                    throw WarehouseError.brokenInvariant(
                        "user_likes has likes for user \(orphan), who is not in users; nothing was written (see `warehouse check`)")
                }
                let largestID = max(0, try UsersTable.largestID(store) ?? 0)
                // Strictly below, so `lastID + 1` (the end of the last batch) is an id too.
                guard largestID < Int64.max - Int64(configuration.users) else {
                    throw WarehouseError.brokenInvariant("users has a user with id \(largestID): no room for \(configuration.users) more ids")
                }
                let firstID = largestID + 1
                let lastID = firstID + Int64(configuration.users) - 1
                let batchID = try SeedBatchesTable.nextID(store)

                let rebuiltIndexes = configuration.users >= existing ? try UsersTable.dropIndexes(store) : []
                let timeline = configuration.timeline
                let keywords = timeline.map { timeline in
                    (0..<(model.subcategories.count * timeline.keywordModifiers.count)).map {
                        timeline.keyword($0, subcategoryNames: model.subcategories.map(\.name))
                    }
                } ?? []
                let writer = try UserBatchWriter(store: store, seedBatchID: batchID, keywords: keywords)
                let batchCount = (configuration.users + configuration.batchSize - 1) / configuration.batchSize
                let batchSize = configuration.batchSize
                let seed = configuration.seed
                let prefetcher = Prefetcher<UserBatch>(count: batchCount, depth: 3) { index in
                    let lower = firstID + Int64(index * batchSize)
                    let upper = lower + min(Int64(batchSize), lastID + 1 - lower)  // never past lastID + 1, never overflowing
                    var batch = UserBatch(reservingUsers: Int(upper - lower))
                    model.generate(seed: seed, ids: lower..<upper, timeline: timeline, into: &batch)
                    return batch
                }
                // Interactions wait in a spill file and are written after the users, in key order.
                let spill = try timeline.flatMap { timeline -> InteractionSpill? in
                    guard store.path != ":memory:", !store.path.isEmpty else { return nil }
                    let firstDay = (timeline.periodStart + 1) / CivilCalendar.secondsPerDay
                    let lastDay = timeline.asOf / CivilCalendar.secondsPerDay
                    return try InteractionSpill(directory: (store.path as NSString).deletingLastPathComponent, firstDay: firstDay,
                                                days: Int(lastDay - firstDay + 1))
                }
                var likeRows = 0
                var interactions = 0
                var written = 0
                for index in 0..<batchCount {
                    let batch = prefetcher.take(index)
                    try writer.write(batch, interactions: spill == nil)
                    try spill?.append(batch.interactions)
                    likeRows += batch.likeRowCount
                    interactions += batch.interactions.count
                    written += batch.userCount
                    progress?(written, configuration.users)
                }
                try spill?.forEachInKeyOrder { try writer.writeInteractions($0) }
                try UsersTable.recreateIndexes(rebuiltIndexes, store)
                try SeedBatchesTable.insert(
                    SeedBatchesTable.Row(id: batchID, seed: Int64(configuration.seed), users: Int64(configuration.users),
                                         firstUserID: firstID, lastUserID: lastID, likeRows: Int64(likeRows),
                                         generatorVersion: Int64(timeline == nil ? PopulationModel.generatorVersion : PopulationModel.timelineGeneratorVersion),
                                         createdAt: ""),
                    parameters: model.parametersDescription(timeline: timeline), into: store)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                return SeedSummary(database: store.path, batchID: batchID, firstUserID: firstID, lastUserID: lastID,
                                   users: configuration.users, likeRows: likeRows, interactions: interactions, seconds: seconds)
            }
        }
    }

    /// Whether the seed writes with a rollback journal (`WarehouseStore.write(rollbackJournal:)`):
    /// into the file this command created, which holds nothing to read and which a failure
    /// removes. Not into an existing file, even an empty one: switching its journal mode rewrites
    /// its header, so a failed seed would leave it not byte for byte as it was.
    static func writesOnce(store: WarehouseStore, existingUsers: Int) -> Bool {
        store.createdFile && existingUsers == 0
    }

    /// The number of users already there; throws when there are some and `append` is off.
    @discardableResult
    private static func refuseIfSeeded(store: WarehouseStore, append: Bool) throws -> Int {
        let existing = try UsersTable.count(store)
        if existing > 0 && !append {
            throw WarehouseError.alreadySeeded(path: store.path, users: existing)
        }
        return existing
    }
}
