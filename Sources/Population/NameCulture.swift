/// A naming tradition: given names and family names that are combined only with each other, so
/// generated people carry coherent names ("José García", "Søren Nielsen", "Linh Nguyễn").
///
/// Names are stored in display form (Unicode, NFC, capitalised as written). All names are shown
/// given-name first ("First Last"), also for cultures that write the family name first.
public struct NameCulture: Sendable, Equatable {
    /// Stable identifier, e.g. "spanish".
    public let name: String
    /// Relative frequency of the culture among users (weights of all cultures sum to 1).
    public let weight: Double
    /// Given names, male and female mixed.
    public let firstNames: [String]
    /// Family names.
    public let lastNames: [String]

    public init(name: String, weight: Double, firstNames: [String], lastNames: [String]) {
        self.name = name
        self.weight = weight
        self.firstNames = firstNames
        self.lastNames = lastNames
    }
}

/// The embedded name lists: 16 cultures, several hundred given and family names in all.
public enum NameLists {
    /// All cultures, in a fixed order (the order is part of the generator's output: changing it
    /// changes every identity and needs a `generatorVersion` bump).
    public static let cultures: [NameCulture] = [
        english, spanish, portuguese, french, german, italian, nordic, polish,
        turkish, arabic, westAfrican, indian, chinese, japanese, korean, vietnamese,
    ]
}
