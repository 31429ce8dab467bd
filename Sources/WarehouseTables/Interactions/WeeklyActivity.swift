import Storage

/// Interactions per week and category over the most recent weeks: what the report's "Behaviour
/// over time" chart draws.
///
/// Weeks end at the last day that has an interaction (`last`): of `weeks` weeks, week w (0 = the
/// oldest) covers the days `last − 7·(weeks − w) + 1 … last − 7·(weeks − 1 − w)` (days since
/// 1970-01-01, UTC). Only whole weeks the interactions span are kept: at most `maximumWeeks`,
/// fewer when the interactions cover less. Every interaction counts, of every kind: this is
/// activity (a low rating is still a visit), not the interest a run weighs.
///
/// Cost (measured at 100,000 seeded users, 8.8 million interactions, 26 weeks = 4.4 million rows,
/// sqlite3 CLI): one range scan of the clustered key `(day, user_id, …)` from the first day on,
/// grouped by `day` alone, so SQLite streams the key in order with no sort; each day's subcategory
/// ids come back as one `group_concat` string counted here. 0.26 s of CPU against 1.5 s for
/// `GROUP BY day, subcategory_id` (which sorts every row in a temporary b-tree). It grows with the
/// interactions in the span, not with the table. The whole `report` (release build, same
/// 100,000-user warehouse, three runs and an evaluation) took 0.85–0.90 s of CPU against 0.46–0.51 s
/// without the time and evaluation sections: ≈ 0.4 s added, this scan most of it; ≈ 4 s
/// expected at a million users (not measured there).
package struct WeeklyActivity: Sendable, Equatable {
    /// The most weeks read: half a year.
    package static let maximumWeeks = 26

    /// The first day of each week, oldest first.
    package let weekStarts: [Int64]
    /// Category names, in category id order (every category, with interactions in the span or not).
    package let categories: [String]
    /// `counts[category][week]`: interactions in that week whose subcategory is in that category.
    package let counts: [[Int]]

    package init(weekStarts: [Int64], categories: [String], counts: [[Int]]) {
        self.weekStarts = weekStarts
        self.categories = categories
        self.counts = counts
    }

    /// The whole weeks ending at the last interaction's day, at most `maximumWeeks`; nil when
    /// there is no interaction or they span less than a week.
    package static func read(_ store: WarehouseStore, maximumWeeks: Int = maximumWeeks) throws -> WeeklyActivity? {
        guard let span = try InteractionsTable.span(store) else { return nil }
        let firstDay = span.lowerBound / 86_400, lastDay = span.upperBound / 86_400
        let weeks = Int(min(Int64(max(0, maximumWeeks)), (lastDay - firstDay + 1) / 7))
        guard weeks > 0 else { return nil }
        let start = lastDay - 7 * Int64(weeks) + 1
        let categories = try store.mapRows("SELECT id, name FROM categories ORDER BY id", table: "categories",
                                           row: { "category \($0.value(0))" }) { row in
            (id: try row.int(0, "id", in: Int64.min...Int64.max), name: try row.name(1, "name"))
        }
        var categoryIndex: [Int64: Int] = [:]
        for (index, category) in categories.enumerated() { categoryIndex[category.id] = index }
        var subcategoryCategory: [Int64: Int] = [:]
        try store.eachRow("SELECT id, category_id FROM subcategories", table: "subcategories", row: { "subcategory \($0.value(0))" }) { row in
            let id = try row.int(0, "id", in: Int64.min...Int64.max)
            let category = try row.int(1, "category_id", in: Int64.min...Int64.max)
            if let index = categoryIndex[category] { subcategoryCategory[id] = index }
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: weeks), count: categories.count)
        try store.eachRow("""
            SELECT day, group_concat(subcategory_id) FROM interactions WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day
            """, [.integer(start), .integer(lastDay)], table: "interactions", row: { "day \($0.value(0))" }) { row in
            let day = try row.int(0, "day", in: start...lastDay)
            let week = Int((day - start) / 7)
            let ids = try row.text(1, "group_concat(subcategory_id)", maxLength: Int(Int32.max))
            try countIDs(ids, day: day) { id, n in
                guard let category = subcategoryCategory[id] else {
                    throw WarehouseError.brokenInvariant("interactions has a row on day \(day) for subcategory \(id), which does not exist")
                }
                counts[category][week] += n
            }
        }
        return WeeklyActivity(weekStarts: (0..<weeks).map { start + 7 * Int64($0) }, categories: categories.map(\.name), counts: counts)
    }

    /// Counts the comma-separated integers of `text` (one day's subcategory ids) and hands each
    /// distinct id with its count to `body`.
    private static func countIDs(_ text: String, day: Int64, _ body: (Int64, Int) throws -> Void) throws {
        // Small ids (every seeded and most imported catalogues) are tallied in an array, others in a dictionary.
        var dense = [Int](repeating: 0, count: 4_096)
        var tally: [Int64: Int] = [:]
        var value: Int64 = 0, negative = false, digits = 0
        func flush() throws {
            guard digits > 0 else {
                throw WarehouseError.brokenInvariant("interactions on day \(day) has a subcategory_id that is not an integer")
            }
            let id = negative ? -value : value
            if id >= 0 && id < 4_096 { dense[Int(id)] += 1 } else { tally[id, default: 0] += 1 }
            value = 0; negative = false; digits = 0
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overflow, !overflow2 else {
                    throw WarehouseError.brokenInvariant("interactions on day \(day) has a subcategory_id beyond 64 bits")
                }
                value = sum
                digits += 1
            case UInt8(ascii: "-") where digits == 0 && !negative:
                negative = true
            case UInt8(ascii: ","):
                try flush()
            default:
                throw WarehouseError.brokenInvariant("interactions on day \(day) has a subcategory_id that is not an integer")
            }
        }
        if !text.isEmpty { try flush() }
        for (id, n) in dense.enumerated() where n > 0 { try body(Int64(id), n) }
        for (id, n) in tally { try body(id, n) }
    }
}
