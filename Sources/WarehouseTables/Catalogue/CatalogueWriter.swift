import Population

/// Writes the generator's catalogue (categories, subcategories, planted personas and their
/// parameters) into the warehouse, once; on later seeds, checks the stored one still matches,
/// so users of different generator versions never share ids with different meanings.
package enum CatalogueWriter {
    package static func write(_ model: PopulationModel, to store: WarehouseStore) throws {
        try refuseImported(model, in: store)
        try CatalogueTables.writeGenerated(model, store)
        try PersonaTables.writeGenerated(model, store)
        try verify(model, in: store)
    }

    /// The stored catalogue must be exactly the generator's: same ids, names and parents.
    package static func verify(_ model: PopulationModel, in store: WarehouseStore) throws {
        let stored = try CatalogueTables.read(store)
        let expected = CatalogueTables.generated(model)
        guard stored.categories == expected.categories else {
            throw WarehouseError.catalogueMismatch(
                detail: "categories are \(describe(stored.categories)), expected \(describe(expected.categories))")
        }
        guard stored.subcategories == expected.subcategories else {
            throw WarehouseError.catalogueMismatch(detail: "subcategories differ from the generator's \(expected.subcategories.count)")
        }
        let storedPersonas = try PersonaTables.read(store)
        let expectedPersonas = PersonaTables.generated(model)
        guard storedPersonas == expectedPersonas else {
            throw WarehouseError.catalogueMismatch(detail: "personas are \(describe(storedPersonas.map { [String($0.id), $0.name, String($0.categoryID)] })), expected \(describe(expectedPersonas.map { [String($0.id), $0.name, String($0.categoryID)] }))")
        }
    }

    /// A warehouse that holds an imported catalogue (categories, no personas) other than the
    /// generator's is refused before anything is written, naming what it holds.
    private static func refuseImported(_ model: PopulationModel, in store: WarehouseStore) throws {
        let stored = try CatalogueTables.read(store).categories
        if !stored.isEmpty, try PersonaTables.read(store).isEmpty, stored != CatalogueTables.generated(model).categories {
            let names = stored.prefix(6).map(\.name).joined(separator: ", ")
            throw WarehouseError.catalogueMismatch(
                detail: "it holds an imported catalogue (\(stored.count) categories: \(names)\(stored.count > 6 ? ", …" : "")), not the generator's (sports, fashion, food, pets); a warehouse holds one taxonomy: seed into another --db")
        }
    }

    private static func describe(_ entries: [CatalogueTables.Entry]) -> String {
        describe(entries.map { [String($0.id), $0.name] })
    }

    private static func describe(_ rows: [[String]]) -> String {
        "[" + rows.map { $0.joined(separator: " ") }.joined(separator: ", ") + "]"
    }
}
