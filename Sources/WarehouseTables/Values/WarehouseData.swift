/// The warehouse read into memory for the analysis: one row per user, interest aggregated per
/// subcategory and per category. By default the interest is the all-time like count; with a
/// `window` it is the window's weighted, decayed sum (see `InteractionWindow`), a real number.
/// Flat row-major `Double` buffers: at a million users and 20 subcategories, 160 MB for
/// subcategories plus 32 MB for categories. Like and interaction rows are streamed into these
/// sums and never held.
public struct WarehouseData: Sendable {
    public struct CategoryInfo: Sendable, Equatable {
        public let id: Int
        public let name: String
    }

    public struct SubcategoryInfo: Sendable, Equatable {
        public let id: Int
        public let categoryIndex: Int
        public let name: String
    }

    /// Categories in id order; `categoryLikes` columns follow this order.
    public let categories: [CategoryInfo]
    /// Subcategories in id order; `subcategoryLikes` columns follow this order.
    public let subcategories: [SubcategoryInfo]
    /// User ids, ascending.
    public var userIDs: [Int64] = []
    public var ages: [Int32] = []
    public var likedPosts: [Int32] = []
    /// Each user's gender as a mixing group (`LatentClassCovariate.genderLabels`): 0 female,
    /// 1 male, 2 other, 3 not disclosed (`users.gender` NULL).
    public var genderGroups: [UInt8] = []

    /// Row `row`'s gender group; 3 (not disclosed) for data built without the column.
    public func genderGroup(_ row: Int) -> UInt8 {
        row < genderGroups.count ? genderGroups[row] : 3
    }
    /// The planted persona of each user, 0 when the user has none (hand-added users).
    public var personaIDs: [Int32] = []
    /// users × subcategories, row-major: interest of user i in subcategory j (likes by default), ≥ 0.
    public var subcategoryLikes: [Double] = []
    /// users × categories, row-major: the sums of the category's subcategories.
    public var categoryLikes: [Double] = []
    /// How the interest was counted; nil: all-time likes.
    public var window: InteractionWindow?
    /// For a window with a half-life, when asked for (`WarehouseData.read(…, undecayed: true)`):
    /// the same sums without the decay (users × subcategories). nil otherwise.
    public var undecayedLikes: [Double]?

    public init(categories: [CategoryInfo], subcategories: [SubcategoryInfo]) {
        self.categories = categories
        self.subcategories = subcategories
    }

    public var userCount: Int { userIDs.count }

    /// Sum of a user's interest over all categories (liked posts by default).
    public func totalLikes(user: Int) -> Double {
        var total = 0.0
        let width = categories.count
        for c in 0..<width { total += categoryLikes[user * width + c] }
        return total
    }

    /// Index in `categories` of the user's top category: most likes, ties to the lowest index
    /// (the same rule as the `user_profiles` view); nil for a user with no likes.
    public func topCategory(user: Int) -> Int? {
        let width = categories.count
        var best: Int?
        var bestLikes = 0.0
        for c in 0..<width {
            let likes = categoryLikes[user * width + c]
            if likes > bestLikes {
                best = c
                bestLikes = likes
            }
        }
        return best
    }

    /// Whether every user has a planted persona (then ARI against them is meaningful).
    public var hasGroundTruth: Bool {
        !personaIDs.isEmpty && !personaIDs.contains(0)
    }
}
