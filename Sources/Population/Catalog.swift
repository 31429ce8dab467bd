/// A top-level interest category. Ids are stable across generator versions: 1 sports, 2 fashion,
/// 3 food, 4 pets.
public struct Category: Sendable, Equatable, Hashable {
    /// Stable id, 1…4.
    public let id: Int
    /// Lower-case display name, e.g. "sports".
    public let name: String

    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

/// An interest subcategory, the unit users like. Ids 1…20 are stable and grouped by category in
/// order: category `c` owns ids `5(c−1)+1 … 5c`.
public struct Subcategory: Sendable, Equatable, Hashable {
    /// Stable id, 1…20; also `index + 1` in every per-subcategory vector (e.g. `Persona.alpha`).
    public let id: Int
    /// Id of the owning `Category`.
    public let categoryID: Int
    /// Lower-case display name, e.g. "football".
    public let name: String

    public init(id: Int, categoryID: Int, name: String) {
        self.id = id
        self.categoryID = categoryID
        self.name = name
    }
}

/// The fixed interest catalogue: 4 categories × 5 subcategories.
///
/// Invariants (tested): category ids are 1…4, subcategory ids are 1…20 in order, and subcategory
/// `id` belongs to category `(id − 1) / 5 + 1`.
public enum Catalog {
    /// Subcategories per category.
    public static let subcategoriesPerCategory = 5

    /// The categories, ordered by id.
    public static let categories: [Category] = [
        Category(id: 1, name: "sports"),
        Category(id: 2, name: "fashion"),
        Category(id: 3, name: "food"),
        Category(id: 4, name: "pets"),
    ]

    /// Subcategory names per category, in id order.
    static let subcategoryNames: [[String]] = [
        ["football", "basketball", "running", "cycling", "tennis"],
        ["streetwear", "luxury", "sneakers", "vintage", "beauty"],
        ["baking", "vegan", "street food", "fine dining", "coffee"],
        ["dogs", "cats", "aquariums", "birds", "horses"],
    ]

    /// The subcategories, ordered by id (grouped by category).
    public static let subcategories: [Subcategory] = {
        var result: [Subcategory] = []
        for (categoryIndex, names) in subcategoryNames.enumerated() {
            for name in names {
                result.append(Subcategory(id: result.count + 1, categoryID: categoryIndex + 1, name: name))
            }
        }
        return result
    }()

    /// Number of subcategories (20): the length of every per-subcategory vector.
    public static var subcategoryCount: Int { categories.count * subcategoriesPerCategory }

    /// The category id owning subcategory `subcategoryID` (1…20).
    @inlinable
    public static func categoryID(ofSubcategory subcategoryID: Int) -> Int {
        (subcategoryID - 1) / subcategoriesPerCategory + 1
    }
}
