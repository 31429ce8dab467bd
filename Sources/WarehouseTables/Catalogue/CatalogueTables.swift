import Population
import Storage

/// `categories`, `subcategories` and `subcategory_descriptions`: the taxonomy every like refers
/// to. Every statement on them is here (the `user_profiles` view generated from them is
/// `CatalogueViews`): the one read of both tables, the import's write of a new catalogue, and the
/// seed's write and check of the generator's.
package enum CatalogueTables {
    /// A stored category (`parent` 0) or subcategory (`parent` its category's id).
    package struct Entry: Equatable, Sendable {
        package let id: Int64
        package let name: String
        package let parent: Int64

        package init(id: Int64, name: String, parent: Int64) {
            self.id = id
            self.name = name
            self.parent = parent
        }
    }

    /// The largest subcategory id read: the analysis indexes a column table by subcategory id.
    package static let maximumSubcategoryID: Int64 = 1_000_000

    /// The categories in id order, as (id, name) rows; the schema rules read the same statement.
    static let categoriesSQL = "SELECT id, name FROM categories ORDER BY id"

    /// Categories and subcategories in id order, every value checked: category ids in
    /// 1…Int32.max, subcategory ids in 1…`maximumSubcategoryID`, printable names.
    package static func read(_ store: WarehouseStore) throws -> (categories: [Entry], subcategories: [Entry]) {
        let categories = try store.mapRows(categoriesSQL, table: "categories", row: { "category \($0.value(0))" }) { row in
            Entry(id: try row.int(0, "id", in: 1...Int64(Int32.max)), name: try row.name(1, "name"), parent: 0)
        }
        let subcategories = try store.mapRows("SELECT id, category_id, name FROM subcategories ORDER BY id",
                                              table: "subcategories", row: { "subcategory \($0.value(0))" }) { row in
            Entry(id: try row.int(0, "id", in: 1...maximumSubcategoryID), name: try row.name(2, "name"),
                  parent: try row.int(1, "category_id", in: Int64.min...Int64.max))
        }
        return (categories, subcategories)
    }

    /// Writes a new catalogue: categories and subcategories with the ids given, and the
    /// subcategories' descriptions (an empty one is not stored).
    package static func writeImported(categories: [(id: Int64, name: String)],
                                      subcategories: [(id: Int64, categoryID: Int64, name: String, description: String?)],
                                      _ store: WarehouseStore) throws {
        let category = try store.prepare("INSERT INTO categories(id, name) VALUES (?, ?)")
        for entry in categories { try category.run([.integer(entry.id), .text(entry.name)]) }
        let subcategory = try store.prepare("INSERT INTO subcategories(id, category_id, name) VALUES (?, ?, ?)")
        let description = try store.prepare("INSERT INTO subcategory_descriptions(subcategory_id, description) VALUES (?, ?)")
        for entry in subcategories {
            try subcategory.run([.integer(entry.id), .integer(entry.categoryID), .text(entry.name)])
            if let text = entry.description, !text.isEmpty { try description.run([.integer(entry.id), .text(text)]) }
        }
    }

    /// Writes the generator's categories and subcategories where missing (a later seed writes
    /// nothing new; `verifyGenerated` then checks the stored ones are the generator's).
    package static func writeGenerated(_ model: PopulationModel, _ store: WarehouseStore) throws {
        let categories = try store.prepare("INSERT INTO categories(id, name) VALUES (?, ?) ON CONFLICT DO NOTHING")
        for category in model.categories {
            try categories.run([.integer(Int64(category.id)), .text(category.name)])
        }
        let subcategories = try store.prepare(
            "INSERT INTO subcategories(id, category_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        for subcategory in model.subcategories {
            try subcategories.run([.integer(Int64(subcategory.id)), .integer(Int64(subcategory.categoryID)), .text(subcategory.name)])
        }
    }

    /// The generator's catalogue as `read` returns one.
    package static func generated(_ model: PopulationModel) -> (categories: [Entry], subcategories: [Entry]) {
        (model.categories.map { Entry(id: Int64($0.id), name: $0.name, parent: 0) },
         model.subcategories.map { Entry(id: Int64($0.id), name: $0.name, parent: Int64($0.categoryID)) })
    }
}
