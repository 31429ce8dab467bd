import Storage
import WarehouseSupport

/// One run's assignments as (user id, segment) in user-id order, without reading the users.
package struct RunLabels: Sendable {
    package let userIDs: [Int64]
    /// 1…k, parallel to `userIDs`.
    package let segments: [Int32]
    package let assigned: [Bool]

    /// - Throws: `WarehouseError.brokenInvariant` for a segment outside 1…k (the run's k when
    ///   given, else 1…`RunRecord.maximumK`).
    package static func read(run: Int64, k: Int? = nil, from connection: WarehouseStore) throws -> RunLabels {
        let statement = try connection.prepare(
            "SELECT user_id, segment, method = 'assigned' FROM segment_assignments WHERE run_id = ? ORDER BY user_id")
        defer { statement.reset() }
        try statement.bind(run, at: 1)
        let largest = Int64(k ?? RunRecord.maximumK)
        var userIDs: [Int64] = [], segments: [Int32] = [], assigned: [Bool] = []
        while try statement.step() {
            let segment = statement.int64(1)
            guard segment >= 1, segment <= largest else {
                throw WarehouseError.brokenInvariant(
                    "run \(run) puts user \(statement.int64(0)) in segment \(segment), outside 1…\(largest)")
            }
            userIDs.append(statement.int64(0))
            segments.append(Int32(segment))
            assigned.append(statement.int64(2) != 0)
        }
        return RunLabels(userIDs: userIDs, segments: segments, assigned: assigned)
    }

    /// The users both runs label, with both labels: a merge of two ascending id lists.
    package static func common(_ a: RunLabels, _ b: RunLabels) -> (userIDs: [Int64], a: [Int32], b: [Int32]) {
        var ids: [Int64] = [], labelsA: [Int32] = [], labelsB: [Int32] = []
        forEachCommonIndex(a.userIDs, b.userIDs) { i, j in
            ids.append(a.userIDs[i])
            labelsA.append(a.segments[i])
            labelsB.append(b.segments[j])
        }
        return (ids, labelsA, labelsB)
    }
    package init(userIDs: [Int64], segments: [Int32], assigned: [Bool]) {
        self.userIDs = userIDs
        self.segments = segments
        self.assigned = assigned
    }
}
