import Storage

/// The targeting profile `warehouse target` stores per run: `segment_audiences`,
/// `segment_age_groups`, `segment_personas`, `segment_affinity` and
/// `segment_category_affinity`. A run has one whole profile or none: `replace` deletes the old
/// one and writes the new inside the caller's transaction.
///
/// Only the integer counts (and mean ages) are read back: shares and indexes are functions of
/// them (`Targeting`), so a profile read equals the profile stored.
package enum AudienceTables {
    package static let tables = ["segment_audiences", "segment_age_groups", "segment_personas", "segment_affinity", "segment_category_affinity"]

    /// A row of `segment_audiences`.
    package struct Audience: Sendable, Equatable {
        package let segment: Int
        package let users: Int
        package let assignedUsers: Int
        package let share: Double
        package let meanAge: Double?
        package init(segment: Int, users: Int, assignedUsers: Int, share: Double, meanAge: Double?) {
            self.segment = segment
            self.users = users
            self.assignedUsers = assignedUsers
            self.share = share
            self.meanAge = meanAge
        }
    }

    /// A row of `segment_age_groups` (key: the age group's label) or `segment_personas` (key: the persona id).
    package struct Group<Key: Sendable & Equatable>: Sendable, Equatable {
        package let segment: Int
        package let key: Key
        package let users: Int
        package let share: Double
        package let index: Double?
        package init(segment: Int, key: Key, users: Int, share: Double, index: Double?) {
            self.segment = segment
            self.key = key
            self.users = users
            self.share = share
            self.index = index
        }
    }

    /// A row of `segment_affinity` (id: subcategory) or `segment_category_affinity` (id: category).
    package struct AffinityRow: Sendable, Equatable {
        package let segment: Int
        package let id: Int
        package let usersLiking: Int
        package let userShare: Double
        package let userIndex: Double?
        package let likes: Int
        package let likeShare: Double
        package let likeIndex: Double?
        /// The one affinity (`lift`, see migration 0012); nil in rows read back.
        package let lift: Double?
        package init(segment: Int, id: Int, usersLiking: Int, userShare: Double, userIndex: Double?, likes: Int, likeShare: Double,
                     likeIndex: Double?, lift: Double? = nil) {
            self.segment = segment
            self.id = id
            self.usersLiking = usersLiking
            self.userShare = userShare
            self.userIndex = userIndex
            self.likes = likes
            self.likeShare = likeShare
            self.likeIndex = likeIndex
            self.lift = lift
        }
    }

    /// A whole profile.
    package struct Profile: Sendable, Equatable {
        package var audiences: [Audience] = []
        package var ageGroups: [Group<String>] = []
        package var personas: [Group<Int>] = []
        package var subcategories: [AffinityRow] = []
        package var categories: [AffinityRow] = []
        /// When `target` stored it (ISO 8601 UTC); "" for a profile not yet stored.
        package var computedAt = ""
        package init(audiences: [Audience] = [], ageGroups: [Group<String>] = [], personas: [Group<Int>] = [], subcategories: [AffinityRow] = [], categories: [AffinityRow] = [], computedAt: String = "") {
            self.computedAt = computedAt
            self.audiences = audiences
            self.ageGroups = ageGroups
            self.personas = personas
            self.subcategories = subcategories
            self.categories = categories
        }
    }

    /// Largest count of likes one row may claim: a billion users' likes fit, and the sums over
    /// every segment and interest cannot overflow.
    package static let maximumLikes = 1 << 40

    /// Replaces run `run`'s profile.
    package static func replace(run: Int64, with profile: Profile, in connection: WarehouseStore) throws {
        let id = SQLValue.integer(run)
        for table in tables {
            try connection.run("DELETE FROM \(table) WHERE run_id = ?", [id])
        }
        func optional(_ value: Double?) -> SQLValue { value.map { .real($0) } ?? .null }
        let audience = try connection.prepare(
            "INSERT INTO segment_audiences(run_id, segment, users, assigned_users, share, mean_age) VALUES (?, ?, ?, ?, ?, ?)")
        for row in profile.audiences {
            try audience.run([id, .integer(Int64(row.segment)), .integer(Int64(row.users)), .integer(Int64(row.assignedUsers)),
                              .real(row.share), optional(row.meanAge)])
        }
        let ages = try connection.prepare(
            "INSERT INTO segment_age_groups(run_id, segment, age_group, users, share, affinity_index) VALUES (?, ?, ?, ?, ?, ?)")
        for row in profile.ageGroups {
            try ages.run([id, .integer(Int64(row.segment)), .text(row.key), .integer(Int64(row.users)), .real(row.share), optional(row.index)])
        }
        let personas = try connection.prepare(
            "INSERT INTO segment_personas(run_id, segment, persona_id, users, share, affinity_index) VALUES (?, ?, ?, ?, ?, ?)")
        for row in profile.personas {
            try personas.run([id, .integer(Int64(row.segment)), .integer(Int64(row.key)), .integer(Int64(row.users)),
                              .real(row.share), optional(row.index)])
        }
        let columns = "users_liking, user_share, user_index, likes, like_share, like_index, lift"
        let subcategories = try connection.prepare(
            "INSERT INTO segment_affinity(run_id, segment, subcategory_id, \(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let categories = try connection.prepare(
            "INSERT INTO segment_category_affinity(run_id, segment, category_id, \(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (statement, rows) in [(subcategories, profile.subcategories), (categories, profile.categories)] {
            for row in rows {
                try statement.run([id, .integer(Int64(row.segment)), .integer(Int64(row.id)), .integer(Int64(row.usersLiking)),
                                   .real(row.userShare), optional(row.userIndex), .integer(Int64(row.likes)),
                                   .real(row.likeShare), optional(row.likeIndex), optional(row.lift)])
            }
        }
    }

    /// Run `run`'s stored counts, nil when `target` has not been run for it. Shares and indexes
    /// are not read (0 / nil in the rows returned).
    /// - Throws: `WarehouseError.brokenInvariant` naming the row for a segment outside 1…k or a
    ///   count out of range.
    package static func read(run: Int64, k: Int, from connection: WarehouseStore) throws -> Profile? {
        let id = SQLValue.integer(run)
        let users = 0...Int(Int32.max)
        var profile = Profile()
        try connection.eachRow("SELECT segment, users, assigned_users, mean_age, computed_at FROM segment_audiences WHERE run_id = ? ORDER BY segment",
                               [id], table: "segment_audiences", row: { "run \(run), segment \($0.value(0))" }) { row in
            let members = try row.int(1, "users", in: users)
            profile.audiences.append(Audience(segment: try row.int(0, "segment", in: 1...k), users: members,
                                              assignedUsers: try row.int(2, "assigned_users", in: 0...members), share: 0,
                                              meanAge: try row.optionalReal(3, "mean_age", in: 0...150)))
            profile.computedAt = try row.text(4, "computed_at", maxLength: 64)
        }
        guard !profile.audiences.isEmpty else { return nil }
        try connection.eachRow("SELECT segment, age_group, users FROM segment_age_groups WHERE run_id = ?", [id],
                               table: "segment_age_groups", row: { "run \(run), segment \($0.value(0))" }) { row in
            profile.ageGroups.append(Group(segment: try row.int(0, "segment", in: 1...k), key: try row.text(1, "age_group", maxLength: 16),
                                           users: try row.int(2, "users", in: users), share: 0, index: nil))
        }
        try connection.eachRow("SELECT segment, persona_id, users FROM segment_personas WHERE run_id = ?", [id],
                               table: "segment_personas", row: { "run \(run), segment \($0.value(0))" }) { row in
            profile.personas.append(Group(segment: try row.int(0, "segment", in: 1...k),
                                          key: try row.int(1, "persona_id", in: 1...Int(Int32.max)),
                                          users: try row.int(2, "users", in: users), share: 0, index: nil))
        }
        for (table, key) in [("segment_affinity", "subcategory_id"), ("segment_category_affinity", "category_id")] {
            var rows: [AffinityRow] = []
            try connection.eachRow("SELECT segment, \(key), users_liking, likes FROM \(table) WHERE run_id = ?", [id], table: table,
                                   row: { "run \(run), segment \($0.value(0)), \(key) \($0.value(1))" }) { row in
                rows.append(AffinityRow(segment: try row.int(0, "segment", in: 1...k), id: try row.int(1, key, in: Int(Int32.min)...Int(Int32.max)),
                                     usersLiking: try row.int(2, "users_liking", in: users), userShare: 0, userIndex: nil,
                                     likes: try row.int(3, "likes", in: 0...maximumLikes), likeShare: 0, likeIndex: nil))
            }
            if table == "segment_affinity" { profile.subcategories = rows } else { profile.categories = rows }
        }
        return profile
    }
}
