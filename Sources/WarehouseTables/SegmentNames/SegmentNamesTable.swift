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
}
