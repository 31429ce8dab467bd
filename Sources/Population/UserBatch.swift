/// Generated users in column form, ready for bulk inserts.
///
/// User columns (`ids` … `birthDates`) all have `userCount` entries, row `i` describing user
/// `ids[i]`. Like columns (`likeUserIDs`, `likeSubcategoryIDs`, `likeCounts`) all have
/// `likeRowCount` entries, one per (user, subcategory) with a positive count, ordered by user (in
/// the order of `ids`) then by ascending subcategory id. For each user the counts sum to its
/// `likedPosts`; users with 0 liked posts have no like rows.
public struct UserBatch: Sendable, Equatable {
    public var ids: [Int64] = []
    /// ASCII, unique: `<handle><id>`.
    public var usernames: [String] = []
    /// Display name "First Last" (Unicode).
    public var fullNames: [String] = []
    /// ASCII, unique: `<handle><id>@example.{com,org,net}`.
    public var emails: [String] = []
    /// Whole years, within the model's age clip (13…90 by default).
    public var ages: [Int32] = []
    /// Total posts liked, ≥ 0.
    public var likedPosts: [Int32] = []
    /// Planted persona id (1…4); ground truth for evaluating the segmentation.
    public var personaIDs: [Int32] = []
    /// Drawn gender (`undisclosed` is stored as NULL).
    public var genders: [PopulationGender] = []
    /// ISO 3166-1 alpha-2, e.g. "DE".
    public var countries: [String] = []
    /// First-level region, e.g. "Bayern".
    public var regions: [String] = []
    /// City, e.g. "München".
    public var cities: [String] = []
    /// As written in the country; nil where it has no postal codes.
    public var postalCodes: [String?] = []
    /// E.164 ("+4915112345678"); nil for users without a phone.
    public var phones: [String?] = []
    /// "YYYY-MM-DD": the user is exactly `ages[i]` whole years old on the seed's reference day.
    public var birthDates: [String] = []

    public var likeUserIDs: [Int64] = []
    /// Subcategory id, 1…20.
    public var likeSubcategoryIDs: [Int32] = []
    /// Number of liked posts of that subcategory, > 0.
    public var likeCounts: [Int32] = []
    /// The users' interactions, when generated with a timeline (see `InteractionModel`).
    public var interactions = InteractionRows()
    /// The users whose persona changed during the period (`personaIDs` holds the persona at its end).
    public var personaChanges: [PersonaChange] = []

    /// An empty batch with room for `reservingUsers` users and about 8 like rows per user.
    public init(reservingUsers: Int) {
        precondition(reservingUsers >= 0, "UserBatch needs a non-negative reservation, got \(reservingUsers)")
        reserveCapacity(users: reservingUsers, likeRows: reservingUsers * 8)
    }

    public var userCount: Int { ids.count }
    public var likeRowCount: Int { likeUserIDs.count }

    /// Empties every column.
    public mutating func removeAll(keepingCapacity: Bool) {
        ids.removeAll(keepingCapacity: keepingCapacity)
        usernames.removeAll(keepingCapacity: keepingCapacity)
        fullNames.removeAll(keepingCapacity: keepingCapacity)
        emails.removeAll(keepingCapacity: keepingCapacity)
        ages.removeAll(keepingCapacity: keepingCapacity)
        likedPosts.removeAll(keepingCapacity: keepingCapacity)
        personaIDs.removeAll(keepingCapacity: keepingCapacity)
        genders.removeAll(keepingCapacity: keepingCapacity)
        countries.removeAll(keepingCapacity: keepingCapacity)
        regions.removeAll(keepingCapacity: keepingCapacity)
        cities.removeAll(keepingCapacity: keepingCapacity)
        postalCodes.removeAll(keepingCapacity: keepingCapacity)
        phones.removeAll(keepingCapacity: keepingCapacity)
        birthDates.removeAll(keepingCapacity: keepingCapacity)
        likeUserIDs.removeAll(keepingCapacity: keepingCapacity)
        likeSubcategoryIDs.removeAll(keepingCapacity: keepingCapacity)
        likeCounts.removeAll(keepingCapacity: keepingCapacity)
        interactions.removeAll(keepingCapacity: keepingCapacity)
        personaChanges.removeAll(keepingCapacity: keepingCapacity)
    }

    /// Reserves room for `users` more users and `likeRows` more like rows.
    public mutating func reserveCapacity(users: Int, likeRows: Int) {
        let u = userCount + users
        ids.reserveCapacity(u)
        usernames.reserveCapacity(u)
        fullNames.reserveCapacity(u)
        emails.reserveCapacity(u)
        ages.reserveCapacity(u)
        likedPosts.reserveCapacity(u)
        personaIDs.reserveCapacity(u)
        genders.reserveCapacity(u)
        countries.reserveCapacity(u)
        regions.reserveCapacity(u)
        cities.reserveCapacity(u)
        postalCodes.reserveCapacity(u)
        phones.reserveCapacity(u)
        birthDates.reserveCapacity(u)
        let l = likeRowCount + likeRows
        likeUserIDs.reserveCapacity(l)
        likeSubcategoryIDs.reserveCapacity(l)
        likeCounts.reserveCapacity(l)
    }

    /// Appends the like rows of user `userID` for `counts` (index = subcategory id − 1): one row
    /// per positive count, in subcategory order.
    ///
    /// Branch-free: a row is written for every subcategory and the write position advances only
    /// past positive counts, then the unused tail is dropped, so the ~50 % zero counts cost no
    /// branch mispredictions.
    mutating func appendLikeRows(userID: Int64, counts: UnsafeBufferPointer<Int32>) {
        let k = counts.count
        let start = likeRowCount
        likeUserIDs.append(contentsOf: repeatElement(userID, count: k))
        likeSubcategoryIDs.append(contentsOf: repeatElement(0, count: k))
        likeCounts.append(contentsOf: repeatElement(0, count: k))
        var written = 0
        likeSubcategoryIDs.withUnsafeMutableBufferPointer { subcategoryIDs in
            likeCounts.withUnsafeMutableBufferPointer { likeCounts in
                for index in 0..<k {
                    let count = counts[index]
                    subcategoryIDs[start &+ written] = Int32(truncatingIfNeeded: index &+ 1)
                    likeCounts[start &+ written] = count
                    written &+= Int((UInt32(bitPattern: count) &+ 0x7FFF_FFFF) >> 31) // 1 iff count > 0
                }
            }
        }
        let unused = k - written
        likeUserIDs.removeLast(unused)
        likeSubcategoryIDs.removeLast(unused)
        likeCounts.removeLast(unused)
    }
}
