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

    /// The members among `userIDs` (ascending); `ids`: a range holding them all, to scan only
    /// the assignments of a chunk of users; `filter`: only the members it passes (in SQL).
    /// - Throws: `WarehouseError.brokenInvariant` for a segment outside 1…k.
    package static func read(run: Int64, k: Int, userIDs: [Int64], ids: ClosedRange<Int64> = Int64.min...Int64.max,
                             filter: UserFilter = UserFilter(), from connection: WarehouseStore) throws -> RunMembers {
        var rows: [Int32] = [], segments: [Int32] = [], assigned: [Bool] = []
        var row = 0
        try AssignmentsTable.eachAssignment(run: run, largestSegment: k, ids: ids, filter: filter, from: connection) { user, segment, placed in
            while row < userIDs.count && userIDs[row] < user { row += 1 }
            guard row < userIDs.count else { return false }
            guard userIDs[row] == user else { return true }
            rows.append(Int32(row))
            segments.append(segment)
            assigned.append(placed)
            return true
        }
        return RunMembers(rows: rows, segments: segments, assigned: assigned)
    }
    package init(rows: [Int32], segments: [Int32], assigned: [Bool]) {
        self.rows = rows
        self.segments = segments
        self.assigned = assigned
    }
}
