import Storage
import WarehouseSchema
import WarehouseSupport

/// The schema of a file against the one the migrations create at this binary's version, by the
/// rules of `SchemaRules` (the same as opening a warehouse: every table, view, index and trigger
/// of the warehouse with the migrations' definition, `user_profiles` also as an import
/// regenerates it; an analyst's own tables and views, and indexes and triggers on them, allowed;
/// no index or trigger on the warehouse's tables or views), worded for `warehouse check`.
package struct SchemaComparison {
    package let actual: WarehouseStore

    /// One line per difference, schema version first.
    package func problems() throws -> [String] {
        var problems: [String] = []
        let latest = WarehouseMigrations.latestVersion
        let version = try IntegrityQueries.userVersion(actual)
        if version != Int64(latest) {
            problems.append("user_version = \(version), this binary's schema is version \(latest)")
        }
        return problems + (try SchemaRules.differences(actual.connection, version: latest)).map(Self.line)
    }

    /// One difference as `check` words it; the file's own names made printable.
    package static func line(_ difference: SchemaRules.Difference) -> String {
        func named(_ object: SchemaObject) -> String {
            "\(object.kind.rawValue) \(printableExcerpt(object.name)) on \(printableExcerpt(object.tableName))"
        }
        switch difference {
        case .missing(let object): return "the \(object.kind.rawValue) \(object.name) is missing"
        case .wrongKind(let found, let expected):
            return "\(expected.name) is a \(found.kind.rawValue), the migrations make it a \(expected.kind.rawValue)"
        case .altered(let object): return "the \(object.kind.rawValue) \(object.name) differs from the migrations' definition"
        case .alteredCatalogueView(let object):
            return "the \(object.kind.rawValue) \(object.name) differs from the migrations' definition and from the one an import generates from the stored categories"
        case .takesLaterName(let object):
            return "\(object.kind.rawValue) \(printableExcerpt(object.name)) has the name of an object a later migration creates"
        case .addedToWarehouse(let object): return "\(named(object)) is not the warehouse's"
        }
    }

    /// Whether every table of the warehouse is there as a table, so the invariant queries read
    /// what the migrations created.
    package func tablesFit() throws -> Bool {
        let found = Dictionary(try SchemaRules.found(actual.connection).map { (SchemaRules.key($0.name), $0.kind) },
                               uniquingKeysWith: { first, _ in first })
        return try SchemaRules.expected.get()[WarehouseMigrations.latestVersion].filter { $0.kind == .table }
            .allSatisfy { found[SchemaRules.key($0.name)] == .table }
    }
    package init(actual: WarehouseStore) {
        self.actual = actual
    }
}
