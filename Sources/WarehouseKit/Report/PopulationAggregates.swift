import Population
import WarehouseTables

/// Everything the population charts need, aggregated from `WarehouseData` in one pass over the users.
///
/// Units: ages in whole years, liked posts in posts, counts in users. "Favourite category" is
/// `WarehouseData.topCategory(user:)` (most likes, ties to the lowest category id); users with no
/// likes have none and are counted apart.
struct PopulationAggregates: Sendable {
    let users: Int
    let categoryNames: [String]
    let age: DistributionSummary
    /// Over every user, zeros included.
    let likedPosts: DistributionSummary
    /// Users per whole year, `ageCounts[a − age.minimum]`.
    let ageCounts: [Int]
    /// Users with no liked post (not on the log axis).
    let usersWithoutLikes: Int
    /// Log bins of liked posts, 10 per decade, and the users in each (liked posts ≥ 1).
    let likedBins: LogIntegerBins
    let likedCounts: [Int]
    /// The age × liked-posts grid: columns are `gridAgeEdges` bins (`gridAgeStep` years each),
    /// rows are `likedBins`; `gridCounts[row * columns + column]`, users with ≥ 1 liked post.
    let gridAgeEdges: [Int]
    let gridCounts: [Int]
    /// `favourite[group * categories + category]`: users of age group `group` (index in
    /// `AgeGroup.all`) whose favourite category is `category`.
    let favourite: [Int]
    /// Users of each age group with no likes at all.
    let noFavourite: [Int]
    /// Likes per category over every user, and users with at least one like there.
    let categoryLikes: [Int]
    let usersLikingCategory: [Int]

    /// Years per column of the age × liked-posts grid.
    static let gridAgeStep = 2

    init(_ data: WarehouseData) {
        precondition(data.userCount > 0, "population aggregates need at least one user")
        users = data.userCount
        categoryNames = data.categories.map(\.name)
        age = DistributionSummary(data.ages)
        likedPosts = DistributionSummary(data.likedPosts)

        let bins = LogIntegerBins(maximum: max(1, likedPosts.maximum), perDecade: 10)
        likedBins = bins
        let step = Self.gridAgeStep
        let gridStart = (age.minimum / step) * step
        let columns = (age.maximum - gridStart) / step + 1
        gridAgeEdges = (0...columns).map { gridStart + $0 * step }
        let categories = data.categories.count
        let groups = AgeGroup.all.count

        var ageCounts = [Int](repeating: 0, count: age.maximum - age.minimum + 1)
        var likedCounts = [Int](repeating: 0, count: bins.count)
        var gridCounts = [Int](repeating: 0, count: columns * bins.count)
        var favourite = [Int](repeating: 0, count: groups * categories)
        var noFavourite = [Int](repeating: 0, count: groups)
        var zeros = 0
        var categoryLikes = [Int](repeating: 0, count: categories)
        var usersLiking = [Int](repeating: 0, count: categories)
        // Bin of each liked-posts value below the table size, so the loop does no search.
        let lookupLimit = min(likedPosts.maximum, 1 << 16)
        let lookup = (0...lookupLimit).map { bins.index(of: $0) ?? -1 }
        for user in 0..<data.userCount {
            let years = Int(data.ages[user])
            ageCounts[years - age.minimum] += 1
            let liked = Int(data.likedPosts[user])
            let group = AgeGroup.index(containing: years)
            if liked == 0 {
                zeros += 1
            } else if let bin = liked <= lookupLimit ? lookup[liked] : bins.index(of: liked), bin >= 0 {
                likedCounts[bin] += 1
                gridCounts[bin * columns + (years - gridStart) / step] += 1
            }
            for category in 0..<categories {
                let likes = Int(data.categoryLikes[user * categories + category])
                categoryLikes[category] += likes
                if likes > 0 { usersLiking[category] += 1 }
            }
            if let category = data.topCategory(user: user) {
                favourite[group * categories + category] += 1
            } else {
                noFavourite[group] += 1
            }
        }
        self.ageCounts = ageCounts
        self.likedCounts = likedCounts
        self.gridCounts = gridCounts
        self.favourite = favourite
        self.noFavourite = noFavourite
        usersWithoutLikes = zeros
        self.categoryLikes = categoryLikes
        usersLikingCategory = usersLiking
    }

    /// Users in age group `group`, favourite or not.
    func usersInGroup(_ group: Int) -> Int {
        let categories = categoryNames.count
        return (0..<categories).reduce(noFavourite[group]) { $0 + favourite[group * categories + $1] }
    }
}
