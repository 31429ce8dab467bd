import Storage
import WarehouseSchema

/// Decides, by reading only, whether an SQLite file is a warehouse: a file is ours only if its
/// schema says so.
///
/// At `user_version` v (1…latest), the file must have no `SchemaRules.Difference` from the
/// schema migrations 1…v create (see `SchemaRules` for what is tolerated and what refused; the
/// same rules as `warehouse check`). At v = 0 the file must be empty. A negative v, or one above
/// what this binary knows, is refused before anything else.
package enum SchemaCheck {
    /// Checks the file behind `connection` and returns its schema version.
    /// - Throws: `WarehouseError.unknownSchemaVersion`, `.migration(.newerThanKnown)`,
    ///   `.foreignDatabase` or `.schemaMismatch`, each naming the path and what differs.
    package static func verify(_ connection: Connection, path: String) throws -> Int {
        let version = try connection.userVersion
        guard version >= 0 else { throw WarehouseError.unknownSchemaVersion(path: path, version: version) }
        let latest = WarehouseMigrations.latestVersion
        guard version <= latest else {
            throw WarehouseError.migration(.newerThanKnown(databaseVersion: version, knownVersion: latest))
        }
        let found = try SchemaRules.found(connection)
        if version == 0 {
            let tables = found.filter { $0.kind == .table || $0.kind == .view }.map(\.name)
            if !found.isEmpty { throw WarehouseError.foreignDatabase(path: path, tables: tables.isEmpty ? found.map(\.description) : tables) }
            return 0
        }
        let differences = try SchemaRules.differences(connection, version: version)
        if !differences.isEmpty {
            let ours = Set(try SchemaRules.expected.get()[version].map { SchemaRules.key($0.name) })
            if !found.contains(where: { ours.contains(SchemaRules.key($0.name)) }) {
                throw WarehouseError.foreignDatabase(path: path, tables: found.filter { $0.kind == .table || $0.kind == .view }.map(\.name))
            }
            throw WarehouseError.schemaMismatch(path: path, version: version, differences: differences.map(phrase))
        }
        return version
    }

    /// One difference as a phrase ("missing table users", "trigger t on users was added to a warehouse table or view").
    package static func phrase(_ difference: SchemaRules.Difference) -> String {
        switch difference {
        case .missing(let object): "missing \(object)"
        case .wrongKind(let found, let expected): "\(found) stands where the warehouse has \(expected)"
        case .altered(let object): "\(object) differs from what the migrations create"
        case .alteredCatalogueView(let object):
            "\(object) differs from what the migrations create and from the one an import generates from the stored categories (were categories renamed by hand?)"
        case .takesLaterName(let object): "\(object) has the name of an object a later migration creates"
        case .addedToWarehouse(let object): "\(object) was added to a warehouse \(object.kind == .trigger ? "table or view" : "table")"
        }
    }
}
