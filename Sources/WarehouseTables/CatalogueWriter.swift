import Population
import Storage

/// Writes the generator's catalogue (categories, subcategories, planted personas and their
/// parameters) into the warehouse, once; on later seeds, checks the stored one still matches,
/// so users of different generator versions never share ids with different meanings.
package enum CatalogueWriter {
    package static func write(_ model: PopulationModel, to connection: WarehouseStore) throws {
        try refuseImported(model, in: connection)
        let categories = try connection.prepare("INSERT INTO categories(id, name) VALUES (?, ?) ON CONFLICT DO NOTHING")
        for category in model.categories {
            try categories.run([.integer(Int64(category.id)), .text(category.name)])
        }
        let subcategories = try connection.prepare(
            "INSERT INTO subcategories(id, category_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        for subcategory in model.subcategories {
            try subcategories.run([.integer(Int64(subcategory.id)), .integer(Int64(subcategory.categoryID)), .text(subcategory.name)])
        }
        let personas = try connection.prepare(
            "INSERT INTO personas(id, name, category_id, summary) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        let preferences = try connection.prepare(
            "INSERT INTO persona_preferences(persona_id, subcategory_id, alpha) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        let weights = try connection.prepare(
            "INSERT INTO persona_age_weights(persona_id, age_group, weight) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        for persona in model.personas {
            let id = SQLValue.integer(Int64(persona.id))
            try personas.run([id, .text(persona.name), .integer(Int64(persona.categoryID)), .text(persona.summary)])
            for (index, alpha) in persona.alpha.enumerated() {
                try preferences.run([id, .integer(Int64(index + 1)), .real(alpha)])
            }
            for (group, weight) in zip(AgeGroup.all, persona.ageGroupWeights) {
                try weights.run([id, .text(group.label), .real(weight)])
            }
        }
        try verify(model, in: connection)
    }

    /// The stored catalogue must be exactly the generator's: same ids, names and parents.
    package static func verify(_ model: PopulationModel, in connection: WarehouseStore) throws {
        let storedCategories = try connection.rows("SELECT id, name FROM categories ORDER BY id")
        let expectedCategories: [[SQLValue]] = model.categories.map { [.integer(Int64($0.id)), .text($0.name)] }
        guard storedCategories == expectedCategories else {
            throw WarehouseError.catalogueMismatch(detail: "categories are \(describe(storedCategories)), expected \(describe(expectedCategories))")
        }
        let storedSubcategories = try connection.rows("SELECT id, category_id, name FROM subcategories ORDER BY id")
        let expectedSubcategories: [[SQLValue]] = model.subcategories.map {
            [.integer(Int64($0.id)), .integer(Int64($0.categoryID)), .text($0.name)]
        }
        guard storedSubcategories == expectedSubcategories else {
            throw WarehouseError.catalogueMismatch(detail: "subcategories differ from the generator's \(expectedSubcategories.count)")
        }
        let storedPersonas = try connection.rows("SELECT id, name, category_id FROM personas ORDER BY id")
        let expectedPersonas: [[SQLValue]] = model.personas.map {
            [.integer(Int64($0.id)), .text($0.name), .integer(Int64($0.categoryID))]
        }
        guard storedPersonas == expectedPersonas else {
            throw WarehouseError.catalogueMismatch(detail: "personas are \(describe(storedPersonas)), expected \(describe(expectedPersonas))")
        }
    }

    /// A warehouse that holds an imported catalogue (categories, no personas) other than the
    /// generator's is refused before anything is written, naming what it holds.
    private static func refuseImported(_ model: PopulationModel, in connection: WarehouseStore) throws {
        let storedCategories = try connection.rows("SELECT id, name FROM categories ORDER BY id")
        let expectedCategories: [[SQLValue]] = model.categories.map { [.integer(Int64($0.id)), .text($0.name)] }
        if !storedCategories.isEmpty, try connection.scalar("SELECT count(*) FROM personas")?.int64 == 0,
           storedCategories != expectedCategories {
            let names = storedCategories.prefix(6).compactMap { $0.last?.string }.joined(separator: ", ")
            throw WarehouseError.catalogueMismatch(
                detail: "it holds an imported catalogue (\(storedCategories.count) categories: \(names)\(storedCategories.count > 6 ? ", …" : "")), not the generator's (sports, fashion, food, pets); a warehouse holds one taxonomy: seed into another --db")
        }
    }

    private static func describe(_ rows: [[SQLValue]]) -> String {
        "[" + rows.map { $0.map(\.description).joined(separator: " ") }.joined(separator: ", ") + "]"
    }
}
