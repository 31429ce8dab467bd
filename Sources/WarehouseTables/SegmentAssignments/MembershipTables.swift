import Storage

/// The membership probabilities of a latent-class run's users (`segment_assignments.probability`,
/// `runner_up`, `runner_up_probability`), read back range-checked: per segment for `target`, per
/// user for `compare`. Only the two most probable segments of each user are stored, so any sum of
/// probabilities built from them leaves out the rest (below 1 − p − p_runner-up per user).
package enum MembershipTables {
    /// Per segment 1…k of run `run`, over its members still in `users`.
    package struct SegmentMass: Sendable, Equatable {
        /// Σ probability over the segment's members + Σ runner_up_probability over the users whose
        /// runner-up it is: the expected size, short of the third and later segments' mass.
        package var expectedUsers: Double = 0
        /// Members with a stored probability.
        package var members: Int = 0
        /// Σ probability over the members.
        package var probabilitySum: Double = 0
        /// Members whose probability is ≥ the threshold asked for.
        package var certainMembers: Int = 0
    }

    /// Per segment (index 0 = segment 1), nil when the run stores no probabilities (k-means or
    /// imported runs). Users deleted since the run are left out, as everywhere in `target`; so are
    /// users `filter` does not pass (in SQL).
    package static func segmentMass(run: Int64, k: Int, threshold: Double, filter: UserFilter = UserFilter(),
                                    from connection: WarehouseStore) throws -> [SegmentMass]? {
        let runValue = SQLValue.integer(run)
        let condition = filter.condition(user: "u")
        var mass = [SegmentMass](repeating: SegmentMass(), count: k)
        var any = false
        try connection.eachRow("""
            SELECT a.segment, count(*), sum(a.probability), sum(a.probability >= ?) FROM segment_assignments AS a
            JOIN users AS u ON u.id = a.user_id WHERE a.run_id = ? AND a.probability IS NOT NULL AND \(condition.sql)
            GROUP BY a.segment
            """, [.real(threshold), runValue] + condition.bindings, table: "segment_assignments", row: { _ in "run \(run)" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let members = try row.int(1, "count(*)", in: 1...Int(Int32.max))
            mass[segment - 1].members = members
            mass[segment - 1].probabilitySum = try row.real(2, "sum(probability)", in: 0...Double(members) * (1 + 1e-9))
            mass[segment - 1].certainMembers = try row.int(3, "members above the threshold", in: 0...members)
            mass[segment - 1].expectedUsers += mass[segment - 1].probabilitySum
            any = true
        }
        guard any else { return nil }
        try connection.eachRow("""
            SELECT a.runner_up, count(*), sum(a.runner_up_probability) FROM segment_assignments AS a
            JOIN users AS u ON u.id = a.user_id WHERE a.run_id = ? AND a.runner_up IS NOT NULL AND \(condition.sql)
            GROUP BY a.runner_up
            """, [runValue] + condition.bindings, table: "segment_assignments", row: { _ in "run \(run)" }) { row in
            let segment = try row.int(0, "runner_up", in: 1...k)
            let users = try row.int(1, "count(*)", in: 1...Int(Int32.max))
            mass[segment - 1].expectedUsers += try row.real(2, "sum(runner_up_probability)", in: 0...Double(users) * (1 + 1e-9))
        }
        return mass
    }

    /// One run's memberships per user, in user-id order.
    package struct UserMemberships: Sendable {
        package let userIDs: [Int64]
        /// 1…k.
        package let segments: [Int32]
        package let probabilities: [Double]
        /// 1…k, or 0 for none.
        package let runnerUps: [Int32]
        package let runnerUpProbabilities: [Double]
    }

    /// Every user of run `run` with a stored probability, nil when it stores none.
    package static func users(run: Int64, k: Int, from connection: WarehouseStore) throws -> UserMemberships? {
        var ids: [Int64] = [], segments: [Int32] = [], probabilities: [Double] = []
        var runnerUps: [Int32] = [], runnerUpProbabilities: [Double] = []
        try connection.eachRow("""
            SELECT user_id, segment, probability, runner_up, runner_up_probability FROM segment_assignments
            WHERE run_id = ? AND probability IS NOT NULL ORDER BY user_id
            """, [.integer(run)], table: "segment_assignments", row: { s in "run \(run), user \(s.value(0))" }) { row in
            ids.append(try row.int(0, "user_id", in: Int64.min...Int64.max))
            segments.append(Int32(try row.int(1, "segment", in: 1...k)))
            let p = try row.real(2, "probability", in: 0...1)
            probabilities.append(p)
            runnerUps.append(Int32(try row.optionalInt(3, "runner_up", in: 1...k) ?? 0))
            runnerUpProbabilities.append(try row.optionalReal(4, "runner_up_probability", in: 0...1) ?? 0)
        }
        guard !ids.isEmpty else { return nil }
        return UserMemberships(userIDs: ids, segments: segments, probabilities: probabilities, runnerUps: runnerUps,
                               runnerUpProbabilities: runnerUpProbabilities)
    }
}
