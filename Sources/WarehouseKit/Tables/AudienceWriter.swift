import Population
import Storage

/// Stores a targeting report in `segment_audiences`, `segment_age_groups`, `segment_personas`,
/// `segment_affinity` and `segment_category_affinity`, replacing the run's previous rows. Call it
/// inside one write transaction, so the tables always hold one whole report per run.
enum AudienceWriter {
    static let tables = ["segment_audiences", "segment_age_groups", "segment_personas", "segment_affinity", "segment_category_affinity"]

    static func write(_ report: TargetingReport, to connection: Connection) throws {
        let run = SQLValue.integer(report.runID)
        for table in tables {
            try connection.run("DELETE FROM \(table) WHERE run_id = ?", [run])
        }
        let audience = try connection.prepare(
            "INSERT INTO segment_audiences(run_id, segment, users, assigned_users, share, mean_age) VALUES (?, ?, ?, ?, ?, ?)")
        let ages = try connection.prepare(
            "INSERT INTO segment_age_groups(run_id, segment, age_group, users, share, affinity_index) VALUES (?, ?, ?, ?, ?, ?)")
        let personas = try connection.prepare(
            "INSERT INTO segment_personas(run_id, segment, persona_id, users, share, affinity_index) VALUES (?, ?, ?, ?, ?, ?)")
        let affinityColumns = "users_liking, user_share, user_index, likes, like_share, like_index"
        let subcategories = try connection.prepare(
            "INSERT INTO segment_affinity(run_id, segment, subcategory_id, \(affinityColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let categories = try connection.prepare(
            "INSERT INTO segment_category_affinity(run_id, segment, category_id, \(affinityColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for segment in report.segments {
            let number = SQLValue.integer(Int64(segment.segment))
            try audience.run([run, number, .integer(Int64(segment.users)), .integer(Int64(segment.assignedUsers)),
                              .real(segment.share), optional(segment.meanAge)])
            for group in segment.ageGroups {
                try ages.run([run, number, .text(group.name), .integer(Int64(group.users)), .real(group.share), optional(group.index)])
            }
            for persona in segment.personas {
                try personas.run([run, number, .integer(Int64(persona.id)), .integer(Int64(persona.users)),
                                  .real(persona.share), optional(persona.index)])
            }
            for (statement, lines) in [(subcategories, segment.subcategories), (categories, segment.categories)] {
                for line in lines {
                    try statement.run([run, number, .integer(Int64(line.id)), .integer(Int64(line.usersLiking)),
                                       .real(line.userShare), optional(line.userIndex), .integer(Int64(line.likes)),
                                       .real(line.likeShare), optional(line.likeIndex)])
                }
            }
        }
    }

    private static func optional(_ value: Double?) -> SQLValue {
        value.map { .real($0) } ?? .null
    }
}
