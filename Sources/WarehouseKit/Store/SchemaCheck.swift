import Storage
import WarehouseSchema

/// Decides, by reading only, whether an SQLite file is a warehouse: a file is ours only if its
/// schema says so.
///
/// At `user_version` v (1…latest), every object migrations 1…v create must be there with the
/// same type, table and SQL text (white space aside), as found by applying the same migrations
/// to an empty in-memory database. Besides them the file may hold an analyst's own tables and
/// views, and indexes and triggers on those; it may not hold an index or trigger on one of our
/// tables or views (a trigger runs inside our transactions), nor an object with the name of
/// one a later migration creates (the migration would fail on it). At v = 0 the file must be
/// empty. A negative v, or one above what this binary knows, is refused before anything else.
enum SchemaCheck {
    /// The schema objects after each version, index 0 the empty schema: computed once per process.
    static let expected: Result<[[SchemaObject]], SQLiteError> = {
        do {
            let memory = try Connection(path: ":memory:")
            var schemas: [[SchemaObject]] = [try memory.schemaObjects()]
            for migration in WarehouseMigrations.all {
                try memory.transaction(.immediate) { try memory.execute(migration.sql) }
                schemas.append(try memory.schemaObjects().filter { !$0.isInternal })
            }
            return .success(schemas)
        } catch let error as SQLiteError {
            return .failure(error)
        } catch {
            return .failure(SQLiteError(resultCode: ResultCode.error.rawValue, message: "\(error)"))
        }
    }()

    /// Checks the file behind `connection` and returns its schema version.
    /// - Throws: `WarehouseError.unknownSchemaVersion`, `.migration(.newerThanKnown)`,
    ///   `.foreignDatabase` or `.schemaMismatch`, each naming the path and what differs.
    static func verify(_ connection: Connection, path: String) throws -> Int {
        let version = try connection.userVersion
        guard version >= 0 else { throw WarehouseError.unknownSchemaVersion(path: path, version: version) }
        let latest = WarehouseMigrations.latestVersion
        guard version <= latest else {
            throw WarehouseError.migration(.newerThanKnown(databaseVersion: version, knownVersion: latest))
        }
        let found = try connection.schemaObjects().filter { !$0.isInternal }
        if version == 0 {
            let tables = found.filter { $0.kind == .table || $0.kind == .view }.map(\.name)
            if !found.isEmpty { throw WarehouseError.foreignDatabase(path: path, tables: tables.isEmpty ? found.map(\.description) : tables) }
            return 0
        }
        let schemas = try expected.get()
        let differences = differences(found: found, expected: schemas[version], later: schemas[latest],
                                      regenerated: { CatalogueViews.matchesStoredCatalogue($0, connection) })
        if !differences.isEmpty {
            let ours = Set(schemas[version].map { key($0.name) })
            if !found.contains(where: { ours.contains(key($0.name)) }) {
                throw WarehouseError.foreignDatabase(path: path, tables: found.filter { $0.kind == .table || $0.kind == .view }.map(\.name))
            }
            throw WarehouseError.schemaMismatch(path: path, version: version, differences: differences)
        }
        return version
    }

    /// What differs between the objects `found` in a file and those `expected` at its version,
    /// one phrase each ("missing table users", "trigger t on users was added to a warehouse table").
    ///
    /// One view may differ from the migrations by rule: `user_profiles`, which `warehouse import`
    /// regenerates from the imported catalogue. It is accepted when `regenerated(sql)` says its
    /// text is exactly the view `CatalogueViews` generates from the file's own `categories`
    /// (any other text is a mismatch, as for every other object).
    static func differences(found: [SchemaObject], expected: [SchemaObject], later: [SchemaObject],
                            regenerated: (String?) -> Bool = { _ in false }) -> [String] {
        var result: [String] = []
        let byName = Dictionary(found.map { (key($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = Set(expected.map { key($0.name) })
        let ourTables = Set(expected.filter { $0.kind == .table || $0.kind == .view }.map { key($0.name) })
        for object in expected {
            guard let present = byName[key(object.name)] else {
                result.append("missing \(object)")
                continue
            }
            if present.kind != object.kind {
                result.append("\(present) stands where the warehouse has \(object)")
            } else if key(present.tableName) != key(object.tableName) || normalized(present.sql) != normalized(object.sql) {
                if object.kind == .view, key(object.name) == CatalogueViews.viewName {
                    if regenerated(present.sql) { continue }
                    result.append("\(object) differs from what the migrations create and from the one an import generates from the stored categories (were categories renamed by hand?)")
                    continue
                }
                result.append("\(object) differs from what the migrations create")
            }
        }
        let laterNames = Set(later.map { key($0.name) }).subtracting(expectedNames)
        for object in found where !expectedNames.contains(key(object.name)) {
            if laterNames.contains(key(object.name)) {
                result.append("\(object) has the name of an object a later migration creates")
            } else if (object.kind == .index || object.kind == .trigger) && ourTables.contains(key(object.tableName)) {
                result.append("\(object) was added to a warehouse \(object.kind == .trigger ? "table or view" : "table")")
            }
        }
        return result
    }

    /// SQLite names are case-insensitive (ASCII).
    private static func key(_ name: String) -> String {
        name.lowercased()
    }

    /// The SQL with every run of white space as one space.
    private static func normalized(_ sql: String?) -> String? {
        sql.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }
}
