import Foundation

/// SplitMix64, as the warehouse's own generator: one seed, one sequence.
struct HarnessRandom {
    private var state: UInt64

    init(seed: UInt64, stream: UInt64 = 0) {
        state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (bound ≥ 1).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func chance(_ probability: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < probability }

    /// One of `choices`, drawn with the given weights.
    mutating func weighted<T>(_ choices: [(T, Int)]) -> T {
        var draw = below(choices.reduce(0) { $0 + $1.1 })
        for (choice, weight) in choices {
            if draw < weight { return choice }
            draw -= weight
        }
        return choices[choices.count - 1].0
    }
}

/// One byte of the file XORed with a mask.
struct ByteFlip: Sendable, Equatable {
    var offset: Int
    var mask: UInt8
}

/// An edit an analyst could make to the warehouse with the `sqlite3` shell (or, for byte flips,
/// with any editor), described so that it can be replayed by hand.
struct HostileEdit: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case none, value, delete, duplicate, dropIndex = "drop-index", trigger, view, dropTable = "drop-table",
             schema, userVersion = "user_version", journalMode = "journal_mode", flipBytes = "flip-bytes"
    }

    var kind: Kind
    /// One line saying what was done.
    var label: String
    /// The SQL fed to `sqlite3 -bail w.sqlite` (empty for byte flips and for no edit).
    var sql: String = ""
    var flips: [ByteFlip] = []
    /// The user `recommend` asks about: one the edit touched, else user 17.
    var focusUser: Int64 = 17
    /// What the edit set, for matching known defects: table, column, the value's SQL text.
    var table: String?
    var column: String?
    var value: String?
    /// A shorter time limit for the commands of this edit, for an edit known to hang them (the
    /// short run need not wait out the full limit eight times to see it).
    var timeLimit: Double?
    /// The commands to run on it (by name), when not every one: the short run tries the mixture
    /// edits only with the commands that read a mixture.
    var commands: Set<String>?

    static let none = HostileEdit(kind: .none, label: "no edit (the control)")

    /// How to replay it on a copy of the fixture.
    var replay: String {
        var lines: [String] = []
        if !sql.isEmpty { lines.append("sqlite3 -bail w.sqlite <<'SQL'\n\(sql)\nSQL") }
        for flip in flips {
            lines.append("python3 -c \"f=open('w.sqlite','r+b'); f.seek(\(flip.offset)); b=f.read(1)[0]; f.seek(\(flip.offset)); "
                         + "f.write(bytes([b ^ \(flip.mask)]))\"  # xor byte \(flip.offset) with 0x\(String(flip.mask, radix: 16))")
        }
        return lines.joined(separator: "\n")
    }
}

/// The fixture's schema, as the generator needs it: tables with their columns and rows, unique
/// columns, indexes that can be dropped.
struct SchemaCatalogue: Sendable {
    struct Column: Sendable {
        var name: String
        var type: String
        var notNull: Bool
        /// 1-based position in the primary key, 0 when not in it.
        var primaryKey: Int
    }

    struct Table: Sendable {
        var name: String
        var columns: [Column]
        var rows: Int
        var withoutRowID: Bool
        var uniqueColumns: Set<String>

        var primaryKey: [String] { columns.filter { $0.primaryKey > 0 }.sorted { $0.primaryKey < $1.primaryKey }.map(\.name) }
        var userColumn: String? {
            if name == "users" { return "id" }
            return columns.contains { $0.name == "user_id" } ? "user_id" : nil
        }
        /// Orders rows so that `LIMIT 1 OFFSET n` names the same row every time.
        var orderBy: String { withoutRowID ? primaryKey.joined(separator: ", ") : "rowid" }
        var rowKey: String { withoutRowID ? "(" + primaryKey.joined(separator: ", ") + ")" : "rowid" }
        /// A WHERE clause naming the n-th row.
        func row(_ offset: Int) -> String {
            "\(rowKey) = (SELECT \(withoutRowID ? primaryKey.joined(separator: ", ") : "rowid") FROM \(name) ORDER BY \(orderBy) LIMIT 1 OFFSET \(offset))"
        }
    }

    var tables: [Table]
    var indexes: [String]

    func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// Reads the catalogue of `db` with the sqlite3 shell.
    static func read(_ db: String, in directory: URL) throws -> SchemaCatalogue {
        func rows(_ sql: String) throws -> [[String]] {
            guard let rows = HarnessProcess.query(db, sql, in: directory) else {
                throw HarnessError("the fixture's catalogue query failed: \(sql)")
            }
            return rows
        }
        let columns = try rows("""
            SELECT m.name, p.name, p.type, p."notnull", p.pk FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid;
            """)
        let withoutRowID = Set(try rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%';").map { $0[0] })
        let unique = try rows("""
            SELECT m.name, ii.name FROM sqlite_schema AS m JOIN pragma_index_list(m.name) AS il JOIN pragma_index_info(il.name) AS ii
            WHERE m.type = 'table' AND il."unique" = 1 AND il.origin != 'pk';
            """)
        let indexes = try rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name;").map { $0[0] }
        var tables: [Table] = []
        for row in columns {
            let column = Column(name: row[1], type: row[2].uppercased(), notNull: row[3] == "1", primaryKey: Int(row[4]) ?? 0)
            if tables.last?.name == row[0] {
                tables[tables.count - 1].columns.append(column)
            } else {
                tables.append(Table(name: row[0], columns: [column], rows: 0, withoutRowID: withoutRowID.contains(row[0]),
                                    uniqueColumns: Set(unique.filter { $0[0] == row[0] }.map { $0[1] })))
            }
        }
        let counts = try rows(tables.map { "SELECT count(*) FROM \($0.name);" }.joined(separator: "\n"))
        for index in tables.indices { tables[index].rows = Int(counts[index][0]) ?? 0 }
        return SchemaCatalogue(tables: tables, indexes: indexes)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Draws edits from a seed: case `index` of seed `seed` is always the same edit of the same fixture.
struct HostileEditGenerator: Sendable {
    let catalogue: SchemaCatalogue
    /// The fixture's size in bytes, for byte flips.
    let fileSize: Int
    /// Runs a one-integer query on the fixture (the user a row belongs to).
    let lookup: @Sendable (String) -> Int64?

    static let bypass = "PRAGMA foreign_keys = OFF;\nPRAGMA ignore_check_constraints = 1;\n"

    static func edgeValues(for type: String, column: String) -> [String] {
        switch type {
        case "INTEGER", "INT":
            return ["0", "-1", "1", "9223372036854775807", "-9223372036854775808", "2147483648", "2147483647",
                    "-2147483649", "4294967296", "3000000000", "9007199254740993", "9223372036854775000", "NULL",
                    "(\(column) + 1)", "(-\(column))"]
        case "REAL":
            return ["0.0", "-0.0", "1e308", "-1e308", "9e999", "-9e999", "5e-324", "-5e-324", "1e-300", "NULL",
                    "(\(column) * 1e300)", "(-\(column))", "9223372036854775807", "-2147483649"]
        default:
            return ["''", "printf('%.*c', 100000, 'x')", "'a' || char(0) || 'b'", "char(27) || '[2J' || char(27) || '[31mred'",
                    "'line one' || char(10) || 'line two'", "char(13)", "CAST(x'ff' AS TEXT)", "'🙂' || char(8238) || 'rtl'",
                    "'x''); DROP TABLE users; --'", "'%s%n%x'", "'NULL'", "'nan'", "'9e999'", "NULL",
                    "'{\"not\": \"json'", "\(column) || \(column)"]
        }
    }

    static let triggerBodies = [
        "SELECT RAISE(IGNORE);",
        "SELECT RAISE(ABORT, 'hostile trigger');",
        "SELECT RAISE(FAIL, 'hostile trigger');",
        "INSERT INTO user_likes(user_id, subcategory_id, likes) VALUES (987654321, 1, 1);",
        "DELETE FROM users WHERE id = 1;",
        "UPDATE users SET age = 200 WHERE id = 2;",
        "DELETE FROM segmentation_runs;",
        "SELECT count(*) FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 2000) SELECT i FROM r);",
    ]

    func edit(seed: UInt64, index: Int) -> HostileEdit {
        var random = HarnessRandom(seed: seed, stream: UInt64(index) &+ 1)
        let kind: HostileEdit.Kind = random.weighted([
            (.value, 36), (.delete, 9), (.duplicate, 8), (.dropIndex, 3), (.trigger, 10), (.view, 9), (.dropTable, 4),
            (.schema, 6), (.userVersion, 5), (.journalMode, 2), (.flipBytes, 8),
        ])
        let tables = catalogue.tables.filter { $0.rows > 0 }
        switch kind {
        case .value: return valueEdit(&random, table: random.pick(tables))
        case .delete: return deleteEdit(&random, table: random.pick(tables))
        case .duplicate: return duplicateEdit(&random, table: random.pick(tables))
        case .dropIndex:
            let index = random.pick(catalogue.indexes)
            return HostileEdit(kind: .dropIndex, label: "drop index \(index)", sql: "DROP INDEX \(index);")
        case .trigger: return triggerEdit(&random)
        case .view: return viewEdit(&random)
        case .dropTable:
            let table = random.pick(catalogue.tables)
            return HostileEdit(kind: .dropTable, label: "drop table \(table.name)", sql: Self.bypass + "DROP TABLE \(table.name);",
                               table: table.name)
        case .schema: return schemaEdit(&random)
        case .userVersion:
            let version = random.pick(["-1", "-2147483648", "0", "1", "2", "3", "5", "2147483647"])
            return HostileEdit(kind: .userVersion, label: "PRAGMA user_version = \(version)", sql: "PRAGMA user_version = \(version);",
                               value: version)
        case .journalMode:
            return HostileEdit(kind: .journalMode, label: "journal_mode = DELETE (a rollback-journal file)",
                               sql: "PRAGMA journal_mode = DELETE;")
        case .flipBytes: return flipEdit(&random)
        case .none: return .none
        }
    }

    private func focus(_ table: SchemaCatalogue.Table, row offset: Int) -> Int64 {
        guard let column = table.userColumn else { return 17 }
        return lookup("SELECT \(column) FROM \(table.name) ORDER BY \(table.orderBy) LIMIT 1 OFFSET \(offset);") ?? 17
    }

    private func valueEdit(_ random: inout HarnessRandom, table: SchemaCatalogue.Table) -> HostileEdit {
        let column = random.pick(table.columns)
        let value = random.pick(Self.edgeValues(for: column.type, column: column.name))
        let offset = random.below(table.rows)
        let user = focus(table, row: offset)
        let bypass = random.chance(0.75)
        let scope: String
        let whereClause: String
        switch random.below(10) {
        case 0..<6:
            scope = "row \(offset)"
            whereClause = " WHERE " + table.row(offset)
        case 6..<8 where table.userColumn != nil:
            scope = "every row of user \(user)"
            whereClause = " WHERE \(table.userColumn!) = \(user)"
        default:
            scope = "every row"
            whereClause = ""
        }
        let sql = (bypass ? Self.bypass : "") + "UPDATE \(table.name) SET \(column.name) = \(value)\(whereClause);"
        return HostileEdit(kind: .value, label: "\(table.name).\(column.name) = \(value) (\(scope)\(bypass ? ", checks bypassed" : ""))",
                           sql: sql, focusUser: user, table: table.name, column: column.name, value: value)
    }

    private func deleteEdit(_ random: inout HarnessRandom, table: SchemaCatalogue.Table) -> HostileEdit {
        let offset = random.below(table.rows)
        let key = table.withoutRowID ? table.primaryKey.joined(separator: ", ") : "rowid"
        let (scope, whereClause): (String, String) = switch random.below(3) {
        case 0: ("row \(offset)", " WHERE " + table.row(offset))
        case 1: ("every 7th row", " WHERE \(table.rowKey) IN (SELECT \(key) FROM (SELECT \(key), row_number() OVER (ORDER BY \(table.orderBy)) AS n FROM \(table.name)) WHERE n % 7 = 0)")
        default: ("every row", "")
        }
        return HostileEdit(kind: .delete, label: "delete \(scope) of \(table.name)",
                           sql: Self.bypass + "DELETE FROM \(table.name)\(whereClause);", focusUser: focus(table, row: offset), table: table.name)
    }

    private func duplicateEdit(_ random: inout HarnessRandom, table: SchemaCatalogue.Table) -> HostileEdit {
        let offset = random.below(table.rows)
        let keyColumns = table.primaryKey
        // Change one key column so the copy fits (a new id, or the next value), and unique text.
        let changed = keyColumns.isEmpty ? nil : random.pick(keyColumns)
        let expressions = table.columns.map { column -> String in
            if column.name == changed {
                if !table.withoutRowID && keyColumns.count == 1 { return "NULL" }
                return random.chance(0.5) ? "(SELECT max(\(column.name)) FROM \(table.name)) + 1" : "\(column.name) + 1"
            }
            if table.uniqueColumns.contains(column.name) { return "'copy.' || \(column.name)" }
            return column.name
        }
        let columns = table.columns.map(\.name).joined(separator: ", ")
        let sql = Self.bypass + "INSERT INTO \(table.name)(\(columns)) SELECT \(expressions.joined(separator: ", ")) FROM \(table.name) "
            + "ORDER BY \(table.orderBy) LIMIT 1 OFFSET \(offset);"
        return HostileEdit(kind: .duplicate, label: "duplicate row \(offset) of \(table.name) (new \(changed ?? "row"))",
                           sql: sql, focusUser: focus(table, row: offset), table: table.name, column: changed)
    }

    private func triggerEdit(_ random: inout HarnessRandom) -> HostileEdit {
        let table = random.pick(catalogue.tables)
        let timing = random.pick(["BEFORE", "AFTER"])
        let event = random.pick(["INSERT", "UPDATE", "DELETE"])
        let body = random.pick(Self.triggerBodies)
        let sql = "CREATE TRIGGER hostile_trigger \(timing) \(event) ON \(table.name) BEGIN \(body) END;"
        return HostileEdit(kind: .trigger, label: "trigger \(timing) \(event) ON \(table.name): \(body)", sql: sql,
                           table: table.name, value: body)
    }

    /// A SELECT list giving `table`'s columns from a counter `n`.
    private func columns(of table: SchemaCatalogue.Table, from n: String) -> String {
        table.columns.map { column in
            let value = switch column.type {
            case "INTEGER", "INT": n
            case "REAL": "\(n) * 0.5"
            default: "'v' || \(n)"
            }
            return "\(value) AS \(column.name)"
        }.joined(separator: ", ")
    }

    private func viewEdit(_ random: inout HarnessRandom) -> HostileEdit {
        let table = random.pick(catalogue.tables)
        let shadow = Self.bypass + "DROP TABLE \(table.name);\n"
        switch random.below(5) {
        case 0:
            return HostileEdit(kind: .view, label: "an analyst's own view", sql:
                "CREATE VIEW analyst_segment_sizes AS SELECT run_id, segment, count(*) AS users FROM segment_assignments GROUP BY run_id, segment;")
        case 1:
            return HostileEdit(kind: .view, label: "\(table.name) replaced by a view over a copy of it",
                               sql: Self.bypass + "CREATE TABLE \(table.name)_copy AS SELECT * FROM \(table.name);\nDROP TABLE \(table.name);\n"
                                   + "CREATE VIEW \(table.name) AS SELECT * FROM \(table.name)_copy;", table: table.name)
        case 2:
            return HostileEdit(kind: .view, label: "\(table.name) replaced by a view over an infinite recursive CTE",
                               sql: shadow + "CREATE VIEW \(table.name) AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                                   + "SELECT \(columns(of: table, from: "n")) FROM r;", table: table.name, value: "infinite")
        case 3:
            return HostileEdit(kind: .view, label: "\(table.name) replaced by an empty view",
                               sql: shadow + "CREATE VIEW \(table.name) AS SELECT \(columns(of: table, from: "1")) WHERE 0;", table: table.name)
        default:
            let wrong = table.columns.map { "'\($0.name)?' AS \($0.name)" }.joined(separator: ", ")
            return HostileEdit(kind: .view, label: "\(table.name) replaced by a view of text in every column",
                               sql: shadow + "CREATE VIEW \(table.name) AS SELECT \(wrong);", table: table.name)
        }
    }

    private func schemaEdit(_ random: inout HarnessRandom) -> HostileEdit {
        let table = random.pick(catalogue.tables)
        let column = random.pick(table.columns)
        let (label, sql): (String, String) = switch random.below(5) {
        case 0: ("add column \(table.name).analyst_note", "ALTER TABLE \(table.name) ADD COLUMN analyst_note TEXT;")
        case 1: ("rename column \(table.name).\(column.name)", "ALTER TABLE \(table.name) RENAME COLUMN \(column.name) TO \(column.name)_renamed;")
        case 2: ("drop column \(table.name).\(column.name)", Self.bypass + "ALTER TABLE \(table.name) DROP COLUMN \(column.name);")
        case 3: ("an index of the analyst's on \(table.name)(\(column.name))", "CREATE INDEX analyst_index ON \(table.name)(\(column.name));")
        default: ("an analyst's own table", "CREATE TABLE analyst_notes(id INTEGER PRIMARY KEY, note TEXT); INSERT INTO analyst_notes(note) VALUES ('hello');")
        }
        return HostileEdit(kind: .schema, label: label, sql: sql, table: table.name, column: column.name)
    }

    private func flipEdit(_ random: inout HarnessRandom) -> HostileEdit {
        let count = 1 + random.below(4)
        var flips: [ByteFlip] = []
        for _ in 0..<count {
            // Half in the first page (header, schema), half anywhere.
            let offset = random.chance(0.5) ? random.below(min(4096, fileSize)) : random.below(fileSize)
            let mask = random.chance(0.5) ? UInt8(1 << random.below(8)) : UInt8(1 + random.below(255))
            flips.append(ByteFlip(offset: offset, mask: mask))
        }
        let where_ = flips.map { "\($0.offset)^0x\(String($0.mask, radix: 16))" }.joined(separator: ", ")
        return HostileEdit(kind: .flipBytes, label: "flip bytes \(where_)", flips: flips)
    }
}

/// The edits that reproduce the crashes issue 15 lists, so the short run always tries them.
enum KnownCrashEdits {
    static let all: [HostileEdit] = [
        HostileEdit(kind: .userVersion, label: "PRAGMA user_version = -1", sql: "PRAGMA user_version = -1;", value: "-1"),
        HostileEdit(kind: .value, label: "user_likes.likes = 9223372036854775807 (every row of user 17)",
                    sql: "UPDATE user_likes SET likes = 9223372036854775807 WHERE user_id = 17;",
                    focusUser: 17, table: "user_likes", column: "likes", value: "9223372036854775807"),
        HostileEdit(kind: .value, label: "personas.id = 3000000000 (persona 4, foreign keys off)",
                    sql: HostileEditGenerator.bypass + "UPDATE personas SET id = 3000000000 WHERE id = 4;",
                    table: "personas", column: "id", value: "3000000000"),
        HostileEdit(kind: .value, label: "elbow.silhouette = ±1e308 (run 2, k = 2 and 3)",
                    sql: "UPDATE elbow SET silhouette = 1e308 WHERE run_id = 2 AND k = 2;\nUPDATE elbow SET silhouette = -1e308 WHERE run_id = 2 AND k = 3;",
                    table: "elbow", column: "silhouette", value: "1e308"),
        HostileEdit(kind: .value, label: "users.age = 9223372036854775807 (user 17, checks bypassed)",
                    sql: HostileEditGenerator.bypass + "UPDATE users SET age = 9223372036854775807 WHERE id = 17;",
                    focusUser: 17, table: "users", column: "age", value: "9223372036854775807"),
        HostileEdit(kind: .value, label: "feature_scaling.pca_mean = 9e999 (run 2, feature 1)",
                    sql: "UPDATE feature_scaling SET pca_mean = 9e999 WHERE run_id = 2 AND feature_index = 1;",
                    table: "feature_scaling", column: "pca_mean", value: "9e999"),
        HostileEdit(kind: .value, label: "pca_loadings.loading = 1e308 (run 2, component 1)",
                    sql: "UPDATE pca_loadings SET loading = 1e308 WHERE run_id = 2 AND component = 1;",
                    table: "pca_loadings", column: "loading", value: "1e308"),
        HostileEdit(kind: .trigger, label: "trigger BEFORE INSERT ON segment_assignments: SELECT RAISE(IGNORE);",
                    sql: "CREATE TRIGGER hostile_trigger BEFORE INSERT ON segment_assignments BEGIN SELECT RAISE(IGNORE); END;",
                    table: "segment_assignments", value: "SELECT RAISE(IGNORE);"),
        HostileEdit(kind: .view, label: "users replaced by a view over an infinite recursive CTE",
                    sql: HostileEditGenerator.bypass + "DROP TABLE users;\nCREATE VIEW users AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                        + "SELECT n AS id, 'user' || n AS username, 'User ' || n AS full_name, 'user' || n || '@example.com' AS email, "
                        + "30 AS age, 0 AS liked_posts, 1 AS seed_batch_id FROM r;",
                    table: "users", value: "infinite", timeLimit: 4),
    ]
}

/// Edits aimed at the latent-class tables and columns (runs 3, with age-group covariates, and 4):
/// the values a mixture's arithmetic cannot take (α of 1e308, 0, negative, subnormal, infinite;
/// weights of 0, or not summing to 1; missing rows; probabilities out of range), and the campaign
/// tables. Tried before the random edits, like the listed crashes.
enum MixtureEdits {
    private static func value(_ table: String, _ column: String, _ value: String, _ scope: String, _ whereClause: String,
                              bypass: Bool = true) -> HostileEdit {
        HostileEdit(kind: .value, label: "\(table).\(column) = \(value) (\(scope))",
                    sql: (bypass ? HostileEditGenerator.bypass : "") + "UPDATE \(table) SET \(column) = \(value)\(whereClause);",
                    table: table, column: column, value: value)
    }

    private static func delete(_ table: String, _ scope: String, _ whereClause: String) -> HostileEdit {
        HostileEdit(kind: .delete, label: "delete \(scope) of \(table)",
                    sql: HostileEditGenerator.bypass + "DELETE FROM \(table)\(whereClause);", table: table)
    }

    /// The commands that read a latent-class run's tables or probabilities (and are quick).
    static let readers: Set<String> = ["runs --json", "report", "compare --json 3 4", "assign", "assign --run 3", "target",
                                       "target --run 3", "name", "name --segment", "audience --min-probability",
                                       "audience --format meta", "recommend"]

    static let all: [HostileEdit] = [
        value("latent_class_alpha", "alpha", "1e308", "run 3, segment 1", " WHERE run_id = 3 AND segment = 1"),
        value("latent_class_alpha", "alpha", "1e308", "every row of run 4", " WHERE run_id = 4"),
        value("latent_class_alpha", "alpha", "0.0", "run 4, segment 2, subcategory 1", " WHERE run_id = 4 AND segment = 2 AND subcategory_id = 1"),
        value("latent_class_alpha", "alpha", "-1.0", "run 4, segment 1", " WHERE run_id = 4 AND segment = 1"),
        value("latent_class_alpha", "alpha", "5e-324", "run 3, every row", " WHERE run_id = 3"),
        value("latent_class_alpha", "alpha", "9e999", "run 4, segment 3, subcategory 2", " WHERE run_id = 4 AND segment = 3 AND subcategory_id = 2"),
        delete("latent_class_alpha", "segment 2's rows of run 4", " WHERE run_id = 4 AND segment = 2"),
        delete("latent_class_alpha", "subcategory 1's rows of run 3", " WHERE run_id = 3 AND subcategory_id = 1"),
        value("latent_class_components", "weight", "0.0", "every row of run 4", " WHERE run_id = 4"),
        value("latent_class_components", "weight", "1.0", "every row of run 4", " WHERE run_id = 4"),
        value("latent_class_components", "weight", "5e-324", "run 4, segment 1", " WHERE run_id = 4 AND segment = 1"),
        delete("latent_class_components", "run 4's rows", " WHERE run_id = 4"),
        value("latent_class_group_weights", "weight", "0.0", "every row of run 3", " WHERE run_id = 3"),
        value("latent_class_group_weights", "weight", "0.9", "every row of run 3 (sums of 2.7)", " WHERE run_id = 3"),
        value("latent_class_group_weights", "weight", "-1.0", "one age group of run 3", " WHERE run_id = 3 AND mixing_group = (SELECT min(mixing_group) FROM latent_class_group_weights)"),
        value("latent_class_group_weights", "mixing_group", "'70+?'", "every row of run 3", " WHERE run_id = 3"),
        delete("latent_class_group_weights", "run 3's rows", " WHERE run_id = 3"),
        value("segmentation_runs", "covariates", "'income'", "run 3", " WHERE id = 3"),
        value("segmentation_runs", "covariates", "NULL", "run 3", " WHERE id = 3"),
        value("segmentation_runs", "method", "'kmeans'", "run 3", " WHERE id = 3"),
        value("segmentation_runs", "method", "'latent-class'", "run 2", " WHERE id = 2"),
        value("segmentation_runs", "ceiling_ari", "9e999", "run 3", " WHERE id = 3"),
        value("segmentation_runs", "k", "1000", "run 4", " WHERE id = 4"),
        value("segment_assignments", "probability", "9e999", "every row of run 3", " WHERE run_id = 3"),
        value("segment_assignments", "probability", "-1.0", "every row of run 4", " WHERE run_id = 4"),
        value("segment_assignments", "runner_up", "1000", "every row of run 4", " WHERE run_id = 4"),
        value("segment_assignments", "runner_up_probability", "2.0", "every row of run 3", " WHERE run_id = 3"),
        value("segment_assignments", "probability", "NULL", "every row of run 4", " WHERE run_id = 4"),
        value("segment_assignments", "segment", "1000", "a row of run 4", " WHERE run_id = 4 AND user_id = 17"),
        value("latent_class_fits", "users", "0", "run 4", " WHERE run_id = 4"),
        value("latent_class_fits", "entropy_r2", "9e999", "run 3", " WHERE run_id = 3"),
        value("latent_class_sweep", "bic", "-9e999", "every row", ""),
        value("segment_names", "name", "char(27) || '[2J' || char(27) || '[31mred'", "every row", ""),
        value("segment_names", "name", "printf('%.*c', 5000, 'x')", "every row of run 4", " WHERE run_id = 4"),
        delete("segment_names", "every row", ""),
        value("users", "email", "NULL", "every row", ""),
        value("users", "email", "char(27) || '[2J'", "every 3rd user", " WHERE id % 3 = 0"),
        value("segment_centroids", "value", "1e308", "run 2, segment 1", " WHERE run_id = 2 AND segment = 1"),
    ]
}
