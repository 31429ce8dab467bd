import Storage

/// Every assigned user's segment in one run, matched to the users read into memory.
///
/// One ordered scan of `segment_assignments` (primary key order: run, user) merged with
/// `WarehouseData.userIDs` (ascending): linear in the users, no join in SQL. Assignments of users
/// no longer in `users` are skipped.
struct RunMembership: Sendable {
    /// Indices into `WarehouseData` of the assigned users, ascending.
    let rows: [Int32]
    /// Their segments, 1…k, parallel to `rows`.
    let segments: [Int32]

    /// - Throws: `WarehouseError.brokenInvariant` for a segment outside 1…k.
    static func read(run: Int64, k: Int, userIDs: [Int64], from connection: Connection) throws -> RunMembership {
        let statement = try connection.prepare(
            "SELECT user_id, segment FROM segment_assignments WHERE run_id = ? ORDER BY user_id")
        defer { statement.reset() }
        try statement.bind(run, at: 1)
        var rows: [Int32] = []
        var segments: [Int32] = []
        rows.reserveCapacity(userIDs.count)
        segments.reserveCapacity(userIDs.count)
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
        }
        return RunMembership(rows: rows, segments: segments)
    }
}
