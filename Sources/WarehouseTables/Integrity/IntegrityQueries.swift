import Storage

/// The SQL of `warehouse check` (and of the seed's refusal to append to a damaged file): each
/// query finds the offenders of one rule and returns how many there are and the first one,
/// in key order, so a verdict can name it. Read-only, every one.
package enum IntegrityQueries {
    /// The offenders of one rule: their number (0: the rule holds) and the first one's columns.
    package struct Offenders: Sendable, Equatable {
        package let count: Int64
        package let first: [SQLValue]

        package static let none = Offenders(count: 0, first: [])
    }

    /// Runs `sql`, whose last column is `count(*) OVER ()` and which returns at most one row.
    private static func offenders(_ sql: String, _ connection: WarehouseStore) throws -> Offenders {
        guard let row = try connection.rows(sql).first, let count = row.last?.int64 else { return .none }
        return Offenders(count: count, first: Array(row.dropLast()))
    }

    // MARK: SQLite's own checks

    /// The messages of `PRAGMA integrity_check` (or the faster `quick_check`, which skips the
    /// comparison of indexes with their tables), at most `limit`; `["ok"]` when the file is sound.
    package static func integrity(_ connection: WarehouseStore, quick: Bool = false, limit: Int = 100) throws -> [String] {
        let pragma = quick ? "quick_check" : "integrity_check"
        return try connection.rows("PRAGMA \(pragma)(\(max(1, limit)))").map { $0.first?.string ?? "?" }
    }

    /// `PRAGMA foreign_key_check`: (table, rowid or NULL, parent table) of the first violation.
    /// Counted as the rows stream by, never held: a damaged file can have millions.
    package static func foreignKeyViolations(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("SELECT \"table\", rowid, parent, count(*) OVER () FROM pragma_foreign_key_check LIMIT 1", connection)
    }

    // MARK: The schema

    package static func userVersion(_ connection: WarehouseStore) throws -> Int64 {
        try connection.scalar("PRAGMA user_version")?.int64 ?? 0
    }

    /// A table's REAL columns and its primary-key columns (in key order; `rowid` when none is
    /// declared), read from `connection`: the reference schema, so the names are the migrations'.
    package static func realColumns(of table: String, _ connection: WarehouseStore) throws -> (real: [String], key: [String]) {
        let columns = try connection.rows(
            "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", [.text(table)])
        let real = columns.filter { $0[1].string?.uppercased() == "REAL" }.compactMap { $0[0].string }
        let key = columns.filter { ($0[2].int64 ?? 0) > 0 }.sorted { ($0[2].int64 ?? 0) < ($1[2].int64 ?? 0) }.compactMap { $0[0].string }
        return (real, key.isEmpty ? ["rowid"] : key)
    }

    // MARK: The warehouse's invariants

    /// Users whose likes do not sum to `liked_posts`: (user, liked_posts, sum of likes).
    /// A sum beyond 64 bits makes SQLite's `sum` fail: `likeSumOverflows` finds those users.
    package static func likeSumMismatches(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("""
            SELECT u.id, u.liked_posts, coalesce(l.total, 0), count(*) OVER ()
            FROM users AS u
            LEFT JOIN (SELECT user_id, sum(likes) AS total FROM user_likes GROUP BY user_id) AS l ON l.user_id = u.id
            WHERE coalesce(l.total, 0) <> u.liked_posts
            ORDER BY u.id LIMIT 1
            """, connection)
    }

    /// Users whose likes sum beyond Int64.max (so never to `liked_posts`): (user, approximate sum).
    package static func likeSumOverflows(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("""
            SELECT user_id, total(likes), count(*) OVER ()
            FROM user_likes GROUP BY user_id HAVING total(likes) >= 9223372036854775807.0
            ORDER BY user_id LIMIT 1
            """, connection)
    }

    /// Like rows with a count of zero or less: (user, subcategory, likes).
    package static func nonPositiveLikes(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("""
            SELECT user_id, subcategory_id, likes, count(*) OVER ()
            FROM user_likes WHERE likes <= 0
            ORDER BY user_id, subcategory_id LIMIT 1
            """, connection)
    }

    /// Like rows of a user or a subcategory that does not exist: (user, subcategory, user exists, subcategory exists).
    /// The users are looked up once each (likes come in user order), not once per like row.
    package static func orphanLikes(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("""
            WITH missing_users AS (
                     SELECT user_id FROM (SELECT DISTINCT user_id FROM user_likes)
                     WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.id = user_id)),
                 missing_subcategories AS (
                     SELECT DISTINCT subcategory_id FROM user_likes WHERE subcategory_id NOT IN (SELECT id FROM subcategories))
            SELECT l.user_id, l.subcategory_id, l.user_id NOT IN missing_users, l.subcategory_id NOT IN missing_subcategories,
                   count(*) OVER ()
            FROM user_likes AS l
            WHERE l.user_id IN missing_users OR l.subcategory_id IN missing_subcategories
            ORDER BY l.user_id, l.subcategory_id LIMIT 1
            """, connection)
    }

    /// Users with more than one persona row, or a persona row of a missing user or persona:
    /// (user, persona rows, user exists, every persona exists).
    package static func personaProblems(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("""
            SELECT user_id, n, user_exists, personas_exist, count(*) OVER ()
            FROM (SELECT up.user_id, count(*) AS n,
                         EXISTS (SELECT 1 FROM users AS u WHERE u.id = up.user_id) AS user_exists,
                         min(EXISTS (SELECT 1 FROM personas AS p WHERE p.id = up.persona_id)) AS personas_exist
                  FROM user_personas AS up GROUP BY up.user_id)
            WHERE n > 1 OR NOT user_exists OR NOT personas_exist
            ORDER BY user_id LIMIT 1
            """, connection)
    }

    /// Seed batches whose users are not exactly their id range, or whose like rows are not the
    /// ones recorded: (batch, users, first id, last id, like_rows, users counted, lowest id,
    /// highest id, like rows counted).
    package static func seedBatchMismatches(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("""
            SELECT b.id, b.users, b.first_user_id, b.last_user_id, b.like_rows,
                   coalesce(c.n, 0), c.lo, c.hi, coalesce(c.likes, 0), count(*) OVER ()
            FROM seed_batches AS b
            LEFT JOIN (SELECT u.seed_batch_id AS id, count(*) AS n, min(u.id) AS lo, max(u.id) AS hi,
                              sum((SELECT count(*) FROM user_likes AS l WHERE l.user_id = u.id)) AS likes
                       FROM users AS u WHERE u.seed_batch_id IS NOT NULL GROUP BY u.seed_batch_id) AS c ON c.id = b.id
            WHERE coalesce(c.n, 0) <> b.users OR c.lo < b.first_user_id OR c.hi > b.last_user_id
               OR b.last_user_id - b.first_user_id + 1 <> b.users OR coalesce(c.likes, 0) <> b.like_rows
            ORDER BY b.id LIMIT 1
            """, connection)
    }

    /// Assignments whose segment is outside 1…k of their run: (run, user, segment, k).
    package static func segmentsOutOfRange(_ connection: WarehouseStore) throws -> Offenders {
        try offenders("""
            SELECT a.run_id, a.user_id, a.segment, r.k, count(*) OVER ()
            FROM segment_assignments AS a JOIN segmentation_runs AS r ON r.id = a.run_id
            WHERE a.segment < 1 OR a.segment > r.k
            ORDER BY a.run_id, a.user_id LIMIT 1
            """, connection)
    }

    /// Runs whose `latent_class_group_weights` do not match their covariates: (run, covariates,
    /// groups with weights, of them valid labels for the covariates, weight rows, k, largest
    /// |Σ weights − 1| of a group, the groups the covariates have). A run with covariates needs
    /// each of its covariate's groups (`LatentClassCovariate.groupLabels`) × k weights, each group's
    /// summing to 1 (to 1e-9); a run without, none.
    package static func groupWeightMismatches(_ connection: WarehouseStore) throws -> Offenders {
        // The covariates and their labels, as constants of this binary (not stored text).
        let known = LatentClassCovariate.allCases.map { covariate in
            "SELECT '\(covariate.rawValue)' AS covariates, \(covariate.groupLabels.count) AS groups, column1 AS label FROM (VALUES "
                + covariate.groupLabels.map { "('\($0)')" }.joined(separator: ", ") + ")"
        }
        return try offenders("""
            WITH labels(covariates, groups, label) AS (\(known.joined(separator: " UNION ALL "))),
            per_group AS (
                SELECT w.run_id, w.mixing_group, count(*) AS n, sum(w.weight) AS total,
                       EXISTS (SELECT 1 FROM labels AS l JOIN segmentation_runs AS r ON r.covariates = l.covariates
                               WHERE r.id = w.run_id AND l.label = w.mixing_group) AS valid
                FROM latent_class_group_weights AS w GROUP BY w.run_id, w.mixing_group),
            per_run AS (
                SELECT run_id, count(*) AS groups, sum(valid) AS valid, sum(n) AS weights, max(abs(total - 1)) AS gap
                FROM per_group GROUP BY run_id),
            expected AS (SELECT DISTINCT covariates, groups FROM labels)
            SELECT r.id, r.covariates, coalesce(p.groups, 0), coalesce(p.valid, 0), coalesce(p.weights, 0), r.k, p.gap,
                   e.groups, count(*) OVER ()
            FROM segmentation_runs AS r LEFT JOIN per_run AS p ON p.run_id = r.id
            LEFT JOIN expected AS e ON e.covariates = r.covariates
            WHERE (r.covariates IS NULL AND p.run_id IS NOT NULL)
               OR (r.covariates IS NOT NULL AND (coalesce(p.groups, 0) <> e.groups OR coalesce(p.valid, 0) <> e.groups
                   OR coalesce(p.weights, 0) <> e.groups * r.k OR NOT (p.gap <= 1e-9)))
            ORDER BY r.id LIMIT 1
            """, connection)
    }

    /// One run's settings and the rows its child tables hold.
    package struct RunRowCounts: Sendable {
        package let run: Int64
        package let k: Int64
        package let components: Int64
        package let features: Int64
        package let users: Int64
        /// (table, rows), in the order of the run's tables.
        package let rows: [(table: String, rows: Int64)]
    }

    /// The child tables counted per run: (table, a filter on its rows).
    package static let runChildTables: [(table: String, filter: String)] = [
        ("feature_scaling", ""), ("pca_variance", ""), ("pca_variance", "kept = 1"), ("pca_loadings", ""),
        ("segment_centroids", ""), ("segments", ""), ("segment_assignments", "method = 'fitted'"), ("pca_scores", ""),
    ]

    package static func runRowCounts(_ connection: WarehouseStore) throws -> [RunRowCounts] {
        // One grouped scan per child table (each is keyed by run_id first), joined to the runs.
        var counts: [[Int64: Int64]] = []
        for child in runChildTables {
            var byRun: [Int64: Int64] = [:]
            let filter = child.filter.isEmpty ? "" : " WHERE \(child.filter)"
            for row in try connection.rows("SELECT run_id, count(*) FROM \(quotedIdentifier(child.table))\(filter) GROUP BY run_id") {
                if let run = row[0].int64 { byRun[run] = row[1].int64 ?? 0 }
            }
            counts.append(byRun)
        }
        return try connection.rows("SELECT id, k, n_components, feature_count, users FROM segmentation_runs ORDER BY id").map { row in
            let run = row[0].int64 ?? 0
            let rows = runChildTables.enumerated().map { index, child in
                (table: child.filter.isEmpty ? child.table : "\(child.table) (\(child.filter))", rows: counts[index][run] ?? 0)
            }
            return RunRowCounts(run: run, k: row[1].int64 ?? 0, components: row[2].int64 ?? 0, features: row[3].int64 ?? 0,
                                users: row[4].int64 ?? 0, rows: rows)
        }
    }

    /// Rows of `table` with an infinite value in one of `columns` (NaN cannot be stored: SQLite
    /// turns it into NULL): the first one's `key` columns and `columns`, then the count.
    /// `table`, `columns` and `key` are names from the migrations' schema, never from the file.
    package static func nonFiniteValues(table: String, columns: [String], key: [String], _ connection: WarehouseStore) throws -> Offenders {
        guard !columns.isEmpty else { return .none }
        let condition = columns.map { "\(quotedIdentifier($0)) IN (9e999, -9e999)" }.joined(separator: " OR ")
        let selected = (key + columns).map(quotedIdentifier).joined(separator: ", ")
        let order = key.map(quotedIdentifier).joined(separator: ", ")
        return try offenders(
            "SELECT \(selected), count(*) OVER () FROM \(quotedIdentifier(table)) WHERE \(condition) ORDER BY \(order) LIMIT 1",
            connection)
    }

    /// Runs `body` in one read transaction, ended by ROLLBACK whatever happens: there is nothing
    /// to commit, and on a damaged file COMMIT itself can fail after every check has run.
    package static func readTransaction<T>(_ connection: WarehouseStore, _ body: () throws -> T) throws -> T {
        try connection.execute("BEGIN DEFERRED")
        defer { if !connection.isAutocommit { try? connection.execute("ROLLBACK") } }
        return try body()
    }

    /// Settings that make the read-only checks safe on a hostile file: no functions of the schema
    /// (views, triggers) run with trust, and nothing can be written by accident.
    static func makeReadOnlySafe(_ connection: Connection) throws {
        try connection.execute("PRAGMA trusted_schema = OFF")
        try connection.execute("PRAGMA query_only = ON")
    }
}
