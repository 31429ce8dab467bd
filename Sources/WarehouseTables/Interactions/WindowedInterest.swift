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
    /// Users are taken in blocks whose sums fit in a core's cache (about 1 MiB), and each block is
    /// read day by day (one seek per block and day): reading every user per day would sweep all
    /// sums once per day of the window, missing the cache on almost every addition. Every
    /// interaction with a user id in `ids` is read: one of a user not in `userIDs` is refused (an
    /// interaction of a user who does not exist), as is an unknown subcategory.
    ///
    /// `undecayed`, when given (same shape as `counts`): also adds each interaction's weight
    /// without the decay, so one pass gives a decayed window's counts and its whole counts.
    package static func read(_ store: WarehouseStore, plan: Plan, userIDs: [Int64], rows: Range<Int>, ids: ClosedRange<Int64>,
                             column: [Int], width: Int, into counts: UnsafeMutableBufferPointer<Double>,
                             undecayed: UnsafeMutableBufferPointer<Double>? = nil) throws {
        guard let days = plan.days, !rows.isEmpty else { return }
        let window = plan.window
        let asOf = window.asOf
        let earliest = window.windowSeconds.map { asOf - $0 } ?? Int64.min  // exclusive
        // 2^(second/h) = high[second >> 8] · low[second & 255]: two tables small enough for L1.
        var high: [Double] = [], low: [Double] = []
        if let halfLife = window.halfLifeSeconds {
            let rate = 1 / Double(halfLife)
            high = (0...(86_399 >> 8)).map { exp2(Double($0 << 8) * rate) }
            low = (0..<256).map { exp2(Double($0) * rate) }
        }
        let weights = plan.weights, minValues = plan.minValues
        // The value column is read only when a weighted kind has an interest rule (a rating):
        // SQLite decodes every selected column of every row, read or not.
        let needsValues = weights.indices.contains { weights[$0] > 0 && minValues[$0] != nil }
        let statement = try store.prepare("""
            SELECT user_id, second, kind_id, subcategory_id\(needsValues ? ", value" : "") FROM interactions
            WHERE day = ?1 AND user_id BETWEEN ?2 AND ?3
            """)
        let row = StoredRow(statement: statement, table: "interactions", row: { "user \(statement.value(0))" })
        let blockUsers = max(1_024, (1 << 20) / (8 * max(1, width)))
        var blockStart = rows.lowerBound
        while blockStart < rows.upperBound {
            let blockEnd = min(rows.upperBound, blockStart + blockUsers)
            // Contiguous id ranges: a block reaches up to the next block's first id (the last to `ids`' end).
            let lowID = blockStart == rows.lowerBound ? ids.lowerBound : userIDs[blockStart]
            let highID = blockEnd == rows.upperBound ? ids.upperBound : userIDs[blockEnd] - 1
            for day in days {
                let dayStart = day * 86_400
                // 2^(−(T − dayStart − second)/h) = 2^(−(T − dayStart)/h) · 2^(second/h)
                let dayFactor = window.halfLifeSeconds.map { exp2(-Double(asOf - dayStart) / Double($0)) } ?? 1
                statement.reset()
                try statement.bind([.integer(day), .integer(lowID), .integer(highID)])
                var cursor = blockStart
                while try statement.step() {
                    let user = try row.strictInt(0, "user_id", in: Int64.min...Int64.max)
                    let second = try row.strictInt(1, "second", in: 0...86_399)
                    let moment = dayStart + second
                    guard moment > earliest, moment <= asOf else { continue }
                    let kind = try row.strictInt(2, "kind_id", in: 1...InteractionKindsTable.maximumKindID)
                    guard kind < Int64(weights.count) else {
                        throw WarehouseError.brokenInvariant("interactions has a row of kind \(kind), which is not in interaction_kinds")
                    }
                    let weight = weights[Int(kind)]
                    guard weight > 0 else { continue }
                    if needsValues, let minimum = minValues[Int(kind)] {
                        guard let value = try row.optionalReal(4, "value"), value >= minimum else { continue }
                    }
                    while cursor < blockEnd && userIDs[cursor] < user { cursor += 1 }
                    guard cursor < blockEnd, userIDs[cursor] == user else {
                        throw WarehouseError.brokenInvariant("interactions has rows for user \(user), who is not in users")
                    }
                    let subcategory = try row.strictInt(3, "subcategory_id", in: Int64.min...Int64.max)
                    guard subcategory >= 0, subcategory < Int64(column.count), column[Int(subcategory)] >= 0 else {
                        throw WarehouseError.brokenInvariant("user \(user) has interactions in subcategory \(subcategory), which is not in subcategories")
                    }
                    let s = Int(second)
                    let decay = high.isEmpty ? 1 : dayFactor * high[s >> 8] * low[s & 255]
                    let cell = cursor * width + column[Int(subcategory)]
                    counts[cell] += weight * decay
                    undecayed?[cell] += weight
                }
            }
            blockStart = blockEnd
        }
    }
}
