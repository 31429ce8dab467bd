/// A gender as the seed draws it. `undisclosed` is stored as NULL (`users.gender`), the other
/// three as their `label`; the raw value indexes `Persona.genderWeights`.
public enum PopulationGender: Int8, Sendable, CaseIterable {
    case female = 0
    case male = 1
    case other = 2
    case undisclosed = 3

    /// "female", "male", "other" or "undisclosed" (the `persona_gender_weights.gender` values).
    public var label: String {
        switch self {
        case .female: "female"
        case .male: "male"
        case .other: "other"
        case .undisclosed: "undisclosed"
        }
    }

    /// The `users.gender` value: the label, nil for `undisclosed`.
    public var storedValue: String? { self == .undisclosed ? nil : label }
}

/// One city a generated user can live in: a real city of a real region, with a postal-code
/// pattern that is a real prefix for the city and the digits its phone numbers start with.
public struct PlaceCity: Sendable, Equatable {
    /// Display name, e.g. "München".
    public let name: String
    /// The first-level region (state, province, Land…), e.g. "Bayern".
    public let region: String
    /// The postal code's pattern: `#` a random digit, `?` a random character of the country's
    /// `postalAlphabet`, anything else itself; nil where the country has no postal codes.
    public let postalPattern: String?
    /// The national significant number's fixed leading digits (after the calling code).
    public let phonePrefix: String
}

/// A country users can live in: its cities and how its postal codes and phone numbers look.
///
/// A phone number is `+`, `callingCode` and a national significant number of `phoneDigits`
/// digits: the city's `phonePrefix`, then random digits forming a number in
/// `phoneLowest…10^(random digits) − 1` (zero-padded). Where
/// `fiction` is set, every number so formed lies in a range the country's regulator reserves for
/// fiction; elsewhere the numbers are only valid in form (a real mobile or area prefix, the right
/// length), not reserved, and may belong to someone.
public struct PlaceCountry: Sendable, Equatable {
    /// ISO 3166-1 alpha-2, e.g. "DE".
    public let code: String
    /// E.164 country calling code, e.g. 49.
    public let callingCode: Int
    /// The postal code format, documented: "99999", "A9A 9A9"…; nil: no postal codes.
    public let postalFormat: String?
    /// The characters a `?` in a postal pattern stands for (uniform).
    public let postalAlphabet: String
    /// Length of the national significant number (E.164 digits after the calling code).
    public let phoneDigits: Int
    /// Smallest value of the random part of the national number.
    public let phoneLowest: Int
    /// The reserved range used, with its regulator, or nil when numbers are not reserved.
    public let fiction: String?
    public let cities: [PlaceCity]

    init(_ code: String, _ callingCode: Int, postal postalFormat: String?, alphabet postalAlphabet: String = "",
         phoneDigits: Int, phoneLowest: Int = 0, fiction: String? = nil, _ cities: [(String, String, String?, String)]) {
        self.code = code
        self.callingCode = callingCode
        self.postalFormat = postalFormat
        self.postalAlphabet = postalAlphabet
        self.phoneDigits = phoneDigits
        self.phoneLowest = phoneLowest
        self.fiction = fiction
        self.cities = cities.map { PlaceCity(name: $0.0, region: $0.1, postalPattern: $0.2, phonePrefix: $0.3) }
    }
}

/// Where the users of each name culture live.
public enum Places {
    /// Countries by name culture, with relative weights (normalised per culture). The order is
    /// part of the generator's output.
    public static let countriesByCulture: [String: [(code: String, weight: Double)]] = [
        "english": [("US", 0.55), ("GB", 0.20), ("CA", 0.12), ("AU", 0.08), ("IE", 0.05)],
        "spanish": [("ES", 0.35), ("MX", 0.35), ("AR", 0.15), ("CO", 0.15)],
        "portuguese": [("BR", 0.70), ("PT", 0.30)],
        "french": [("FR", 0.75), ("BE", 0.15), ("CA", 0.10)],
        "german": [("DE", 0.75), ("AT", 0.15), ("CH", 0.10)],
        "italian": [("IT", 1)],
        "nordic": [("SE", 0.40), ("DK", 0.30), ("NO", 0.30)],
        "polish": [("PL", 1)],
        "turkish": [("TR", 1)],
        "arabic": [("EG", 0.35), ("SA", 0.25), ("MA", 0.25), ("AE", 0.15)],
        "west_african": [("NG", 0.70), ("GH", 0.30)],
        "indian": [("IN", 1)],
        "chinese": [("CN", 0.80), ("SG", 0.10), ("TW", 0.10)],
        "japanese": [("JP", 1)],
        "korean": [("KR", 1)],
        "vietnamese": [("VN", 1)],
    ]

    /// Every country of `countriesByCulture`, in a fixed order (part of the output).
    public static let countries: [PlaceCountry] = placesAmericasOceania + placesEurope + placesAfricaAsia

    /// Share of users with a phone number.
    public static let phoneShare = 0.8
}
