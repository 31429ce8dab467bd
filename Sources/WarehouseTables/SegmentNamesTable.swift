import Storage

/// `segment_names`: each segment's descriptive name in a run, 'generated' from its profile or
/// given by `warehouse name` ('user'), unique within the run; and what naming a segment reads:
/// its size, age groups and per-subcategory affinity (`segments`, `segment_profiles`, the ages of
/// its members).
package enum SegmentNamesTable {
    package struct Stored: Sendable, Equatable {
        package let segment: Int
        package let name: String
        package let source: String
    }

    /// The longest name stored (the column's CHECK says the same).
    package static let maximumLength = 80

    /// Run `run`'s stored names by segment (1…k).
    package static func read(run: Int64, k: Int, from connection: WarehouseStore) throws -> [Int: Stored] {
        var names: [Int: Stored] = [:]
        try connection.eachRow("SELECT segment, name, source FROM segment_names WHERE run_id = ? ORDER BY segment", [.integer(run)],
                               table: "segment_names", row: { "run \(run), segment \($0.value(0))" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let source = try row.text(2, "source", maxLength: 16)
            guard source == "generated" || source == "user" else {
                throw WarehouseError.brokenInvariant(
                    "segment_names.source of run \(run), segment \(segment) is '\(StoredRow.excerpt(source))', not generated or user")
            }
            names[segment] = Stored(segment: segment, name: try row.text(1, "name", maxLength: maximumLength * 4), source: source)
        }
        return names
    }

    /// Inserts generated names for segments that have none. Call inside a write transaction.
    package static func insertGenerated(run: Int64, names: [(segment: Int, name: String)], into connection: WarehouseStore) throws {
        for entry in names {
            try connection.run("INSERT INTO segment_names (run_id, segment, name, source) VALUES (?, ?, ?, 'generated')",
                                   [.integer(run), .integer(Int64(entry.segment)), .text(entry.name)])
        }
    }

    /// Gives segment `segment` of run `run` the user's name `name`. Call inside a write transaction.
    package static func rename(run: Int64, segment: Int, to name: String, in connection: WarehouseStore) throws {
        try connection.run("""
            INSERT INTO segment_names (run_id, segment, name, source) VALUES (?, ?, ?, 'user')
            ON CONFLICT (run_id, segment) DO UPDATE SET name = excluded.name, source = 'user'
            """, [.integer(run), .integer(Int64(segment)), .text(name)])
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
}
