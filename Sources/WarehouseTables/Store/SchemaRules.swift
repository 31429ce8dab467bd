import Storage
import WarehouseSchema

/// The one comparison of a file's schema with the migrations', behind both the opening check
/// (`SchemaCheck`, which refuses a file) and `warehouse check` (`SchemaComparison`, which
/// reports): each presents the `Difference`s its own way, neither decides differently.
///
/// The rules, for the objects `expected` at a version (what migrations 1…v create in an empty
/// database) and those `later` migrations create:
/// - Names are compared as SQLite does, ASCII case folded; SQL text with every run of white
///   space as one space (SQLite stores the text as written).
/// - Every expected table, view, index and trigger must be there, of the same kind, on the same
///   table, with the same SQL; else `missing`, `wrongKind` or `altered`.
/// - One exception: the view `user_profiles` may instead be exactly the one `warehouse import`
///   generates from the file's own `categories` (`CatalogueViews.matchesStoredCatalogue`); any
///   other text is `alteredCatalogueView`.
/// - Tolerated: an analyst's own tables and views, and indexes and triggers on those.
/// - Refused: an index or trigger on a warehouse table or view (`addedToWarehouse`: a trigger
///   runs inside the warehouse's transactions, an index changes its plans), and an object with
///   the name of one a later migration creates (`takesLaterName`: the migration would fail).
/// SQLite's own objects (`sqlite_…`) are never compared.
package enum SchemaRules {
    package enum Difference: Equatable, Sendable {
        /// An object of the migrations is not in the file.
        case missing(SchemaObject)
        /// The name of an object of the migrations is taken by one of another kind.
        case wrongKind(found: SchemaObject, expected: SchemaObject)
        /// Same kind, another table or another definition.
        case altered(SchemaObject)
        /// `user_profiles` is neither the migrations' nor the one generated from the stored categories.
        case alteredCatalogueView(SchemaObject)
        /// An object of the file has the name of one a later migration creates.
        case takesLaterName(SchemaObject)
        /// An index or trigger of the file on a warehouse table or view.
        case addedToWarehouse(SchemaObject)
    }

    /// The schema objects after each version, index 0 the empty schema: computed once per process.
    package static let expected: Result<[[SchemaObject]], SQLiteError> = {
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

    /// The objects of `connection`'s file that are compared: all but SQLite's own.
    package static func found(_ connection: Connection) throws -> [SchemaObject] {
        try connection.schemaObjects().filter { !$0.isInternal }
    }

    /// The differences of `found` from `expected` (in `expected`'s order, then `found`'s), by the
    /// rules above. `regenerated(sql)`: whether a `user_profiles` text is the view generated from
    /// the file's stored categories.
    package static func differences(found: [SchemaObject], expected: [SchemaObject], later: [SchemaObject],
                            regenerated: (String?) -> Bool = { _ in false }) -> [Difference] {
        var result: [Difference] = []
        let byName = Dictionary(found.map { (key($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = Set(expected.map { key($0.name) })
        let ourTables = Set(expected.filter { $0.kind == .table || $0.kind == .view }.map { key($0.name) })
        for object in expected {
            guard let present = byName[key(object.name)] else {
                result.append(.missing(object))
                continue
            }
            if present.kind != object.kind {
                result.append(.wrongKind(found: present, expected: object))
            } else if key(present.tableName) != key(object.tableName) || normalized(present.sql) != normalized(object.sql) {
                if object.kind == .view, key(object.name) == CatalogueViews.viewName {
                    if !regenerated(present.sql) { result.append(.alteredCatalogueView(object)) }
                } else {
                    result.append(.altered(object))
                }
            }
        }
        let laterNames = Set(later.map { key($0.name) }).subtracting(expectedNames)
        for object in found where !expectedNames.contains(key(object.name)) {
            if laterNames.contains(key(object.name)) {
                result.append(.takesLaterName(object))
            } else if (object.kind == .index || object.kind == .trigger) && ourTables.contains(key(object.tableName)) {
                result.append(.addedToWarehouse(object))
            }
        }
        return result
    }

    /// `differences` of the file behind `connection` from the schema at `version` (1…latest).
    package static func differences(_ connection: Connection, version: Int) throws -> [Difference] {
        let schemas = try expected.get()
        return differences(found: try found(connection), expected: schemas[version], later: schemas[WarehouseMigrations.latestVersion],
                           regenerated: { CatalogueViews.matchesStoredCatalogue($0, connection, version: version) })
    }

    /// SQLite names are case-insensitive (ASCII).
    package static func key(_ name: String) -> String {
        name.lowercased()
    }

    /// The SQL with every run of white space as one space.
    private static func normalized(_ sql: String?) -> String? {
        sql.map(CatalogueViews.normalized)
    }
}
