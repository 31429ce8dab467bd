#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The vocabulary of features a segmentation can use (`--features a,b,…`). Every feature is
/// z-scored before PCA, so units do not matter, only shape.
///
/// The default is `category_share`: each user's likes per category divided by the user's total
/// likes. Shares describe WHAT a user likes independently of HOW MUCH: liked-post counts are
/// heavy-tailed (skewness > 2), so raw counts would let a few heavy users span the first
/// components and decide the segments by volume rather than interest. Shares sum to 1, so four
/// category shares span three dimensions, exactly what four interest personas need.
public enum FeatureSet: String, CaseIterable, Sendable {
    /// Likes per category / the user's likes (one feature per category).
    case categoryShare = "category_share"
    /// ln(1 + likes) per category.
    case categoryLog1p = "category_log1p"
    /// Likes per category.
    case categoryCount = "category_count"
    /// Likes per subcategory / the user's likes (one feature per subcategory).
    case subcategoryShare = "subcategory_share"
    /// ln(1 + likes) per subcategory.
    case subcategoryLog1p = "subcategory_log1p"
    /// Likes per subcategory.
    case subcategoryCount = "subcategory_count"
    /// Age in years.
    case age
    /// Liked posts (with a window: the user's total interest in it).
    case likedPosts = "liked_posts"
    /// ln(1 + liked posts) (with a window: of the total interest).
    case logLikedPosts = "log_liked_posts"

    public static let defaultSets: [FeatureSet] = [.categoryShare]

    /// Parses `"category_share,age"`; an unknown or repeated name is an error naming it and the vocabulary.
    public static func parse(_ text: String) throws -> [FeatureSet] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: " ") }
        var sets: [FeatureSet] = []
        for name in names {
            guard let set = FeatureSet(rawValue: name) else {
                throw WarehouseError.invalidArgument(
                    "unknown feature '\(name)' in --features; choose from: \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !sets.contains(set) else {
                throw WarehouseError.invalidArgument("feature '\(name)' is listed twice in --features")
            }
            sets.append(set)
        }
        return sets
    }

    /// Column names this set contributes, e.g. `share_sports`.
    package func columnNames(_ data: WarehouseData) -> [String] {
        switch self {
        case .categoryShare: data.categories.map { "share_\($0.name)" }
        case .categoryLog1p: data.categories.map { "log1p_\($0.name)" }
        case .categoryCount: data.categories.map { "likes_\($0.name)" }
        case .subcategoryShare: data.subcategories.map { "share_\($0.name)" }
        case .subcategoryLog1p: data.subcategories.map { "log1p_\($0.name)" }
        case .subcategoryCount: data.subcategories.map { "likes_\($0.name)" }
        case .age: ["age"]
        case .likedPosts: ["liked_posts"]
        case .logLikedPosts: ["log_liked_posts"]
        }
    }

    /// Writes this set's values for user `user` into `values` from `offset` on; returns the next offset.
    /// `total` is the user's interest (shares are 0 when it is 0).
    package func fill(_ values: inout [Double], at offset: Int, user: Int, total: Double, data: WarehouseData) -> Int {
        var o = offset
        let c = data.categories.count
        let s = data.subcategories.count
        let inverse = total > 0 ? 1.0 / total : 0
        switch self {
        case .categoryShare:
            for j in 0..<c { values[o] = data.categoryLikes[user * c + j] * inverse; o += 1 }
        case .categoryLog1p:
            for j in 0..<c { values[o] = log1p(data.categoryLikes[user * c + j]); o += 1 }
        case .categoryCount:
            for j in 0..<c { values[o] = data.categoryLikes[user * c + j]; o += 1 }
        case .subcategoryShare:
            for j in 0..<s { values[o] = data.subcategoryLikes[user * s + j] * inverse; o += 1 }
        case .subcategoryLog1p:
            for j in 0..<s { values[o] = log1p(data.subcategoryLikes[user * s + j]); o += 1 }
        case .subcategoryCount:
            for j in 0..<s { values[o] = data.subcategoryLikes[user * s + j]; o += 1 }
        case .age:
            values[o] = Double(data.ages[user]); o += 1
        case .likedPosts:
            values[o] = total; o += 1
        case .logLikedPosts:
            values[o] = log1p(total); o += 1
        }
        return o
    }
}

extension Substring {
    package func trimmingCharacters(in set: Character) -> String {
        var slice = self[...]
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}
