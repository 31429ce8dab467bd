import Population
import Storage

/// Reads the warehouse into `WarehouseData`, checking the invariants the analysis relies on.
///
/// Users are read in id order and like rows in primary-key order (user, subcategory), merged in
/// one pass, so no like row is kept. A warehouse edited by hand so that it breaks an invariant
/// (likes summing to other than `liked_posts`, a like for an unknown subcategory or user) is
/// refused with the first offending user named.
enum WarehouseReader {
    static func read(_ connection: Connection) throws -> WarehouseData {
        let categories = try connection.rows("SELECT id, name FROM categories ORDER BY id").map {
            WarehouseData.CategoryInfo(id: Int($0[0].int64 ?? 0), name: $0[1].string ?? "")
        }
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.id, $0) })
        let subcategories = try connection.rows("SELECT id, category_id, name FROM subcategories ORDER BY id").map { row in
            WarehouseData.SubcategoryInfo(id: Int(row[0].int64 ?? 0),
                                          categoryIndex: categoryIndex[Int(row[1].int64 ?? 0)] ?? -1,
                                          name: row[2].string ?? "")
        }
        if let orphan = subcategories.first(where: { $0.categoryIndex < 0 }) {
            throw WarehouseError.brokenInvariant("subcategory \(orphan.id) ('\(orphan.name)') has no category")
        }
        var data = WarehouseData(categories: categories, subcategories: subcategories)
        // Subcategory id → column; ids are small positive integers in practice.
        let maxSubcategoryID = subcategories.map(\.id).max() ?? 0
        var column = [Int](repeating: -1, count: maxSubcategoryID + 1)
        for (index, subcategory) in subcategories.enumerated() where subcategory.id >= 0 {
            column[subcategory.id] = index
        }

        let userCount = Int(try connection.scalar("SELECT count(*) FROM users")?.int64 ?? 0)
        data.userIDs.reserveCapacity(userCount)
        data.ages.reserveCapacity(userCount)
        data.likedPosts.reserveCapacity(userCount)
        data.personaIDs.reserveCapacity(userCount)
        let s = subcategories.count
        let c = categories.count
        data.subcategoryLikes = [Int32](repeating: 0, count: userCount * s)
        data.categoryLikes = [Int32](repeating: 0, count: userCount * c)

        let users = try connection.prepare(
            "SELECT u.id, u.age, u.liked_posts, coalesce(p.persona_id, 0) FROM users AS u LEFT JOIN user_personas AS p ON p.user_id = u.id ORDER BY u.id")
        let likes = try connection.prepare("SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id, subcategory_id")
        var likePending = try likes.step()
        var row = 0
        while try users.step() {
            guard row < userCount else { break }  // rows added since the count: read next time
            let id = users.int64(0)
            data.userIDs.append(id)
            data.ages.append(Int32(clamping: users.int64(1)))
            let liked = users.int64(2)
            guard liked >= 0, liked <= Int64(Int32.max) else {
                throw WarehouseError.brokenInvariant("user \(id) has liked_posts = \(liked), outside 0…\(Int32.max)")
            }
            data.likedPosts.append(Int32(clamping: liked))
            data.personaIDs.append(Int32(clamping: users.int64(3)))
            var sum: Int64 = 0
            while likePending {
                let likeUser = likes.int64(0)
                if likeUser > id { break }
                if likeUser < id {
                    throw WarehouseError.brokenInvariant("user_likes has likes for user \(likeUser), who is not in users")
                }
                let subcategory = likes.int64(1)
                guard subcategory >= 0, subcategory <= Int64(maxSubcategoryID), column[Int(subcategory)] >= 0 else {
                    throw WarehouseError.brokenInvariant("user \(id) has likes for subcategory \(subcategory), which is not in subcategories")
                }
                let count = likes.int64(2)
                guard count > 0, count <= Int64(Int32.max) else {
                    throw WarehouseError.brokenInvariant("user \(id) has \(count) likes in subcategory \(subcategory); likes must be positive")
                }
                let j = column[Int(subcategory)]
                data.subcategoryLikes[row * s + j] = Int32(count)
                data.categoryLikes[row * c + subcategories[j].categoryIndex] &+= Int32(count)  // checked below via `sum`
                sum += count
                likePending = try likes.step()
            }
            if sum != liked {  // also catches a category sum that wrapped: sum ≤ Int32.max here
                throw WarehouseError.brokenInvariant("user \(id) has likes summing to \(sum) but liked_posts = \(liked)")
            }
            row += 1
        }
        if likePending {
            throw WarehouseError.brokenInvariant("user_likes has likes for user \(likes.int64(0)), who is not in users")
        }
        return data
    }
}

extension WarehouseData {
    /// Reads the whole warehouse in one read transaction (a consistent snapshot even while a
    /// seed is appending), with SQLite failures turned into warehouse errors.
    public static func read(_ store: WarehouseStore) throws -> WarehouseData {
        do {
            return try store.connection.transaction(.deferred) { try WarehouseReader.read(store.connection) }
        } catch {
            throw WarehouseStore.translate(error, path: store.path, busyTimeoutMilliseconds: store.busyTimeoutMilliseconds)
        }
    }
}
