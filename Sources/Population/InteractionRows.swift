/// Generated interactions in column form, one entry per interaction, ready for bulk inserts in
/// the `interactions` table's key order once `sortByDay()` has run: by day, then user, then
/// (second, kind, subcategory, ordinal).
public struct InteractionRows: Sendable, Equatable {
    /// Day number since 1970-01-01 (UTC).
    public var days: [Int32] = []
    public var userIDs: [Int64] = []
    /// Second of the day, 0…86399.
    public var seconds: [Int32] = []
    /// Kind id, 1…4 (`InteractionModel.kindNames`).
    public var kinds: [UInt8] = []
    /// Subcategory id, 1…20.
    public var subcategoryIDs: [Int32] = []
    /// 0, or n for the n-th repeat of an interaction equal in every other key column.
    public var ordinals: [Int32] = []
    /// A search's keyword index (see `InteractionModel.keyword`), −1 for other kinds.
    public var keywords: [Int32] = []

    public init() {}

    public var count: Int { days.count }

    public mutating func append(day: Int32, user: Int64, second: Int32, kind: UInt8, subcategory: Int32, ordinal: Int32, keyword: Int32) {
        days.append(day)
        userIDs.append(user)
        seconds.append(second)
        kinds.append(kind)
        subcategoryIDs.append(subcategory)
        ordinals.append(ordinal)
        keywords.append(keyword)
    }

    public mutating func removeAll(keepingCapacity: Bool) {
        days.removeAll(keepingCapacity: keepingCapacity)
        userIDs.removeAll(keepingCapacity: keepingCapacity)
        seconds.removeAll(keepingCapacity: keepingCapacity)
        kinds.removeAll(keepingCapacity: keepingCapacity)
        subcategoryIDs.removeAll(keepingCapacity: keepingCapacity)
        ordinals.removeAll(keepingCapacity: keepingCapacity)
        keywords.removeAll(keepingCapacity: keepingCapacity)
    }

    /// Reorders the rows by day, keeping the order within a day (a stable counting sort, O(n +
    /// days)): rows appended user by user in ascending id, each user's in key order, end up in
    /// the table's key order.
    public mutating func sortByDay() {
        guard let low = days.min(), let high = days.max(), low < high else { return }
        var starts = [Int](repeating: 0, count: Int(high - low) + 2)
        for day in days { starts[Int(day - low) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var order = [Int](repeating: 0, count: count)
        for (row, day) in days.enumerated() {
            let slot = Int(day - low)
            order[starts[slot]] = row
            starts[slot] += 1
        }
        func permute<T>(_ column: [T]) -> [T] { order.map { column[$0] } }
        days = permute(days)
        userIDs = permute(userIDs)
        seconds = permute(seconds)
        kinds = permute(kinds)
        subcategoryIDs = permute(subcategoryIDs)
        ordinals = permute(ordinals)
        keywords = permute(keywords)
    }
}

/// A seeded user's change of persona (interest drift): from `at` (Unix seconds) on, `to`.
public struct PersonaChange: Sendable, Equatable {
    public let userID: Int64
    public let at: Int64
    public let from: Int32
    public let to: Int32
}
