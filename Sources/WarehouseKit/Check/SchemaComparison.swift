import Storage
import WarehouseSchema

/// The schema of a file against the one the migrations create (`reference`): every table, view,
/// index and trigger of the warehouse must be there with the migrations' definition; an
/// analyst's own tables and views may be added, but no index or trigger on the warehouse's
/// tables (a trigger runs inside the warehouse's transactions).
struct SchemaComparison {
    let actual: Connection
    let reference: Connection

    /// One line per difference, schema version first.
    func problems() throws -> [String] {
        var problems: [String] = []
        let version = try IntegrityQueries.userVersion(actual)
        if version != Int64(WarehouseMigrations.latestVersion) {
            problems.append("user_version = \(version), this binary's schema is version \(WarehouseMigrations.latestVersion)")
        }
        let expected = try IntegrityQueries.schemaObjects(reference)
        let found = try IntegrityQueries.schemaObjects(actual)
        let foundByName = Dictionary(found.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = Set(expected.map(\.name))
        let ourTables = Set(expected.filter { $0.type == "table" }.map(\.name))
        for object in expected {
            guard let other = foundByName[object.name] else {
                problems.append("the \(object.type) \(object.name) is missing")
                continue
            }
            if other.type != object.type {
                problems.append("\(object.name) is a \(IntegrityCheck.printable(other.type)), the migrations make it a \(object.type)")
            } else if other.sql != object.sql {
                // The one view an import regenerates from its catalogue (see SchemaCheck.differences).
                if object.type == "view", object.name == CatalogueViews.viewName,
                   CatalogueViews.matchesStoredCatalogue(other.sql, actual) { continue }
                problems.append("the \(object.type) \(object.name) differs from the migrations' definition")
            }
        }
        for object in found where !expectedNames.contains(object.name) {
            let name = IntegrityCheck.printable(object.name)
            let table = IntegrityCheck.printable(object.table)
            if object.type == "trigger" {
                problems.append("trigger \(name) on \(table) is not the warehouse's")
            } else if object.type == "index", ourTables.contains(object.table) {
                problems.append("index \(name) on \(table) is not the warehouse's")
            }
        }
        return problems
    }

    /// Whether every table of the warehouse is there as a table, so the invariant queries read
    /// what the migrations created.
    func tablesFit() throws -> Bool {
        let found = Dictionary(try IntegrityQueries.schemaObjects(actual).map { ($0.name, $0.type) },
                               uniquingKeysWith: { first, _ in first })
        return try IntegrityQueries.schemaObjects(reference).filter { $0.type == "table" }.allSatisfy { found[$0.name] == "table" }
    }
}
