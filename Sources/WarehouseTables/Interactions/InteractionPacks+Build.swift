import Dispatch
import Storage
import WarehouseSupport

extension InteractionPacks {
    /// What `refresh` found or did.
    package enum Refresh: Equatable, Sendable {
        /// The packs were current; nothing written.
        case current
        /// Built: `rows` interactions in `packs` packs.
        case built(rows: Int64, packs: Int)
        /// Not built, for the reason given (a value a word cannot hold); readers use `interactions`.
        case unpackable(String)
    }

    /// A row a word cannot hold: the build stops and its transaction rolls back.
    private struct Unpackable: Error, Sendable { let reason: String }

    /// Builds the packs from `interactions` unless they are current, in one IMMEDIATE transaction
    /// of its own: deletes the old packs, scans `interactions` once in key order (day, user, …),
    /// writes a pack per (day, bucket), then the `interaction_packs_current` row. Every value is
    /// range-checked as it is read; a user or subcategory id a word cannot hold leaves the packs
    /// not current (`.unpackable`), which costs readers speed, not correctness.
    /// `building` is called before a build starts.
    package static func refresh(_ store: WarehouseStore, building: () -> Void = {}) throws -> Refresh {
        if try store.snapshot({ try areCurrent(store) }) { return .current }
        building()
        do {
            return try store.write {
                if try areCurrent(store) { return .current }  // built by another process meanwhile
                return try build(store)
            }
        } catch let unpackable as Unpackable {
            return .unpackable(unpackable.reason)
        }
    }

    /// Writes the packs of `interactions`: on a file in WAL mode, two reader connections scan and
    /// encode them, half of the days each (their snapshot is the committed state, which this
    /// write transaction does not change in `interactions`), while this one inserts; else one
    /// thread does everything.
    private static func build(_ store: WarehouseStore) throws -> Refresh {
        try store.execute("DELETE FROM interaction_packs")
        let insert = try store.prepare("INSERT INTO interaction_packs (id, day, bucket, words, vals) VALUES (?1, ?2, ?3, ?4, ?5)")
        var packs = 0
        func write(_ pack: Pack) throws {
            insert.reset()
            try insert.bind(key(day: pack.day, bucket: pack.bucket), at: 1)
            try insert.bind(pack.day, at: 2)
            try insert.bind(pack.bucket, at: 3)
            try insert.bind(littleEndian: pack.words, at: 4)
            if pack.hasValues { try insert.bind(littleEndian: pack.values, at: 5) } else { try insert.bindNull(at: 5) }
            _ = try insert.step()
            packs += 1
        }
        let rows: Int64
        if store.path != ":memory:", !store.path.isEmpty, try store.connection.journalMode == .wal {
            rows = try inPipeline(store, write)
        } else {
            rows = try eachPack(store, write)
        }
        try store.run("INSERT INTO interaction_packs_current (id, rows) VALUES (1, ?)", [.integer(rows)])
        return .built(rows: rows, packs: packs)
    }

    /// What the scanning thread hands over: packs, then the rows packed or the error that stopped it.
    private enum Handover: Sendable {
        case packs([Pack])
        case done(rows: Int64)
        case failed(any Error)
    }

    /// The consumer gave up: the scan stops at its next hand-over.
    private struct Stopped: Error {}

    /// `eachPack` on two reader connections of their own, each on its own thread and half of
    /// the days, with `write` called here for each pack as the halves hand them over (batches of
    /// about 256 K interactions, two at most per half in memory). The packs of the two halves
    /// never share a key, so the order they are written in does not matter.
    private static func inPipeline(_ store: WarehouseStore, _ write: (Pack) throws -> Void) throws -> Int64 {
        guard let span = try InteractionsTable.span(store) else { return 0 }
        let first = span.lowerBound / 86_400, last = span.upperBound / 86_400
        let middle = first + (last - first) / 2
        let halves = [scan(store, days: first...middle), scan(store, days: (middle + 1)...max(middle + 1, last))]
        var rows: Int64 = 0
        var open = [true, true]
        do {
            while open.contains(true) {
                for half in halves.indices where open[half] {
                    switch halves[half].take() {
                    case .packs(let batch): for pack in batch { try write(pack) }
                    case .done(let packed): rows += packed; open[half] = false
                    case .failed(let error): throw error
                    }
                }
            }
        } catch {
            for half in halves { half.cancel() }
            throw error
        }
        return rows
    }

    /// Starts a thread that hands over the packs of `days` from a reader connection of its own.
    private static func scan(_ store: WarehouseStore, days: ClosedRange<Int64>) -> BatchChannel<Handover> {
        let recipe = store.readerRecipe, path = store.path
        let channel = BatchChannel<Handover>(depth: 2)
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome: Handover
            do {
                let reader = try recipe.open(user: path)
                let rows = try reader.transaction(.deferred) { () -> Int64 in
                    var batch: [Pack] = [], batchRows = 0
                    let rows = try eachPack(reader, days: days) { pack in
                        batch.append(pack)
                        batchRows += pack.words.count
                        guard batchRows >= 262_144 else { return }
                        guard channel.put(.packs(batch)) else { throw Stopped() }
                        batch = []
                        batchRows = 0
                    }
                    if !batch.isEmpty, !channel.put(.packs(batch)) { throw Stopped() }
                    return rows
                }
                outcome = .done(rows: rows)
            } catch {
                outcome = .failed(error)
            }
            _ = channel.put(outcome)
        }
        return channel
    }

    /// One pack as `interactions` gives it.
    struct Pack: Sendable {
        var day: Int64 = -1
        var bucket: Int64 = 0
        var words: [UInt64] = []
        /// One per word, NaN for none.
        var values: [Double] = []
        var hasValues = false
    }

    /// Calls `body` with each pack of `interactions` on `days`, in key order (so in rowid
    /// order), and returns the rows packed. Every value is range-checked; a row a word cannot hold throws
    /// `Unpackable`.
    private static func eachPack(_ store: WarehouseStore, days: ClosedRange<Int64> = 0...InteractionsTable.lastDay,
                                 _ body: (Pack) throws -> Void) throws -> Int64 {
        let scan = try store.prepare("""
            SELECT day, user_id, second, kind_id, subcategory_id, value FROM interactions WHERE day BETWEEN ?1 AND ?2
            ORDER BY day, user_id, second, kind_id, subcategory_id, item_id, ordinal
            """)
        defer { scan.reset() }
        try scan.bind([.integer(days.lowerBound), .integer(days.upperBound)])
        let row = StoredRow(statement: scan, table: "interactions", row: { "user \(scan.value(1))" })
        var pack = Pack()
        var rows: Int64 = 0
        while try scan.step() {
            let day = try row.strictInt(0, "day", in: 0...InteractionsTable.lastDay)
            let user = try row.strictInt(1, "user_id", in: Int64.min...Int64.max)
            let second = try row.strictInt(2, "second", in: 0...86_399)
            let kind = try row.strictInt(3, "kind_id", in: 1...InteractionKindsTable.maximumKindID)
            let subcategory = try row.strictInt(4, "subcategory_id", in: Int64.min...Int64.max)
            let value = try row.optionalReal(5, "value")
            guard let word = word(second: second, user: user, kind: kind, subcategory: subcategory) else {
                throw Unpackable(reason: "user \(user) has an interaction of kind \(kind) in subcategory \(subcategory): packs hold user ids 0…\(users.upperBound) and subcategory ids 0…\(largestSubcategory)")
            }
            let bucket = user >> bucketBits
            if day != pack.day || bucket != pack.bucket {
                if !pack.words.isEmpty { try body(pack) }
                pack.day = day
                pack.bucket = bucket
                pack.words.removeAll(keepingCapacity: true)
                pack.values.removeAll(keepingCapacity: true)
                pack.hasValues = false
            }
            pack.words.append(word)
            pack.values.append(value ?? .nan)
            if value != nil { pack.hasValues = true }
            rows += 1
        }
        if !pack.words.isEmpty { try body(pack) }
        return rows
    }

    /// `warehouse check`'s test of the invariant: while `interaction_packs_current` has its row,
    /// the packs are exactly what `interactions` gives (same packs, words, values and row count).
    /// Nil when they are, or when they are not current (then nothing reads them); else the first
    /// difference, as a sentence. Read in the caller's transaction; one scan of each table.
    package static func difference(_ store: WarehouseStore) throws -> String? {
        guard let recorded = try store.mapRows("SELECT rows FROM interaction_packs_current", table: "interaction_packs_current",
                                               row: { _ in "its row" }, { try $0.int(0, "rows", in: 0...Int64.max) }).first else { return nil }
        let stored = try store.prepare("SELECT id, words, vals FROM interaction_packs ORDER BY id")
        defer { stored.reset() }
        let row = StoredRow(statement: stored, table: "interaction_packs", row: { "pack \(stored.value(0))" })
        var found: String?
        let rows: Int64
        do {
            rows = try eachPack(store) { pack in
                guard found == nil else { return }
                let id = key(day: pack.day, bucket: pack.bucket)
                guard try stored.step() else {
                    found = "interaction_packs has no pack for day \(pack.day), bucket \(pack.bucket), which interactions fill"
                    return
                }
                let storedID = try row.strictInt(0, "id", in: Int64.min...Int64.max)
                guard storedID == id else {
                    found = "interaction_packs has pack \(storedID) where interactions give pack \(id) (day \(pack.day), bucket \(pack.bucket))"
                    return
                }
                // Column `column` holds `words` as little-endian 8-byte words.
                func holds(_ column: Int32, _ words: [UInt64]) -> Bool {
                    stored.isBlob(column) && stored.withBytes(column) { bytes in
                        bytes.count == words.count * 8
                            && words.indices.allSatisfy { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) == words[$0] }
                    }
                }
                let wordsAgree = holds(1, pack.words)
                let valuesAgree = pack.hasValues ? holds(2, pack.values.map(\.bitPattern)) : stored.isNull(2)
                if !wordsAgree || !valuesAgree {
                    found = "interaction_packs' pack of day \(pack.day), bucket \(pack.bucket) differs from interactions' rows in its \(wordsAgree ? "values" : "words")"
                }
            }
        } catch let unpackable as Unpackable {
            return "interaction_packs_current says the packs are current, but \(unpackable.reason)"
        }
        if let found { return found }
        if try stored.step() {
            return "interaction_packs has pack \(stored.value(0)), which no interaction fills"
        }
        guard recorded == rows else {
            return "interaction_packs_current says \(recorded) interactions are packed, interactions has \(rows)"
        }
        return nil
    }
}
