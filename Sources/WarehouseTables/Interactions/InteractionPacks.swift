import Storage

/// The packed copy of `interactions` that windowed reads use (migration 14): one SQLite row per
/// day and bucket of 4,096 user ids, holding that day's interactions of those users as 64-bit
/// words in the table's key order.
///
/// Why: a windowed read at a million users visits some 22 million rows, and SQLite's own cost
/// per row (stepping the VDBE, decoding a record, returning to the caller) is about as large as
/// everything else the read does, so no loop over `interactions`' rows gets near a columnar
/// engine. A pack is one SQLite row for about 950 interactions (a million users with a year of
/// ~85 each), and a read decodes its words in a tight loop.
///
/// Invariant: while `interaction_packs_current` has its row, the packs hold exactly the rows of
/// `interactions` (day, user, second, kind, subcategory, value), in key order. Triggers delete
/// that row on any change to either table; the warehouse's own bulk loads drop the triggers for
/// their transaction (`duringBulkLoad`) and delete the row themselves. `refresh` builds the packs
/// again; readers fall back to `interactions` when they are not current. Everything read from a
/// pack is range-checked as a row of `interactions` would be.
package enum InteractionPacks {
    /// A pack holds the user ids with the same `user_id >> bucketBits`.
    package static let bucketBits = 12
    /// The user ids that are packed (buckets 0 … 2^29 − 1); a warehouse with another is not.
    package static let users: ClosedRange<Int64> = 0...((1 << 41) - 1)
    /// The buckets of `users`.
    package static let buckets: ClosedRange<Int64> = 0...((1 << 29) - 1)
    /// The largest subcategory id a word holds (18 bits); a warehouse with a larger one is not packed.
    package static let largestSubcategory: Int64 = (1 << 18) - 1

    /// The pack's rowid: day · 2^29 + bucket, so a day's buckets are one rowid range.
    package static func key(day: Int64, bucket: Int64) -> Int64 {
        day << 29 | bucket
    }

    /// One interaction as a word: second in bits 0–16, `user_id & 4095` in bits 17–28, kind id in
    /// bits 29–45, subcategory id in bits 46–63. Nil when a value does not fit (a user id outside
    /// `users`, a kind id above 131,071, a subcategory id above `largestSubcategory`).
    package static func word(second: Int64, user: Int64, kind: Int64, subcategory: Int64) -> UInt64? {
        guard (0...86_399).contains(second), users.contains(user), (0...0x1FFFF).contains(kind),
              (0...largestSubcategory).contains(subcategory) else { return nil }
        return UInt64(second) | UInt64(user & 4_095) << 17 | UInt64(kind) << 29 | UInt64(subcategory) << 46
    }

    /// The fields of `word` (see `word(second:user:kind:subcategory:)`); the user is
    /// `bucket << 12 | offset`.
    @inline(__always)
    package static func fields(_ word: UInt64) -> (second: Int64, offset: Int64, kind: Int64, subcategory: Int64) {
        (Int64(word & 0x1FFFF), Int64((word >> 17) & 4_095), Int64((word >> 29) & 0x1FFFF), Int64(word >> 46))
    }

    /// Whether the packs hold exactly the rows of `interactions` (read in the caller's transaction).
    package static func areCurrent(_ store: WarehouseStore) throws -> Bool {
        try store.scalar("SELECT 1 FROM interaction_packs_current") != nil
    }

    /// The triggers that mark the packs not current when `interactions` changes.
    private static let interactionTriggers = ["interactions_insert_outdates_packs", "interactions_update_outdates_packs",
                                              "interactions_delete_outdates_packs"]

    /// Runs `body`, a bulk load of `interactions` inside the caller's write transaction, without
    /// the triggers that would run once per row it writes: marks the packs not current, drops the
    /// three triggers on `interactions`, runs `body`, and creates them again with their stored SQL.
    /// A failure rolls the transaction back, triggers included. Call it first in the transaction
    /// (a trigger cannot be dropped while a statement of the connection is reading).
    package static func duringBulkLoad<T>(_ store: WarehouseStore, _ body: () throws -> T) throws -> T {
        let triggers = try store.mapRows("""
            SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'interactions' ORDER BY name
            """, table: "sqlite_schema", row: { "trigger \($0.value(0))" }) { row in
            (try row.name(0, "name", maxLength: 64), try row.text(1, "sql"))
        }
        // Opening verified the schema: these are the migration's triggers, all three.
        guard Set(triggers.map(\.0)) == Set(interactionTriggers) else {
            throw WarehouseError.brokenInvariant("the triggers on interactions are \(triggers.map(\.0)), not the warehouse's \(interactionTriggers)")
        }
        try store.execute("DELETE FROM interaction_packs_current")
        for (name, _) in triggers { try store.execute("DROP TRIGGER \(name)") }
        let result = try body()
        for (_, sql) in triggers { try store.execute(sql) }
        return result
    }
}
