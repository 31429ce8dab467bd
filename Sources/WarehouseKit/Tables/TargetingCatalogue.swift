import Storage

/// The names a targeting report needs: categories, subcategories and planted personas, each in
/// id order (the order of `WarehouseData`'s columns).
struct TargetingCatalogue: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        let id: Int
        let name: String
        /// For a subcategory, its category's index in `categories`; for others, unused (0).
        let parent: Int
    }

    let categories: [Item]
    let subcategories: [Item]
    let personas: [Item]

    /// The catalogue of a warehouse read into memory, with the personas from `connection`.
    init(data: WarehouseData, connection: Connection) throws {
        categories = data.categories.map { Item(id: $0.id, name: $0.name, parent: 0) }
        subcategories = data.subcategories.map { Item(id: $0.id, name: $0.name, parent: $0.categoryIndex) }
        personas = try Self.personas(connection)
    }

    /// The catalogue as the tables hold it now.
    init(connection: Connection) throws {
        categories = try connection.rows("SELECT id, name FROM categories ORDER BY id").map {
            Item(id: Int($0[0].int64 ?? 0), name: $0[1].string ?? "", parent: 0)
        }
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.id, $0) })
        subcategories = try connection.rows("SELECT id, category_id, name FROM subcategories ORDER BY id").map {
            Item(id: Int($0[0].int64 ?? 0), name: $0[2].string ?? "", parent: index[Int($0[1].int64 ?? 0)] ?? 0)
        }
        personas = try Self.personas(connection)
    }

    init(categories: [Item], subcategories: [Item], personas: [Item]) {
        self.categories = categories
        self.subcategories = subcategories
        self.personas = personas
    }

    private static func personas(_ connection: Connection) throws -> [Item] {
        try connection.rows("SELECT id, name FROM personas ORDER BY id").map {
            Item(id: Int($0[0].int64 ?? 0), name: $0[1].string ?? "", parent: 0)
        }
    }

    /// The category name of subcategory column `j` ("" if the catalogue is inconsistent).
    func categoryName(ofSubcategory j: Int) -> String {
        let parent = subcategories[j].parent
        return categories.indices.contains(parent) ? categories[parent].name : ""
    }
}
