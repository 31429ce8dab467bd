import Analysis
import Storage

/// `warehouse assign`: places users who have no segment in a run (typically added by
/// `seed --append` after it) in the run's segments without re-clustering, by the run's own
/// projection (see `RunProjection`), and stores them in `segment_assignments` with
/// `method = 'assigned'`, in ONE transaction. The run's fitted users, centroids and profiles are
/// not touched; running it again assigns only users still without a segment.
///
/// Users without likes have no interests to place (their shares are undefined) and are left out,
/// as in the fit.
public enum AssignmentJob {
    public static func run(store: WarehouseStore, run selector: RunSelector,
                           threads: Int = Parallelism.activeProcessorCount) throws -> AssignmentSummary {
        guard threads >= 1, threads <= 256 else {
            throw WarehouseError.invalidArgument("--threads must be between 1 and 256, got \(threads)")
        }
        _ = try store.snapshot { try selector.resolve(in: store.connection) }  // an unknown run fails before the read
        let data = try WarehouseData.read(store)
        let (record, members, projection) = try store.snapshot {
            let record = try selector.record(in: store.connection)
            let members = try RunMembers.read(run: record.id, k: record.k, userIDs: data.userIDs, from: store.connection)
            let projection = try RunProjection.load(record: record, data: data, members: members, threads: threads,
                                                    from: store.connection)
            return (record, members, projection)
        }
        var isMember = [Bool](repeating: false, count: data.userCount)
        for row in members.rows { isMember[Int(row)] = true }
        var candidates: [Int] = []
        var withoutLikes = 0
        for row in 0..<data.userCount where !isMember[row] {
            if data.totalLikes(user: row) > 0 { candidates.append(row) } else { withoutLikes += 1 }
        }
        let placed = projection.place(rows: candidates, data: data, threads: threads)

        let written = try store.write {
            // Another `assign` may have committed since the read: skip whoever it placed.
            let existing = try RunLabels.read(run: record.id, from: store.connection).userIDs
            var keep: [Int] = []
            var next = 0
            for (index, row) in candidates.enumerated() {
                let id = data.userIDs[row]
                while next < existing.count && existing[next] < id { next += 1 }
                if next < existing.count && existing[next] == id { continue }
                keep.append(index)
            }
            let insert = try BatchInsert(connection: store.connection, table: "segment_assignments",
                                         columns: ["run_id", "user_id", "segment", "distance", "method"], rowsPerStatement: 200)
            try insert.insert(count: keep.count) { statement, row, first in
                let index = keep[row]
                try statement.bind(record.id, at: first)
                try statement.bind(data.userIDs[candidates[index]], at: first + 1)
                try statement.bind(Int64(placed.segments[index]), at: first + 2)
                try statement.bind(placed.distances[index], at: first + 3)
                try statement.bind("assigned", at: first + 4)
            }
            return keep
        }
        var perSegment = [Int](repeating: 0, count: record.k)
        for index in written { perSegment[Int(placed.segments[index]) - 1] += 1 }
        let distances = written.map { placed.distances[$0] }
        return AssignmentSummary(
            runID: record.id, assigned: written.count, perSegment: perSegment,
            alreadyInRun: members.count + (candidates.count - written.count), withoutLikes: withoutLikes,
            meanDistance: distances.isEmpty ? nil : distances.reduce(0, +) / Double(distances.count),
            projection: projection.source)
    }
}
