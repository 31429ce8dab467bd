import Storage
import WarehouseSupport

/// One run's assignments as (user id, segment) in user-id order, without reading the users.
package struct RunLabels: Sendable {
    package let userIDs: [Int64]
    /// 1…k, parallel to `userIDs`.
    package let segments: [Int32]
    package let assigned: [Bool]

    /// - Throws: `WarehouseError.brokenInvariant` for a segment outside 1…k (the run's k when
    ///   given, else 1…`RunRecord.maximumK`), naming the run and the user.
    package static func read(run: Int64, k: Int? = nil, from connection: WarehouseStore) throws -> RunLabels {
        var userIDs: [Int64] = [], segments: [Int32] = [], assigned: [Bool] = []
        try AssignmentsTable.eachAssignment(run: run, largestSegment: k ?? RunRecord.maximumK, from: connection) { user, segment, placed in
            userIDs.append(user)
            segments.append(segment)
            assigned.append(placed)
            return true
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
