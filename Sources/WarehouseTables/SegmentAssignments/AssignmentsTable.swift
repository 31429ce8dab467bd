import Storage

/// `segment_assignments`: each user's segment in a run, its distance to the segment's centroid,
/// and whether the run fitted the user or `warehouse assign` placed them later. The readers of
/// whole runs are `RunLabels` (by user id) and `RunMembers` (matched to a `WarehouseData` read).
package enum AssignmentsTable {
    /// `segment_assignments.method`.
    package enum Method: String, Sendable {
        case fitted, assigned
    }

    /// One user's place in a run.
    package struct Placement: Sendable, Equatable {
        /// 1…k of the run.
        package let segment: Int
        /// Distance to the centroid, PCA units, finite and ≥ 0.
        package let distance: Double
        package let method: Method
    }

    /// Inserts one row per user: `labels` 0-based (stored 1-based), parallel to `userIDs` and `distances`.
    /// `memberships`: a latent-class run's posterior of the segment, runner-up (0-based, −1 for
    /// none, stored 1-based or NULL) and its posterior, parallel to `userIDs`.
    package static func insert(run: Int64, userIDs: [Int64], labels: [Int32], distances: [Double], method: Method,
                       memberships: Memberships? = nil, into connection: WarehouseStore) throws {
        precondition(labels.count == userIDs.count && distances.count == userIDs.count, "assignment arrays differ in length")
        if let memberships {
            try insertWithMemberships(run: run, userIDs: userIDs, labels: labels, distances: distances, memberships,
                                      method: method, into: connection)
            return
        }
        // 'fitted' is the column's default: a run's million rows need not carry it.
        let columns = ["run_id", "user_id", "segment", "distance"] + (method == .fitted ? [] : ["method"])
        let rows = try connection.batchInsert(table: "segment_assignments", columns: columns, rowsPerStatement: 200)
        let name = method.rawValue
        try rows.insert(count: userIDs.count) { statement, row, first in
            try statement.bind(run, at: first)
            try statement.bind(userIDs[row], at: first + 1)
            try statement.bind(Int64(labels[row]) + 1, at: first + 2)
            try statement.bind(distances[row], at: first + 3)
            if method != .fitted { try statement.bind(name, at: first + 4) }
        }
    }

    /// Posterior membership of each fitted user (latent-class runs).
    package struct Memberships: Sendable {
        package let probabilities: [Double]
        package let runnerUp: [Int32]
        package let runnerUpProbabilities: [Double]
        package init(probabilities: [Double], runnerUp: [Int32], runnerUpProbabilities: [Double]) {
            self.probabilities = probabilities
            self.runnerUp = runnerUp
            self.runnerUpProbabilities = runnerUpProbabilities
        }
    }

    private static func insertWithMemberships(run: Int64, userIDs: [Int64], labels: [Int32], distances: [Double],
                                              _ m: Memberships, method: Method, into connection: WarehouseStore) throws {
        precondition(m.probabilities.count == userIDs.count && m.runnerUp.count == userIDs.count
                     && m.runnerUpProbabilities.count == userIDs.count, "membership arrays differ in length")
        let columns = ["run_id", "user_id", "segment", "distance", "probability", "runner_up", "runner_up_probability"]
            + (method == .fitted ? [] : ["method"])
        let rows = try connection.batchInsert(table: "segment_assignments", columns: columns, rowsPerStatement: 100)
        let name = method.rawValue
        try rows.insert(count: userIDs.count) { statement, row, first in
            try statement.bind(run, at: first)
            try statement.bind(userIDs[row], at: first + 1)
            try statement.bind(Int64(labels[row]) + 1, at: first + 2)
            try statement.bind(distances[row], at: first + 3)
            // The stored posterior is clamped into the column's (0, 1]: an underflow to 0 cannot
            // happen for the most probable of k ≤ 1000 segments (it is ≥ 1/k).
            try statement.bind(min(1, max(m.probabilities[row], Double.leastNormalMagnitude)), at: first + 4)
            if m.runnerUp[row] >= 0 {
                try statement.bind(Int64(m.runnerUp[row]) + 1, at: first + 5)
                try statement.bind(min(1, max(0, m.runnerUpProbabilities[row])), at: first + 6)
            } else {
                try statement.bindNull(at: first + 5)
                try statement.bindNull(at: first + 6)
            }
            if method != .fitted { try statement.bind(name, at: first + 7) }
        }
    }

    /// Where run `record` put user `user`, nil when it has no segment for them.
    package static func placement(of user: Int64, in record: RunRecord, from connection: WarehouseStore) throws -> Placement? {
        try connection.mapRows("SELECT segment, distance, method FROM segment_assignments WHERE run_id = ? AND user_id = ?",
                               [.integer(record.id), .integer(user)], table: "segment_assignments",
                               row: { _ in "run \(record.id), user \(user)" }) { row in
            let method = try row.text(2, "method", maxLength: 16)
            guard let known = Method(rawValue: method) else {
                throw WarehouseError.brokenInvariant(
                    "segment_assignments.method of run \(record.id), user \(user) is '\(StoredRow.excerpt(method))', not fitted or assigned")
            }
            return Placement(segment: try row.int(0, "segment", in: 1...record.k),
                             distance: try row.real(1, "distance", in: 0...Double.greatestFiniteMagnitude), method: known)
        }.first
    }

    /// Users in segment `segment` of run `run` (fitted or assigned).
    package static func segmentSize(run: Int64, segment: Int, from connection: WarehouseStore) throws -> Int {
        Int(try connection.scalar("SELECT count(*) FROM segment_assignments WHERE run_id = ? AND segment = ?",
                                  [.integer(run), .integer(Int64(segment))])?.int64 ?? 0)
    }

    /// Users with a segment in run `run` who are still in `users`.
    package static func memberCount(run: Int64, from connection: WarehouseStore) throws -> Int {
        Int(try connection.scalar(
            "SELECT count(*) FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id WHERE a.run_id = ?",
            [.integer(run)])?.int64 ?? 0)
    }

    /// Users placed by `warehouse assign`, per run that has any.
    package static func assignedCounts(from connection: WarehouseStore) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for row in try connection.rows(
            "SELECT run_id, count(*) FROM segment_assignments WHERE method = 'assigned' GROUP BY run_id") {
            if let run = row[0].int64, let count = row[1].int64 { counts[run] = Int(count) }
        }
        return counts
    }

    /// Users of run `run` per bin of their segment's posterior probability, `bins` bins of equal
    /// width over (0, 1] (bin = min(bins − 1, ⌊p × bins⌋)); empty when the run stores no
    /// probability (k-means and imported runs).
    package static func certaintyHistogram(run: Int64, bins: Int, from connection: WarehouseStore) throws -> [Int] {
        var certainty: [Int] = []
        try connection.eachRow("""
            SELECT min(\(bins - 1), CAST(probability * \(bins) AS INTEGER)) AS bin, count(*) FROM segment_assignments
            WHERE run_id = ? AND probability IS NOT NULL GROUP BY bin ORDER BY bin
            """, [.integer(run)], table: "segment_assignments", row: { "run \(run), probability bin \($0.value(0))" }) { row in
            if certainty.isEmpty { certainty = [Int](repeating: 0, count: bins) }
            let bin = try row.int(0, "probability", in: 0...(bins - 1))
            certainty[bin] = try row.int(1, "count", in: 0...Int(Int32.max))
        }
        return certainty
    }

    /// Users of each segment per age group (the groups of `user_profiles`), from the run's members.
    /// `counts[segment − 1][g]` for the groups in `SegmentNaming.ageGroups` order.
    package static func ageGroupCounts(run: Int64, k: Int, from connection: WarehouseStore) throws -> [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 7), count: k)
        try connection.eachRow("""
            SELECT a.segment,
                   CASE WHEN u.age < 18 THEN 0 WHEN u.age < 25 THEN 1 WHEN u.age < 35 THEN 2 WHEN u.age < 45 THEN 3
                        WHEN u.age < 55 THEN 4 WHEN u.age < 65 THEN 5 ELSE 6 END AS age_group,
                   count(*)
            FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
            WHERE a.run_id = ? GROUP BY 1, 2
            """, [.integer(run)], table: "segment_assignments", row: { "run \(run), segment \($0.value(0))" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let group = try row.int(1, "age_group", in: 0...6)
            counts[segment - 1][group] = try row.int(2, "count", in: 0...Int(Int32.max))
        }
        return counts
    }

    /// Calls `body` with every assignment of run `run` to a user with an id in `ids`, in user-id
    /// order (the primary key's): user id, segment (checked in 1…`largestSegment`) and whether
    /// `assign` placed the user after the run. `body` returns false to stop the scan. The one scan
    /// `RunLabels` and `RunMembers` read a run by. With a non-empty `filter`, only the users it
    /// passes (joined to `users` by primary key, the condition in SQL); the order is the same.
    static func eachAssignment(run: Int64, largestSegment: Int, ids: ClosedRange<Int64> = Int64.min...Int64.max,
                               filter: UserFilter = UserFilter(),
                               from connection: WarehouseStore, _ body: (Int64, Int32, Bool) throws -> Bool) throws {
        let condition = filter.condition(user: "u")
        let statement = try connection.prepare(filter.isEmpty ? """
            SELECT user_id, segment, method = 'assigned' FROM segment_assignments
            WHERE run_id = ? AND user_id BETWEEN ? AND ? ORDER BY user_id
            """ : """
            SELECT a.user_id, a.segment, a.method = 'assigned' FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
            WHERE a.run_id = ? AND a.user_id BETWEEN ? AND ? AND \(condition.sql) ORDER BY a.user_id
            """)
        defer { statement.reset() }
        try statement.bind([.integer(run), .integer(ids.lowerBound), .integer(ids.upperBound)] + condition.bindings)
        let row = StoredRow(statement: statement, table: "segment_assignments",
                            row: { "run \(run), user \(statement.value(0))" })
        while try statement.step() {
            let user = try row.int(0, "user_id", in: Int64.min...Int64.max)
            let segment = try row.int(1, "segment", in: 1...Int64(largestSegment))
            guard try body(user, Int32(segment), try row.int(2, "method = 'assigned'", in: 0...1) == 1) else { return }
        }
    }
}
