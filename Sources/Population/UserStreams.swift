import Randomness

/// The attribute a random stream is for. A user's attribute is a pure function of
/// `(seed, user id, field)`: it is drawn from `SplitMix64(seed: seed, UInt64(userID), field.rawValue)`
/// and from nothing else, so batches can be split, reordered or run on any thread. The raw values
/// are part of the output: changing one needs a `generatorVersion` bump.
public enum UserField: UInt64, CaseIterable, Sendable {
    /// Culture, given and family name, username and e-mail patterns, e-mail domain.
    case identity = 1
    /// The skew-normal age.
    case age = 2
    /// Lurker decision and the log-normal like count.
    case likedPosts = 3
    /// The persona, given the age group.
    case persona = 4
    /// The Dirichlet preference vector (not drawn for users with 0 liked posts).
    case preference = 5
    /// The per-like categorical draws (not drawn for users with 0 liked posts; generator v1 only).
    case likes = 6
    /// Whether, when and to which persona the user's interest drifts (generator v2).
    case drift = 7
    /// The preference vector after a drift (generator v2).
    case driftPreference = 8
    /// The number of comments, shares and searches (generator v2).
    case kindCounts = 9
    /// Each interaction's moment, subcategory and keyword (generator v2).
    case interactions = 10
    /// The gender, given the persona (generator v3 and v4).
    case gender = 11
    /// Country given the name culture, city, postal code (generator v3 and v4).
    case place = 12
    /// Whether the user has a phone, and its number (generator v3 and v4).
    case phone = 13
    /// The date of birth, given the age (generator v3 and v4).
    case birthDate = 14
}

/// The per-field streams of one user. Equal to `SplitMix64(seed: seed, UInt64(userID), field)`
/// (tested), but hashes `(seed, userID)` once for all fields instead of once per field and
/// avoids the variadic array.
struct UserStreams {
    private let prefix: UInt64

    init(seed: UInt64, userID: Int64) {
        let increment = SplitMix64.increment
        let h = SplitMix64.mix(seed &+ increment)
        prefix = SplitMix64.mix(h ^ SplitMix64.mix(UInt64(bitPattern: userID) &+ increment))
    }

    /// The stream of `field`.
    func stream(_ field: UserField) -> SplitMix64 {
        SplitMix64(seed: SplitMix64.mix(prefix ^ SplitMix64.mix(field.rawValue &+ SplitMix64.increment)))
    }
}
