/// One of the seven age bands used for persona weights and for the "favourite category by age
/// group" analysis: `<18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+`.
///
/// Bounds are inclusive whole years; the first band has no lower bound and the last none above,
/// so every integer age falls in exactly one band (tested).
public struct AgeGroup: Sendable, Equatable, Hashable {
    /// Position in `AgeGroup.all`, 0…6.
    public let index: Int
    /// Display label, e.g. "25-34"; stable, used as a key in the database and the JSON parameters.
    public let label: String
    /// Smallest age in the band (inclusive), `nil` for the open-ended first band.
    public let lowerBound: Int?
    /// Largest age in the band (inclusive), `nil` for the open-ended last band.
    public let upperBound: Int?

    public init(index: Int, label: String, lowerBound: Int?, upperBound: Int?) {
        self.index = index
        self.label = label
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// Whether `age` (years) lies in this band.
    public func contains(age: Int) -> Bool {
        if let lowerBound, age < lowerBound { return false }
        if let upperBound, age > upperBound { return false }
        return true
    }

    /// The seven bands in ascending order.
    public static let all: [AgeGroup] = [
        AgeGroup(index: 0, label: "<18", lowerBound: nil, upperBound: 17),
        AgeGroup(index: 1, label: "18-24", lowerBound: 18, upperBound: 24),
        AgeGroup(index: 2, label: "25-34", lowerBound: 25, upperBound: 34),
        AgeGroup(index: 3, label: "35-44", lowerBound: 35, upperBound: 44),
        AgeGroup(index: 4, label: "45-54", lowerBound: 45, upperBound: 54),
        AgeGroup(index: 5, label: "55-64", lowerBound: 55, upperBound: 64),
        AgeGroup(index: 6, label: "65+", lowerBound: 65, upperBound: nil),
    ]

    /// Index in `all` of the band containing `age`, without allocating.
    public static func index(containing age: Int) -> Int {
        switch age {
        case ..<18: return 0
        case ..<25: return 1
        case ..<35: return 2
        case ..<45: return 3
        case ..<55: return 4
        case ..<65: return 5
        default: return 6
        }
    }

    /// The band containing `age` (years); total over all integers.
    public static func containing(age: Int) -> AgeGroup {
        all[index(containing: age)]
    }

    /// The label of the band containing `age`, e.g. `label(forAge: 30) == "25-34"`.
    public static func label(forAge age: Int) -> String {
        containing(age: age).label
    }
}
