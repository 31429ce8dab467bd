import WarehouseTables

/// Profiles of the segments: size, age, liked posts, and what each segment likes compared with
/// everyone clustered.
///
/// For segment s and subcategory j: share(s, j) = likes(s, j) / likes(s) (the segment's interest
/// mix), and lift(s, j) the warehouse's one affinity (`Lift`): its members who like j (count > 0
/// in what the run counts) against everyone clustered, shrunk by 100 users; 1 means the segment is
/// as likely as everyone to like j, 2 twice as likely. Categories the same way, a member liking a
/// category when they like any of its subcategories. Lift is nil where nobody likes j.
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
        var catUsers = [Int](repeating: 0, count: k * c)
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
            for j in 0..<c where data.categoryLikes[user * c + j] > 0 {
                catLikes[segment * c + j] += Double(data.categoryLikes[user * c + j])
                catUsers[segment * c + j] += 1
            }
        }
        // Everyone's share of users liking j: the lift's p_j.
        let everyoneSub = (0..<s).map { j in users.isEmpty ? 0 : Double((0..<k).reduce(0) { $0 + subUsers[$1 * s + j] }) / Double(users.count) }
        let everyoneCat = (0..<c).map { j in users.isEmpty ? 0 : Double((0..<k).reduce(0) { $0 + catUsers[$1 * c + j] }) / Double(users.count) }

        return (0..<k).map { segment in
            let total = (0..<s).reduce(0.0) { $0 + subLikes[segment * s + $1] }
            let size = sizes[segment]
            let subcategories = (0..<s).map { j -> SegmentationResult.SubcategoryProfile in
                let share = total > 0 ? subLikes[segment * s + j] / total : 0
                return SegmentationResult.SubcategoryProfile(
                    subcategoryID: data.subcategories[j].id, name: data.subcategories[j].name,
                    meanLikes: size > 0 ? subLikes[segment * s + j] / Double(size) : 0,
                    share: share, lift: Lift.shrunk(engaged: Double(subUsers[segment * s + j]), members: size, everyone: everyoneSub[j]),
                    usersLiking: subUsers[segment * s + j])
            }
            let categories = (0..<c).map { j -> (name: String, share: Double, lift: Double) in
                let share = total > 0 ? catLikes[segment * c + j] / total : 0
                return (data.categories[j].name, share,
                        Lift.shrunk(engaged: Double(catUsers[segment * c + j]), members: size, everyone: everyoneCat[j]) ?? 0)
            }.sorted { $0.lift > $1.lift }
            return SegmentationResult.Segment(
                segment: segment + 1, users: size, share: users.isEmpty ? 0 : Double(size) / Double(users.count),
                meanAge: size > 0 ? ageSums[segment] / Double(size) : 0,
                meanLikedPosts: size > 0 ? likedSums[segment] / Double(size) : 0,
                categories: categories, subcategories: subcategories)
        }
    }
}
