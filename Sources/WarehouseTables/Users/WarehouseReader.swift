import Storage
import WarehouseSupport

/// Reads the warehouse into `WarehouseData`, checking the invariants the analysis relies on.
///
/// Users are read in id order and like rows in primary-key order (user, subcategory), merged in
/// one pass, so no like row is kept. A warehouse edited by hand so that it breaks an invariant
/// (likes summing to other than `liked_posts`, a like for an unknown subcategory or user) is
/// refused with the first offending user named.
package enum WarehouseReader {
    /// The catalogue and the column of every subcategory id.
    package struct Catalogue {
        package let categories: [WarehouseData.CategoryInfo]
        package let subcategories: [WarehouseData.SubcategoryInfo]
        /// subcategory id → column in `subcategoryLikes`, −1 for unknown ids.
        package let column: [Int]
    }

    package static func catalogue(_ connection: WarehouseStore) throws -> Catalogue {
        let stored = try CatalogueTables.read(connection)
        let categories = stored.categories.map { WarehouseData.CategoryInfo(id: Int($0.id), name: $0.name) }
        let categoryIndex = Dictionary(categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let subcategories = stored.subcategories.map {
            WarehouseData.SubcategoryInfo(id: Int($0.id), categoryIndex: categoryIndex[Int(clamping: $0.parent)] ?? -1, name: $0.name)
        }
        // The planted personas are read by the report and targeting, not here; checked here all the
        // same, so a run never stores results a later command must refuse.
        _ = try TargetingCatalogue.personas(connection)
        if let orphan = subcategories.first(where: { $0.categoryIndex < 0 }) {
            throw WarehouseError.brokenInvariant("subcategory \(orphan.id) ('\(orphan.name)') has no category")
        }
        return Catalogue(categories: categories, subcategories: subcategories, column: column(of: subcategories))
    }

    /// subcategory id → its index in `subcategories`, −1 for ids not there (ids are at most
    /// `CatalogueTables.maximumSubcategoryID`, checked when read).
    package static func column(of subcategories: [WarehouseData.SubcategoryInfo]) -> [Int] {
        var column = [Int](repeating: -1, count: (subcategories.map(\.id).max() ?? 0) + 1)
        for (index, subcategory) in subcategories.enumerated() {
            column[subcategory.id] = index
        }
        return column
    }

    /// The gender group (`WarehouseData.genderGroups`) of the `users.gender` in `column`; a value
    /// the schema's CHECK forbids (a hand edit) is refused naming the row.
    static func genderGroup(_ row: StoredRow, column: Int32) throws -> UInt8 {
        guard let text = try row.optionalText(column, "gender", maxLength: 16) else { return 3 }
        switch text {
        case "female": return 0
        case "male": return 1
        case "other": return 2
        default:
            throw WarehouseError.brokenInvariant(
                "users.gender of \(printableExcerpt(row.row())) is '\(StoredRow.excerpt(text))', not 'female', 'male', 'other' or NULL")
        }
    }

    /// Refuses a `users.country` that is not two upper-case ASCII letters (a hand edit past the
    /// schema's CHECK). Not kept: checked here, in the read every run starts with, so a run never
    /// stores results that its report (the segments' composition by country) must then refuse.
    static func checkCountry(_ row: StoredRow, column: Int32) throws {
        guard let country = try row.optionalText(column, "country", maxLength: 2) else { return }
        guard country.utf8.count == 2, country.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw WarehouseError.brokenInvariant(
                "users.country of \(printableExcerpt(row.row())) is '\(StoredRow.excerpt(country))', not an ISO 3166-1 alpha-2 code")
        }
    }

    /// Every user and like of the warehouse, on one connection.
    package static func read(_ connection: WarehouseStore) throws -> WarehouseData {
        let catalogue = try catalogue(connection)
        return try read(connection, catalogue: catalogue, ids: Int64.min...Int64.max, capacity: try UsersTable.count(connection))
    }

    /// The users with ids in `ids` and their likes. Likes of users outside `ids` are not read;
    /// likes inside `ids` whose user does not exist are an error.
    /// - Parameter capacity: users to reserve room for (an estimate; the arrays grow past it),
    ///   e.g. everyone, so that a later `append` of the other half of a parallel read fills the
    ///   same buffers in place.
    /// - Parameter likes: false leaves the interest columns empty and reads no like row (a
    ///   windowed read fills them from the interactions; zeros would be written only to be replaced).
    package static func read(_ connection: WarehouseStore, catalogue: Catalogue, ids: ClosedRange<Int64>, capacity: Int,
                             likes readLikes: Bool = true) throws -> WarehouseData {
        var data = WarehouseData(categories: catalogue.categories, subcategories: catalogue.subcategories)
        let bounds: [SQLValue] = [.integer(ids.lowerBound), .integer(ids.upperBound)]
        let s = catalogue.subcategories.count
        let c = catalogue.categories.count
        data.userIDs.reserveCapacity(capacity)
        data.ages.reserveCapacity(capacity)
        data.genderGroups.reserveCapacity(capacity)
        data.likedPosts.reserveCapacity(capacity)
        data.personaIDs.reserveCapacity(capacity)
        if readLikes {
            data.subcategoryLikes.reserveCapacity(capacity * s)
            data.categoryLikes.reserveCapacity(capacity * c)
        }
        let column = catalogue.column
        let categoryOfColumn = catalogue.subcategories.map(\.categoryIndex)

        // Three ordered scans merged by user id (no join: a join costs one index lookup per user).
        // Every value goes through `StoredRow` (range checked, one line naming the row; the
        // columns are STRICT INTEGER NOT NULL, see `strictInt`).
        let users = try connection.prepare("SELECT id, age, liked_posts, gender, country FROM users WHERE id BETWEEN ? AND ? ORDER BY id")
        try users.bind(bounds)
        let user = StoredRow(statement: users, table: "users", row: { "user \(users.value(0))" })
        let personas = try connection.prepare(
            "SELECT user_id, persona_id FROM user_personas WHERE user_id BETWEEN ? AND ? ORDER BY user_id")
        try personas.bind(bounds)
        let persona = StoredRow(statement: personas, table: "user_personas", row: { "user \(personas.value(0))" })
        var personaPending = try personas.step()
        let likes = try connection.prepare(readLikes
            ? "SELECT user_id, subcategory_id, likes FROM user_likes WHERE user_id BETWEEN ? AND ? ORDER BY user_id, subcategory_id"
            : "SELECT NULL, NULL, NULL WHERE 0 AND ?1 AND ?2")
        try likes.bind(bounds)
        let like = StoredRow(statement: likes, table: "user_likes",
                             row: { "user \(likes.value(0)), subcategory \(likes.value(1))" })
        var likePending = try likes.step()
        var row = 0
        while try users.step() {
            let id = try user.strictInt(0, "id", in: Int64.min...Int64.max)
            let liked = try user.strictInt(2, "liked_posts", in: 0...Int64(Int32.max))
            let age = try user.strictInt(1, "age", in: 0...150)
            data.userIDs.append(id)
            data.ages.append(Int32(age))
            data.genderGroups.append(try Self.genderGroup(user, column: 3))
            try Self.checkCountry(user, column: 4)
            data.likedPosts.append(Int32(liked))
            var personaID: Int32 = 0
            while personaPending {
                let owner = try persona.strictInt(0, "user_id", in: Int64.min...Int64.max)
                if owner > id { break }
                if owner == id {
                    personaID = Int32(clamping: try persona.strictInt(1, "persona_id", in: Int64.min...Int64.max))
                    break
                }
                personaPending = try personas.step()
            }
            data.personaIDs.append(personaID)
            if readLikes {
                data.subcategoryLikes.append(contentsOf: repeatElement(0, count: s))
                data.categoryLikes.append(contentsOf: repeatElement(0, count: c))
            }
            var sum: Int64 = 0
            while likePending {
                let likeUser = try like.strictInt(0, "user_id", in: Int64.min...Int64.max)
                if likeUser > id { break }
                if likeUser < id {
                    throw WarehouseError.brokenInvariant("user_likes has likes for user \(likeUser), who is not in users")
                }
                let subcategory = try like.strictInt(1, "subcategory_id", in: Int64.min...Int64.max)
                guard subcategory >= 0, subcategory < Int64(column.count), column[Int(subcategory)] >= 0 else {
                    throw WarehouseError.brokenInvariant("user \(id) has likes for subcategory \(subcategory), which is not in subcategories")
                }
                let count = try like.strictInt(2, "likes", in: 1...Int64(Int32.max))
                let j = column[Int(subcategory)]
                data.subcategoryLikes[row * s + j] = Double(count)
                data.categoryLikes[row * c + categoryOfColumn[j]] += Double(count)
                sum += count
                likePending = try likes.step()
            }
            if readLikes && sum != liked {
                throw WarehouseError.brokenInvariant("user \(id) has likes summing to \(sum) but liked_posts = \(liked)")
            }
            row += 1
        }
        if likePending {
            throw WarehouseError.brokenInvariant("user_likes has likes for user \(likes.value(0)), who is not in users")
        }
        return data
    }
}

extension WarehouseData {
    /// Below this many users the read stays on one connection (a second costs more than it saves).
    public static let parallelReadThreshold = 50_000

    /// Reads the whole warehouse, the two halves of the user-id range in parallel on two
    /// connections (each a read transaction of its own), with SQLite failures turned into
    /// warehouse errors.
    ///
    /// Consistency: the id range is fixed by the first connection's snapshot, so users a seed
    /// appends meanwhile (new, larger ids) are left out by both halves. Seeds and runs only
    /// append; a hand edit of existing users committed between the two snapshots could be seen
    /// by one half only.
    /// - Parameter parallelFrom: the fewest users for which the read is split (tests lower it).
    public static func read(_ store: WarehouseStore, threads: Int = 2, parallelFrom: Int = parallelReadThreshold) throws -> WarehouseData {
        try store.snapshot { try readInTransaction(store, threads: threads, parallelFrom: parallelFrom) }
    }

    /// `read`, with the interest of a window (see `InteractionWindow`) instead of all-time likes
    /// when `window` is given.
    /// `undecayed`: also fill `undecayedLikes` for a window with a half-life, in the same pass.
    public static func read(_ store: WarehouseStore, window: InteractionWindow?, threads: Int = 2,
                            parallelFrom: Int = parallelReadThreshold, undecayed: Bool = false) throws -> WarehouseData {
        try store.snapshot {
            guard let window else { return try readInTransaction(store, threads: threads, parallelFrom: parallelFrom) }
            return try readWindowInTransaction(store, window: window, threads: threads, parallelFrom: parallelFrom, undecayed: undecayed)
        }
    }

    /// `read`, inside a transaction the caller holds on `store` (a snapshot, or a write whose
    /// lock keeps every other writer out, so the second half's connection sees the same state),
    /// so that a command's other reads and its writes see the same users.
    package static func readInTransaction(_ store: WarehouseStore, threads: Int = 2, parallelFrom: Int = parallelReadThreshold,
                                          likes: Bool = true) throws -> WarehouseData {
        do {
            let catalogue = try WarehouseReader.catalogue(store)
            // Three queries, each answered from an index; combined, SQLite scans the table.
            let count = try UsersTable.count(store)
            let bounds = try UsersTable.idBounds(store)
            guard count >= max(2, parallelFrom), threads >= 2, let low = bounds?.lowerBound, let high = bounds?.upperBound,
                  store.path != ":memory:", !store.path.isEmpty else {
                return try WarehouseReader.read(store, catalogue: catalogue, ids: Int64.min...Int64.max, capacity: count, likes: likes)
            }
            if likes, let orphan = try UsersTable.likeOutside(low...high, store) {
                throw WarehouseError.brokenInvariant("user_likes has likes for user \(orphan), who is not in users")
            }
            // The first id of the second half: halves of equal user counts.
            let split = try UsersTable.id(after: count / 2, from: low, through: high, store) ?? high
            let recipe = store.readerRecipe
            let path = store.path  // the file the store opened, never a URI nor :memory:
            let upperHalf = Prefetcher<Result<WarehouseData, Error>>(count: 1, depth: 1) { _ in
                Result {
                    let connection = try recipe.open(user: path)
                    let catalogue = try WarehouseReader.catalogue(connection)
                    return try connection.transaction(.deferred) {
                        try WarehouseReader.read(connection, catalogue: catalogue, ids: split...high, capacity: count - count / 2, likes: likes)
                    }
                }
            }
            var data = try WarehouseReader.read(store, catalogue: catalogue, ids: low...(split - 1), capacity: count, likes: likes)
            let upper = try upperHalf.take(0).get()
            guard upper.categories == data.categories, upper.subcategories == data.subcategories else {
                throw WarehouseError.brokenInvariant("the catalogue changed while it was read; run again")
            }
            data.append(upper)
            return data
        } catch {
            throw WarehouseStore.translate(error, path: store.path, busyTimeoutMilliseconds: store.busyTimeoutMilliseconds)
        }
    }

    /// Appends the users of `other` (same catalogue, larger ids).
    package mutating func append(_ other: WarehouseData) {
        userIDs += other.userIDs
        ages += other.ages
        genderGroups += other.genderGroups
        likedPosts += other.likedPosts
        personaIDs += other.personaIDs
        subcategoryLikes += other.subcategoryLikes
        categoryLikes += other.categoryLikes
    }
}
