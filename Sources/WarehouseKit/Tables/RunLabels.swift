import Storage

/// One run's assignments as (user id, segment) in user-id order, without reading the users.
struct RunLabels: Sendable {
    let userIDs: [Int64]
    /// 1…k, parallel to `userIDs`.
    let segments: [Int32]
    let assigned: [Bool]

    static func read(run: Int64, from connection: Connection) throws -> RunLabels {
        let statement = try connection.prepare(
            "SELECT user_id, segment, method = 'assigned' FROM segment_assignments WHERE run_id = ? ORDER BY user_id")
        defer { statement.reset() }
        try statement.bind(run, at: 1)
        var userIDs: [Int64] = [], segments: [Int32] = [], assigned: [Bool] = []
        while try statement.step() {
            userIDs.append(statement.int64(0))
            segments.append(Int32(clamping: statement.int64(1)))
            assigned.append(statement.int64(2) != 0)
        }
        return RunLabels(userIDs: userIDs, segments: segments, assigned: assigned)
    }

    /// The users both runs label, with both labels: a merge of two ascending id lists.
    static func common(_ a: RunLabels, _ b: RunLabels) -> (userIDs: [Int64], a: [Int32], b: [Int32]) {
        var ids: [Int64] = [], labelsA: [Int32] = [], labelsB: [Int32] = []
        var i = 0, j = 0
        while i < a.userIDs.count && j < b.userIDs.count {
            if a.userIDs[i] < b.userIDs[j] {
                i += 1
            } else if a.userIDs[i] > b.userIDs[j] {
                j += 1
            } else {
                ids.append(a.userIDs[i])
                labelsA.append(a.segments[i])
                labelsB.append(b.segments[j])
                i += 1
                j += 1
            }
        }
        return (ids, labelsA, labelsB)
    }
}
