import Storage

/// The users with a segment in one run (fitted or assigned), matched to the rows of a
/// `WarehouseData` read.
///
/// One ordered scan of `segment_assignments` (primary-key order: run, user) merged with
/// `WarehouseData.userIDs` (ascending): linear, no join in SQL. Assignments of users no longer in
/// `users` are skipped. Invariant: `rows` ascending, the three arrays parallel.
package struct RunMembers: Sendable {
    /// Indices into `WarehouseData` of the members, ascending.
    package let rows: [Int32]
    /// Their segments, 1…k.
    package let segments: [Int32]
    /// Whether each was assigned after the run (`method = 'assigned'`) rather than fitted.
    package let assigned: [Bool]

    package var count: Int { rows.count }

    /// - Throws: `WarehouseError.brokenInvariant` for a segment outside 1…k.
    package static func read(run: Int64, k: Int, userIDs: [Int64], from connection: WarehouseStore) throws -> RunMembers {
        let statement = try connection.prepare(
            "SELECT user_id, segment, method = 'assigned' FROM segment_assignments WHERE run_id = ? ORDER BY user_id")
        defer { statement.reset() }
        try statement.bind(run, at: 1)
        var rows: [Int32] = [], segments: [Int32] = [], assigned: [Bool] = []
        var row = 0
        while try statement.step() {
            let user = statement.int64(0)
            while row < userIDs.count && userIDs[row] < user { row += 1 }
            guard row < userIDs.count else { break }
            guard userIDs[row] == user else { continue }
            let segment = statement.int64(1)
            guard segment >= 1, segment <= Int64(k) else {
                throw WarehouseError.brokenInvariant("run \(run) puts user \(user) in segment \(segment), outside 1…\(k)")
            }
            rows.append(Int32(row))
            segments.append(Int32(segment))
            assigned.append(statement.int64(2) != 0)
        }
        return RunMembers(rows: rows, segments: segments, assigned: assigned)
    }
    package init(rows: [Int32], segments: [Int32], assigned: [Bool]) {
        self.rows = rows
        self.segments = segments
        self.assigned = assigned
    }
}
