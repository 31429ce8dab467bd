/// The names a targeting report needs: categories, subcategories and planted personas, each in
/// id order (the order of `WarehouseData`'s columns).
package struct TargetingCatalogue: Sendable, Equatable {
    package struct Item: Sendable, Equatable {
        package let id: Int
        package let name: String
        /// For a subcategory, its category's index in `categories`; for others, unused (0).
        package let parent: Int
    }

    package let categories: [Item]
    package let subcategories: [Item]
    package let personas: [Item]

    /// The catalogue of a warehouse read into memory, with the personas from `connection`.
    package init(data: WarehouseData, store connection: WarehouseStore) throws {
        categories = data.categories.map { Item(id: $0.id, name: $0.name, parent: 0) }
        subcategories = data.subcategories.map { Item(id: $0.id, name: $0.name, parent: $0.categoryIndex) }
        personas = try Self.personas(connection)
    }

    /// The catalogue as the tables hold it now.
    package init(store connection: WarehouseStore) throws {
        let catalogue = try WarehouseReader.catalogue(connection)
        categories = catalogue.categories.map { Item(id: $0.id, name: $0.name, parent: 0) }
        subcategories = catalogue.subcategories.map { Item(id: $0.id, name: $0.name, parent: $0.categoryIndex) }
        personas = try Self.personas(connection)
    }

    package init(categories: [Item], subcategories: [Item], personas: [Item]) {
        self.categories = categories
        self.subcategories = subcategories
        self.personas = personas
    }

    /// The planted personas in id order; ids in 1…Int32.max (the analysis holds them as `Int32`).
    package static func personas(_ connection: WarehouseStore) throws -> [Item] {
        try PersonaTables.read(connection).map { Item(id: $0.id, name: $0.name, parent: 0) }
    }

    /// The category name of subcategory column `j` ("" if the catalogue is inconsistent).
    package func categoryName(ofSubcategory j: Int) -> String {
        let parent = subcategories[j].parent
        return categories.indices.contains(parent) ? categories[parent].name : ""
    }
}
