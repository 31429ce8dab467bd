#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Storage

/// Each user's interest per subcategory over a window of time (see `InteractionWindow` for the
/// sum), read from `interactions`.
///
/// The table is clustered by (day, user), so the window is one key range per day, each read in
/// user order: rows outside the window are never read, users are matched to rows by a cursor that
/// only moves forward (no hashing, no sort), and the decay `2^(−(T − t)/h)` is the product of a
/// per-day and a per-second factor from two tables (no `exp2` per row). A reader covers a range
/// of user ids with one seek per day, so two readers on two connections split the users and
/// every user's sum is added up in the same order (day, then key) whatever the split: the result
/// does not depend on the thread count.
package enum WindowedInterest {
    /// The kinds' weights and rules resolved against the warehouse's kinds.
    package struct Plan: Sendable {
        /// Index = kind id: the weight, 0 for kinds not weighted.
        let weights: [Double]
        /// Index = kind id: the smallest value that counts, nil when any does.
        let minValues: [Double?]
        package let window: InteractionWindow
        /// The first and last day read.
        package let days: ClosedRange<Int64>?
    }

    /// Resolves `window` against the warehouse: every weighted kind must exist (an unknown one is
    /// refused, naming the kinds there are), and the days to read are those of the window that
    /// hold interactions.
    package static func plan(_ window: InteractionWindow, _ store: WarehouseStore) throws -> Plan {
        let kinds = try InteractionKindsTable.read(store)
        let largest = Int(kinds.map(\.id).max() ?? 0)
        var weights = [Double](repeating: 0, count: largest + 1)
        var minValues = [Double?](repeating: nil, count: largest + 1)
        for kind in kinds { minValues[Int(kind.id)] = kind.minValue }
        for entry in window.weights {
            guard let kind = kinds.first(where: { $0.name == entry.kind }) else {
                throw WarehouseError.invalidArgument(
                    "--weights names kind '\(entry.kind)', which this warehouse does not have; its kinds: \(kinds.map(\.name).joined(separator: ", "))")
            }
            weights[Int(kind.id)] = entry.weight
        }
        let lastDay = window.asOf / 86_400
        var firstDay: Int64
        if let seconds = window.windowSeconds {
            // t > asOf − window: the first day holding such a moment.
            firstDay = max(0, (window.asOf - seconds + 1) / 86_400)
        } else {
            firstDay = 0
        }
        guard let span = try InteractionsTable.span(store) else { return Plan(weights: weights, minValues: minValues, window: window, days: nil) }
        firstDay = max(firstDay, span.lowerBound / 86_400)
        let days: ClosedRange<Int64>? = firstDay <= min(lastDay, span.upperBound / 86_400) ? firstDay...min(lastDay, span.upperBound / 86_400) : nil
        return Plan(weights: weights, minValues: minValues, window: window, days: days)
    }

    /// Adds the interest of the users `userIDs[rows]` (ascending ids) into `counts` (row-major,
    /// `userIDs.count × width`, index = row · width + column[subcategory id]).
    ///
    /// Users are taken in blocks whose sums fit in a core's cache (about 1 MiB; a pack's bucket at
    /// least), and each block is read day by day (one seek per block and day): reading every user
    /// per day would sweep all sums once per day of the window, missing the cache on almost every
    /// addition. Every
    /// interaction with a user id in `ids` is read: one of a user not in `userIDs` is refused (an
    /// interaction of a user who does not exist), as is an unknown subcategory. The rows come from
    /// `interaction_packs` when they are current (`InteractionPacks`), else from `interactions`:
    /// the same rows in the same order, so the same sums, bit for bit.
    ///
    /// `undecayed`, when given (same shape as `counts`): also adds each interaction's weight
    /// without the decay, so one pass gives a decayed window's counts and its whole counts.
    package static func read(_ store: WarehouseStore, plan: Plan, userIDs: [Int64], rows: Range<Int>, ids: ClosedRange<Int64>,
                             column: [Int], width: Int, into counts: UnsafeMutableBufferPointer<Double>,
                             undecayed: UnsafeMutableBufferPointer<Double>? = nil) throws {
        guard let days = plan.days, !rows.isEmpty else { return }
        var sums = WindowSums(plan: plan, userIDs: userIDs, column: column, width: width, counts: counts, undecayed: undecayed)
        defer { sums.release() }
        // The value column is read only when a weighted kind has an interest rule (a rating):
        // SQLite decodes every selected column of every row, read or not.
        let needsValues = plan.weights.indices.contains { plan.weights[$0] > 0 && plan.minValues[$0] != nil }
        // Users whose sums (decayed and undecayed) fill about 1 MiB.
        let blockUsers = max(1_024, (1 << 20) / (8 * max(1, width) * (undecayed == nil ? 1 : 2)))
        if try InteractionPacks.areCurrent(store) {
            try readPacked(store, days: days, userIDs: userIDs, rows: rows, ids: ids, blockUsers: blockUsers,
                           needsValues: needsValues, into: &sums)
            return
        }
        let statement = try store.prepare("""
            SELECT user_id, second, kind_id, subcategory_id\(needsValues ? ", value" : "") FROM interactions
            WHERE day = ?1 AND user_id BETWEEN ?2 AND ?3
            """)
        var blockStart = rows.lowerBound
        while blockStart < rows.upperBound {
            let blockEnd = min(rows.upperBound, blockStart + blockUsers)
            // Contiguous id ranges: a block reaches up to the next block's first id (the last to `ids`' end).
            let lowID = blockStart == rows.lowerBound ? ids.lowerBound : userIDs[blockStart]
            let highID = blockEnd == rows.upperBound ? ids.upperBound : userIDs[blockEnd] - 1
            sums.startBlock(blockStart..<blockEnd)
            for day in days {
                sums.start(day: day)
                statement.reset()
                try statement.bind([.integer(day), .integer(lowID), .integer(highID)])
                try readRows(statement, needsValues: needsValues, into: &sums)
            }
            sums.finishBlock()
            blockStart = blockEnd
        }
    }

    /// `read` from `interaction_packs`: blocks of about `blockUsers` users, widened to whole
    /// buckets, contiguous from the bucket of `ids`' first id to that of its last (so an
    /// interaction of a user not in `userIDs` is found wherever its bucket is), each read day by
    /// day with one rowid range per day (however sparse the ids, as many ranges as blocks).
    /// Users outside the packed ids have no packed interactions (the packs are current only when
    /// every interaction's user is packed), so the cursor passes over them.
    private static func readPacked(_ store: WarehouseStore, days: ClosedRange<Int64>, userIDs: [Int64], rows: Range<Int>,
                                   ids: ClosedRange<Int64>, blockUsers: Int, needsValues: Bool, into sums: inout WindowSums) throws {
        let bits = InteractionPacks.bucketBits
        let buckets = InteractionPacks.buckets
        func bucket(_ id: Int64) -> Int64 { min(max(id >> bits, buckets.lowerBound), buckets.upperBound) }
        // No packed interaction has a user id in `ids`: nothing to add.
        guard ids.overlaps(InteractionPacks.users) else { return }
        let statement = try store.prepare("""
            SELECT id, words\(needsValues ? ", vals" : "") FROM interaction_packs WHERE id BETWEEN ?1 AND ?2
            """)
        let lastBucket = bucket(ids.upperBound)
        var nextBucket = bucket(ids.lowerBound)
        var blockStart = rows.lowerBound
        while nextBucket <= lastBucket {
            let highBucket = blockStart < rows.upperBound
                ? min(lastBucket, max(nextBucket, bucket(userIDs[min(rows.upperBound, blockStart + blockUsers) - 1]))) : lastBucket
            var blockEnd = blockStart
            while blockEnd < rows.upperBound && userIDs[blockEnd] >> bits <= highBucket { blockEnd += 1 }
            // Not empty, as `ids` overlaps the packed ids and the buckets run from its first to its last.
            let lowUser = max(ids.lowerBound, nextBucket << bits), highUser = min(ids.upperBound, highBucket << bits | ((1 << bits) - 1))
            guard lowUser <= highUser else { break }
            let users = lowUser...highUser
            sums.startBlock(blockStart..<blockEnd)
            for day in days {
                sums.start(day: day)
                statement.reset()
                let first = InteractionPacks.key(day: day, bucket: nextBucket), last = InteractionPacks.key(day: day, bucket: highBucket)
                try statement.bind([.integer(first), .integer(last)])
                try readPacks(statement, day: day, keys: first...last, users: users, needsValues: needsValues, into: &sums)
            }
            sums.finishBlock()
            nextBucket = highBucket + 1
            blockStart = blockEnd
        }
    }

    /// The rows of one day and block from `interactions` (user_id, second, kind_id, subcategory_id[, value]).
    private static func readRows(_ statement: Statement, needsValues: Bool, into sums: inout WindowSums) throws {
        let row = StoredRow(statement: statement, table: "interactions", row: { "user \(statement.value(0))" })
        while try statement.step() {
            let second = try row.strictInt(1, "second", in: 0...86_399)
            let kind = try row.strictInt(2, "kind_id", in: 1...InteractionKindsTable.maximumKindID)
            guard let weight = try sums.weight(second: second, kind: kind) else { continue }
            if needsValues, let minimum = sums.minValues[Int(kind)] {
                guard let value = try row.optionalReal(4, "value"), value >= minimum else { continue }
            }
            let user = try row.strictInt(0, "user_id", in: Int64.min...Int64.max)
            let subcategory = try row.strictInt(3, "subcategory_id", in: Int64.min...Int64.max)
            try sums.add(user: user, second: second, subcategory: subcategory, weight: weight)
        }
    }

    /// The packs of one day and block (id, words[, vals]): each word decoded and checked as a row
    /// of `interactions` would be, users outside `users` (the block's ids) skipped.
    private static func readPacks(_ statement: Statement, day: Int64, keys: ClosedRange<Int64>, users: ClosedRange<Int64>,
                                  needsValues: Bool, into sums: inout WindowSums) throws {
        let row = StoredRow(statement: statement, table: "interaction_packs", row: { "pack \(statement.value(0))" })
        var previous = Int64.min
        while try statement.step() {
            let bucket = try row.strictInt(0, "id", in: keys) & InteractionPacks.buckets.upperBound
            let first = bucket << InteractionPacks.bucketBits
            guard statement.isBlob(1), !needsValues || statement.isNull(2) || statement.isBlob(2) else {
                throw WarehouseError.brokenInvariant("interaction_packs of day \(day), bucket \(bucket) holds a value that is not a BLOB")
            }
            // `values` is empty when no value is needed or the pack has none (NULL).
            func decode(_ words: UnsafeRawBufferPointer, _ values: UnsafeRawBufferPointer) throws {
                let count = words.count / 8
                guard words.count % 8 == 0, values.isEmpty || values.count == words.count else {
                    throw WarehouseError.brokenInvariant("interaction_packs of day \(day), bucket \(bucket) has \(words.count) bytes of words and \(values.count) of values")
                }
                let hasValues = !values.isEmpty
                for index in 0..<count {
                    let word = UInt64(littleEndian: words.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self))
                    let (second, offset, kind, subcategory) = InteractionPacks.fields(word)
                    let user = first | offset
                    guard user >= previous else {
                        throw WarehouseError.brokenInvariant("interaction_packs of day \(day), bucket \(bucket) is not in user order at user \(user)")
                    }
                    previous = user
                    guard second <= 86_399, kind >= 1 else {
                        throw WarehouseError.brokenInvariant("interaction_packs of day \(day), bucket \(bucket) has second \(second) and kind \(kind) for user \(user)")
                    }
                    guard users.contains(user), let weight = try sums.weight(second: second, kind: kind) else { continue }
                    if needsValues, let minimum = sums.minValues[Int(kind)] {
                        // NaN stands for NULL (the table's CHECK keeps NaN out of `value`).
                        let bits = hasValues ? UInt64(littleEndian: values.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self)) : Double.nan.bitPattern
                        let value = Double(bitPattern: bits)
                        guard !value.isNaN else { continue }
                        guard value.isFinite else {
                            throw WarehouseError.brokenInvariant("interaction_packs of day \(day), bucket \(bucket) has value \(value) for user \(user)")
                        }
                        guard value >= minimum else { continue }
                    }
                    try sums.add(user: user, second: second, subcategory: subcategory, weight: weight)
                }
            }
            try statement.withBytes(1) { words in
                if needsValues {
                    try statement.withBytes(2) { try decode(words, $0) }
                } else {
                    try decode(words, UnsafeRawBufferPointer(start: nil, count: 0))
                }
            }
        }
    }
}

/// The sums a windowed read adds into, and the per-row rules both sources share: the window's
/// bounds, each kind's weight and rule, the user cursor and the decay `2^(−(T − t)/h)` as the
/// product of a per-day factor and two small per-second tables (no `exp2` per row).
///
/// A block's sums are added in a scratch buffer of their own, the decayed and the undecayed sum
/// of a cell side by side (one cache line per addition, and the buffer stays in cache from
/// block to block), then copied to `counts` and `undecayed` when the block is done: each sum is
/// the same sequence of additions from 0, so the same bits, as adding in place.
struct WindowSums {
    let weights: [Double]
    /// Index = kind id: the smallest value that counts, nil when any does.
    let minValues: [Double?]
    private let column: [Int]
    private let width: Int
    private let userIDs: [Int64]
    private let counts: UnsafeMutableBufferPointer<Double>
    private let undecayed: UnsafeMutableBufferPointer<Double>?
    /// Sums per cell in `scratch`: 2 (decayed, undecayed) or 1.
    private let lanes: Int
    private var scratch: UnsafeMutableBufferPointer<Double>
    private let asOf: Int64
    /// Exclusive: a moment must be after it.
    private let earliest: Int64
    private let halfLife: Int64?
    // 2^(second/h) = high[second >> 8] · low[second & 255]: two tables small enough for L1.
    private let high: [Double], low: [Double]
    private var dayStart: Int64 = 0
    private var dayFactor: Double = 1
    private var cursor = 0
    private var block = 0..<0

    init(plan: WindowedInterest.Plan, userIDs: [Int64], column: [Int], width: Int,
         counts: UnsafeMutableBufferPointer<Double>, undecayed: UnsafeMutableBufferPointer<Double>?) {
        weights = plan.weights
        minValues = plan.minValues
        self.column = column
        self.width = width
        self.userIDs = userIDs
        self.counts = counts
        self.undecayed = undecayed
        lanes = undecayed == nil ? 1 : 2
        scratch = UnsafeMutableBufferPointer(start: nil, count: 0)
        asOf = plan.window.asOf
        earliest = plan.window.windowSeconds.map { plan.window.asOf - $0 } ?? Int64.min
        halfLife = plan.window.halfLifeSeconds
        if let halfLife = plan.window.halfLifeSeconds {
            let rate = 1 / Double(halfLife)
            high = (0...(86_399 >> 8)).map { exp2(Double($0 << 8) * rate) }
            low = (0..<256).map { exp2(Double($0) * rate) }
        } else {
            high = []
            low = []
        }
    }

    /// Frees the scratch buffer.
    mutating func release() {
        scratch.deallocate()
        scratch = UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    /// Starts the users `userIDs[rows]`, with zero sums.
    mutating func startBlock(_ rows: Range<Int>) {
        block = rows
        let needed = rows.count * width * lanes
        if needed > scratch.count {
            scratch.deallocate()
            scratch = .allocate(capacity: needed)
        }
        UnsafeMutableBufferPointer(rebasing: scratch[0..<needed]).initialize(repeating: 0)
    }

    /// Copies the block's sums to `counts` (and `undecayed`).
    func finishBlock() {
        let cells = block.count * width
        let base = block.lowerBound * width
        if let undecayed {
            for cell in 0..<cells {
                counts[base + cell] = scratch[2 * cell]
                undecayed[base + cell] = scratch[2 * cell + 1]
            }
        } else {
            for cell in 0..<cells { counts[base + cell] = scratch[cell] }
        }
    }

    /// Starts the rows of `day` for the block's users.
    mutating func start(day: Int64) {
        dayStart = day * 86_400
        // 2^(−(T − dayStart − second)/h) = 2^(−(T − dayStart)/h) · 2^(second/h)
        dayFactor = halfLife.map { exp2(-Double(asOf - dayStart) / Double($0)) } ?? 1
        cursor = block.lowerBound
    }

    /// The weight of an interaction of `kind` at `second` of the day; nil when it is outside the
    /// window or its kind weighs nothing. An unknown kind is refused.
    @inline(__always)
    func weight(second: Int64, kind: Int64) throws -> Double? {
        let moment = dayStart + second
        guard moment > earliest, moment <= asOf else { return nil }
        guard kind < Int64(weights.count) else {
            throw WarehouseError.brokenInvariant("interactions has a row of kind \(kind), which is not in interaction_kinds")
        }
        let weight = weights[Int(kind)]
        return weight > 0 ? weight : nil
    }

    /// Adds `weight` (decayed) to `user`'s sum for `subcategory`. Users come in ascending order
    /// within a day and block; one not in the block's users, or an unknown subcategory, is refused.
    @inline(__always)
    mutating func add(user: Int64, second: Int64, subcategory: Int64, weight: Double) throws {
        while cursor < block.upperBound && userIDs[cursor] < user { cursor += 1 }
        guard cursor < block.upperBound, userIDs[cursor] == user else {
            throw WarehouseError.brokenInvariant("interactions has rows for user \(user), who is not in users")
        }
        guard subcategory >= 0, subcategory < Int64(column.count), column[Int(subcategory)] >= 0 else {
            throw WarehouseError.brokenInvariant("user \(user) has interactions in subcategory \(subcategory), which is not in subcategories")
        }
        let s = Int(second)
        let decay = high.isEmpty ? 1 : dayFactor * high[s >> 8] * low[s & 255]
        let cell = ((cursor - block.lowerBound) * width + column[Int(subcategory)]) * lanes
        scratch[cell] += weight * decay
        if lanes == 2 { scratch[cell + 1] += weight }
    }
}
