import Storage

/// `segment_assignments` as `audience` and `lookalike` read it: a segment's members with what
/// `users` says about who they are (`UserContact`: every identifier optional, each checked), and
/// the members outside a segment with their stored coordinates (joined with `pca_scores`).
extension AssignmentsTable {
    /// One user of an audience file.
    package struct Member: Sendable, Equatable {
        package let userID: Int64
        package let contact: UserContact
        package let segment: Int
        /// Distance to the segment's centroid (PCA units), finite and ≥ 0.
        package let distance: Double
        /// The posterior of the segment (0, 1], for a run with membership probabilities.
        package var probability: Double? = nil
    }

    /// The members of `segment` in run `run` still in `users` who pass `filter` (in the same
    /// query, `UserFilter.condition`), within `maxDistance` and with a membership probability of
    /// at least `minProbability` when given, nearest first (ties by user id).
    package static func members(run: Int64, k: Int, segment: Int, maxDistance: Double?, minProbability: Double? = nil,
                                filter: UserFilter = UserFilter(), from connection: WarehouseStore) throws -> [Member] {
        let distance = maxDistance.map { SQLValue.real($0) } ?? .null
        let probability = minProbability.map { SQLValue.real($0) } ?? .null
        let passes = filter.condition(user: "u")
        return try connection.mapRows("""
            SELECT a.user_id, a.segment, a.distance, a.probability, \(UserContact.columns(user: "u"))
            FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
            WHERE a.run_id = ? AND a.segment = ? AND (? IS NULL OR a.distance <= ?) AND (? IS NULL OR a.probability >= ?)
              AND \(passes.sql)
            ORDER BY a.distance, a.user_id
            """, [.integer(run), .integer(Int64(segment)), distance, distance, probability, probability] + passes.bindings,
            table: "segment_assignments", row: { "run \(run), user \($0.value(0))" }) { row in
            let user = try row.int(0, "user_id", in: 1...Int64.max)
            return Member(userID: user, contact: try UserContact(row, from: 4, user: user), segment: try row.int(1, "segment", in: 1...k),
                          distance: try row.real(2, "distance", in: 0...Double.greatestFiniteMagnitude),
                          probability: try row.optionalReal(3, "probability", in: 0...1))
        }
    }

    /// A user of an interest audience: contact fields and the segment run `run` placed them in, if any.
    package struct Contact: Sendable, Equatable {
        package let userID: Int64
        package let contact: UserContact
        /// 1…k; nil for a user the run has not placed.
        package let segment: Int?
    }

    /// The contact fields of `users` (in that order), each with their segment in run `run`: one
    /// primary-key lookup per user. A user no longer in `users` is refused (read inside the
    /// transaction that chose them, so there is none).
    package static func contacts(of users: [Int64], run: Int64, k: Int, from connection: WarehouseStore) throws -> [Contact] {
        let statement = try connection.prepare("""
            SELECT u.id, a.segment, \(UserContact.columns(user: "u")) FROM users AS u
            LEFT JOIN segment_assignments AS a ON a.run_id = ?1 AND a.user_id = u.id
            WHERE u.id = ?2
            """)
        defer { statement.reset() }
        let row = StoredRow(statement: statement, table: "users", row: { "user \(statement.value(0))" })
        return try users.map { user in
            statement.reset()
            try statement.bind([.integer(run), .integer(user)])
            guard try statement.step() else { throw WarehouseError.brokenInvariant("user \(user) left users while it was read") }
            let id = try row.int(0, "id", in: 1...Int64.max)
            return Contact(userID: id, contact: try UserContact(row, from: 2, user: id), segment: try row.optionalInt(1, "segment", in: 1...k))
        }
    }

    /// Whether run `run` stores membership probabilities (a latent-class run).
    package static func hasProbabilities(run: Int64, from connection: WarehouseStore) throws -> Bool {
        try connection.scalar("SELECT 1 FROM segment_assignments WHERE run_id = ? AND probability IS NOT NULL LIMIT 1",
                              [.integer(run)]) != nil
    }

    /// Every user of run `run` with stored scores and a segment other than `segment`, with their
    /// coordinates and contact fields, in user-id order. Users placed later by `assign` have no
    /// stored scores and are not here (see `LookalikeJob`). Only users `filter` passes (in SQL).
    package static func outsiders(run: Int64, k: Int, segment: Int, components: Int, filter: UserFilter = UserFilter(),
                                  from connection: WarehouseStore, _ body: (Member, [Double]) throws -> Void) throws {
        let condition = filter.condition(user: "u")
        var current: (member: Member, scores: [Double?])?
        func flush() throws {
            guard let entry = current else { return }
            guard entry.scores.allSatisfy({ $0 != nil }) else {
                throw WarehouseError.brokenInvariant("pca_scores of run \(run), user \(entry.member.userID) lack components of 1…\(components)")
            }
            try body(entry.member, entry.scores.map { $0 ?? 0 })
        }
        try connection.eachRow("""
            SELECT s.user_id, a.segment, a.distance, s.component, s.score, \(UserContact.columns(user: "u"))
            FROM pca_scores AS s
            JOIN segment_assignments AS a ON a.run_id = s.run_id AND a.user_id = s.user_id
            JOIN users AS u ON u.id = s.user_id
            WHERE s.run_id = ? AND a.segment <> ? AND \(condition.sql)
            ORDER BY s.user_id, s.component
            """, [.integer(run), .integer(Int64(segment))] + condition.bindings, table: "pca_scores",
            row: { "run \(run), user \($0.value(0)), component \($0.value(3))" }) { row in
            let user = try row.int(0, "user_id", in: 1...Int64.max)
            if current?.member.userID != user {
                try flush()
                current = (Member(userID: user, contact: try UserContact(row, from: 5, user: user), segment: try row.int(1, "segment", in: 1...k),
                                  distance: try row.real(2, "distance", in: 0...Double.greatestFiniteMagnitude)),
                           [Double?](repeating: nil, count: components))
            }
            let component = try row.int(3, "component", in: 1...components)
            current?.scores[component - 1] = try row.real(4, "score", in: -RunModelTables.valueLimit...RunModelTables.valueLimit)
        }
        try flush()
    }

    /// Users of run `run` with a segment but no stored scores (placed later by `assign`); with a
    /// non-empty `filter`, those of them it passes.
    package static func membersWithoutScores(run: Int64, filter: UserFilter = UserFilter(), from connection: WarehouseStore) throws -> Int {
        let condition = filter.condition(user: "u")
        return Int(try connection.scalar(filter.isEmpty ? """
            SELECT count(*) FROM segment_assignments AS a
            WHERE a.run_id = ? AND NOT EXISTS (SELECT 1 FROM pca_scores AS s WHERE s.run_id = a.run_id AND s.user_id = a.user_id)
            """ : """
            SELECT count(*) FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
            WHERE a.run_id = ? AND NOT EXISTS (SELECT 1 FROM pca_scores AS s WHERE s.run_id = a.run_id AND s.user_id = a.user_id)
              AND \(condition.sql)
            """, [.integer(run)] + condition.bindings)?.int64 ?? 0)
    }

    /// Members of run `run` whose user is no longer in `users` (deleted by hand since the run, or
    /// lost to a damaged file): every profile, audience and list leaves them out, and says so.
    package static func membersNotInUsers(run: Int64, from connection: WarehouseStore) throws -> Int {
        Int(try connection.scalar("""
            SELECT count(*) FROM segment_assignments AS a
            WHERE a.run_id = ? AND NOT EXISTS (SELECT 1 FROM users AS u WHERE u.id = a.user_id)
            """, [.integer(run)])?.int64 ?? 0)
    }
}
