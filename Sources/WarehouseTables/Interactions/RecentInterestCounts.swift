import Storage

/// A run's members' positive interactions per segment and subcategory in two adjacent ranges of
/// time ending at a moment `end` (Unix seconds): the recent range `end − recentSeconds < t ≤ end`
/// and the earlier range `end − recentSeconds − earlierSeconds < t ≤ end − recentSeconds`
/// (t = `day · 86400 + second`).
///
/// An interaction is positive when its kind has no `min_value`, or its value is at least the
/// kind's `min_value` (a rating below it, or a rating without a value, is not interest), the rule
/// the windowed counts use.
///
/// Cost: ONE grouped query that reads the interactions of the days the two ranges touch as one
/// contiguous range of the primary key (clustered by day, then user) and looks up each row's
/// member in `segment_assignments` by primary key (the `CROSS JOIN` keeps `interactions` outer,
/// so no user is scanned for its days). Rows of users who are not members of the run drop out of
/// the join. At 1M users and 90 days: ~22M rows read, k × subcategories groups.
package struct RecentInterestCounts: Sendable, Equatable {
    /// Per (segment 1…k, subcategory id): interactions in the recent and in the earlier range.
    package struct Cell: Sendable, Equatable {
        package let segment: Int
        package let subcategoryID: Int
        package let recent: Int
        package let earlier: Int
    }

    package let end: Int64
    package let recentSeconds: Int64
    package let earlierSeconds: Int64
    /// Only cells with at least one interaction in either range, by segment then subcategory id.
    package let cells: [Cell]

    /// The counts of run `run` (segments 1…k) whose members `filter` passes (a filter adds a
    /// primary-key lookup in `users` per row).
    package static func read(run: Int64, k: Int, end: Int64, recentSeconds: Int64, earlierSeconds: Int64,
                             filter: UserFilter = UserFilter(), from store: WarehouseStore) throws -> RecentInterestCounts {
        let recentStart = end - recentSeconds
        let start = recentStart - earlierSeconds
        let firstDay = max(0, start / 86_400), lastDay = max(0, end / 86_400)
        let users = filter.isEmpty ? "" : "JOIN users AS u ON u.id = i.user_id"
        let condition = filter.condition(user: "u")
        let cells = try store.mapRows("""
            SELECT a.segment, i.subcategory_id,
                   sum(i.day * 86400 + i.second > ?) AS recent, count(*) AS total
            FROM interactions AS i
            CROSS JOIN segment_assignments AS a ON a.run_id = ? AND a.user_id = i.user_id
            JOIN interaction_kinds AS k ON k.id = i.kind_id
            \(users)
            WHERE i.day BETWEEN ? AND ?
              AND i.day * 86400 + i.second > ? AND i.day * 86400 + i.second <= ?
              AND (k.min_value IS NULL OR i.value >= k.min_value)
              AND \(filter.isEmpty ? "1" : condition.sql)
            GROUP BY a.segment, i.subcategory_id
            ORDER BY a.segment, i.subcategory_id
            """, [.integer(recentStart), .integer(run), .integer(firstDay), .integer(lastDay), .integer(start), .integer(end)]
                + (filter.isEmpty ? [] : condition.bindings),
            table: "interactions", row: { "run \(run), segment \($0.value(0)), subcategory \($0.value(1))" }) { row in
            let recent = try row.int(2, "recent", in: 0...Int.max)
            let total = try row.int(3, "total", in: recent...Int.max)
            return Cell(segment: try row.int(0, "segment", in: 1...max(1, k)), subcategoryID: try row.int(1, "subcategory_id", in: 0...Int(Int32.max)),
                        recent: recent, earlier: total - recent)
        }
        return RecentInterestCounts(end: end, recentSeconds: recentSeconds, earlierSeconds: earlierSeconds, cells: cells)
    }
}
