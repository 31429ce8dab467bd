import Population
import Storage

/// Reads back the report `warehouse target` stored for a run. Only the integer counts and the
/// mean ages are read; shares and indexes are recomputed from them by the same formulas, so the
/// report read equals the report stored.
enum AudienceReader {
    struct Stored: Sendable {
        let report: TargetingReport
        /// When `target` stored it (ISO 8601 UTC).
        let computedAt: String
    }

    /// nil when `target` has not been run for this run.
    static func read(run: Int64, k: Int, catalogue: TargetingCatalogue, from connection: Connection) throws -> Stored? {
        let id = SQLValue.integer(run)
        let audiences = try connection.rows(
            "SELECT segment, users, assigned_users, mean_age, computed_at FROM segment_audiences WHERE run_id = ? ORDER BY segment", [id])
        guard let first = audiences.first else { return nil }
        var counts = AudienceCounts(k: k, catalogue: catalogue)
        func segmentIndex(_ value: SQLValue) throws -> Int {
            guard let segment = value.int64, segment >= 1, segment <= Int64(k) else {
                throw WarehouseError.brokenInvariant("stored targeting of run \(run) has segment \(value), outside 1…\(k)")
            }
            return Int(segment) - 1
        }
        for row in audiences {
            let segment = try segmentIndex(row[0])
            counts.users[segment] = Int(row[1].int64 ?? 0)
            counts.assigned[segment] = Int(row[2].int64 ?? 0)
            counts.meanAge[segment] = row[3].double
        }
        let g = AgeGroup.all.count
        let ageIndex = Dictionary(uniqueKeysWithValues: AgeGroup.all.map { ($0.label, $0.index) })
        for row in try connection.rows("SELECT segment, age_group, users FROM segment_age_groups WHERE run_id = ?", [id]) {
            guard let band = ageIndex[row[1].string ?? ""] else { continue }
            counts.ageGroups[try segmentIndex(row[0]) * g + band] = Int(row[2].int64 ?? 0)
        }
        let personas = try cells(connection, "SELECT segment, persona_id, users, 0 FROM segment_personas WHERE run_id = ?",
                                 run: id, columns: catalogue.personas, segmentIndex)
        for cell in personas { counts.personas[cell.segment * catalogue.personas.count + cell.column] = cell.users }
        let s = catalogue.subcategories.count
        for cell in try cells(connection, "SELECT segment, subcategory_id, users_liking, likes FROM segment_affinity WHERE run_id = ?",
                              run: id, columns: catalogue.subcategories, segmentIndex) {
            counts.subcategoryUsers[cell.segment * s + cell.column] = cell.users
            counts.subcategoryLikes[cell.segment * s + cell.column] = cell.likes
        }
        let c = catalogue.categories.count
        for cell in try cells(connection, "SELECT segment, category_id, users_liking, likes FROM segment_category_affinity WHERE run_id = ?",
                              run: id, columns: catalogue.categories, segmentIndex) {
            counts.categoryUsers[cell.segment * c + cell.column] = cell.users
            counts.categoryLikes[cell.segment * c + cell.column] = cell.likes
        }
        return Stored(report: TargetingReport(runID: run, counts: counts, catalogue: catalogue),
                      computedAt: first[4].string ?? "")
    }

    /// Rows (segment, item id, users, likes) as (segment index, catalogue column, users, likes);
    /// ids no longer in the catalogue are skipped.
    private static func cells(_ connection: Connection, _ sql: String, run: SQLValue, columns: [TargetingCatalogue.Item],
                              _ segmentIndex: (SQLValue) throws -> Int) throws -> [(segment: Int, column: Int, users: Int, likes: Int)] {
        let column = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.id, $0) })
        return try connection.rows(sql, [run]).compactMap { row in
            guard let j = column[Int(row[1].int64 ?? -1)] else { return nil }
            return (try segmentIndex(row[0]), j, Int(row[2].int64 ?? 0), Int(row[3].int64 ?? 0))
        }
    }
}
