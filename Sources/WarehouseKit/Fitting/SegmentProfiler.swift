import WarehouseTables

/// Profiles of the segments: size, age, liked posts, and what each segment likes compared with
/// everyone clustered.
///
/// For segment s and subcategory j: share(s, j) = likes(s, j) / likes(s), and
/// lift(s, j) = share(s, j) / share(all, j), where share(all, j) is over all clustered users; a
/// lift of 1 means the segment likes j as much as everyone does, 2 twice as much. Categories the
/// same way. Lift is nil where nobody likes j.
enum SegmentProfiler {
    static func profile(data: WarehouseData, users: [Int], labels: [Int32], k: Int) -> [SegmentationResult.Segment] {
        let s = data.subcategories.count
        let c = data.categories.count
        var sizes = [Int](repeating: 0, count: k)
        var ageSums = [Double](repeating: 0, count: k)
        var likedSums = [Double](repeating: 0, count: k)
        var subLikes = [Double](repeating: 0, count: k * s)
        var subUsers = [Int](repeating: 0, count: k * s)
        var catLikes = [Double](repeating: 0, count: k * c)
        for (row, user) in users.enumerated() {
            let segment = Int(labels[row])
            sizes[segment] += 1
            ageSums[segment] += Double(data.ages[user])
            likedSums[segment] += Double(data.likedPosts[user])
            for j in 0..<s {
                let likes = data.subcategoryLikes[user * s + j]
                if likes > 0 {
                    subLikes[segment * s + j] += Double(likes)
                    subUsers[segment * s + j] += 1
                }
            }
            for j in 0..<c {
                catLikes[segment * c + j] += Double(data.categoryLikes[user * c + j])
            }
        }
        let allSub = (0..<s).map { j in (0..<k).reduce(0.0) { $0 + subLikes[$1 * s + j] } }
        let allCat = (0..<c).map { j in (0..<k).reduce(0.0) { $0 + catLikes[$1 * c + j] } }
        let allTotal = allSub.reduce(0, +)

        return (0..<k).map { segment in
            let total = (0..<s).reduce(0.0) { $0 + subLikes[segment * s + $1] }
            let size = sizes[segment]
            let subcategories = (0..<s).map { j -> SegmentationResult.SubcategoryProfile in
                let share = total > 0 ? subLikes[segment * s + j] / total : 0
                let everyone = allTotal > 0 ? allSub[j] / allTotal : 0
                return SegmentationResult.SubcategoryProfile(
                    subcategoryID: data.subcategories[j].id, name: data.subcategories[j].name,
                    meanLikes: size > 0 ? subLikes[segment * s + j] / Double(size) : 0,
                    share: share, lift: everyone > 0 ? share / everyone : nil,
                    usersLiking: subUsers[segment * s + j])
            }
            let categories = (0..<c).map { j -> (name: String, share: Double, lift: Double) in
                let share = total > 0 ? catLikes[segment * c + j] / total : 0
                let everyone = allTotal > 0 ? allCat[j] / allTotal : 0
                return (data.categories[j].name, share, everyone > 0 ? share / everyone : 0)
            }.sorted { $0.lift > $1.lift }
            return SegmentationResult.Segment(
                segment: segment + 1, users: size, share: users.isEmpty ? 0 : Double(size) / Double(users.count),
                meanAge: size > 0 ? ageSums[segment] / Double(size) : 0,
                meanLikedPosts: size > 0 ? likedSums[segment] / Double(size) : 0,
                categories: categories, subcategories: subcategories)
        }
    }
}
