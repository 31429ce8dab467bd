/// The synthetic population: who the users are and what they like. Pure and SQLite-free.
///
/// Per user `id` and `seed` (each step from its own stream, see `UserField`):
/// 1. identity: culture, names, handles (see `IdentityGenerator`);
/// 2. age ~ `age` (rounded skew-normal, clipped);
/// 3. liked_posts ~ `likedPosts` (zero-inflated discretised log-normal);
/// 4. persona ~ Categorical(`personaWeights(ageGroup: AgeGroup.containing(age:))`);
/// 5. preference p ~ Dirichlet(persona.alpha) over the 20 subcategories;
/// 6. likes ~ Multinomial(liked_posts, p), emitted for subcategories with a positive count;
/// 7. demographics: gender given the persona, country given the culture, city, postal code,
///    phone, date of birth given the age (see `DemographicsGenerator`).
public struct PopulationModel: Sendable {
    /// Version of the generation algorithm and its standard parameters. Bump whenever the
    /// output for some `(seed, id)` changes (parameters, name lists, draw order, stream tags).
    /// v1: all-time likes; v3: v1's users, likes and personas (same draws) with demographics.
    public static let generatorVersion = 3
    /// The version of a seed with interactions over time (`generate(…, timeline:)`). v2:
    /// interactions; v4: v2's rows (same draws) with demographics.
    public static let timelineGeneratorVersion = 4

    /// The reference moment of dates of birth without a timeline (with one: its `asOf`),
    /// 2026-11-30T23:59:59Z, the seed's default `--as-of`; Unix seconds.
    public static let defaultAsOf: Int64 = CivilCalendar.days(year: 2026, month: 12, day: 1) * CivilCalendar.secondsPerDay - 1

    /// The standard model: `Catalog`, `Persona.standard`, `AgeDistribution.standard`,
    /// `LikedPostsDistribution.standard`, `NameLists.cultures`.
    public static let standard = PopulationModel()

    public let categories: [Category]
    public let subcategories: [Subcategory]
    public let personas: [Persona]
    public let ageGroups: [AgeGroup]
    public let age: AgeDistribution
    public let likedPosts: LikedPostsDistribution
    public let nameCultures: [NameCulture]

    let dirichlets: [Dirichlet]
    /// Per age group, the cumulative persona probabilities (last = 1).
    let cumulativePersonaWeights: [[Double]]
    let identities: IdentityGenerator
    let demographics: DemographicsGenerator

    /// A model over the standard catalogue with the given distributions.
    /// - Precondition: personas have ids 1…n in order, each `alpha` has one positive entry per
    ///   subcategory, each `ageGroupWeights` one non-negative entry per age group, and in every
    ///   age group the persona weights sum to 1 (± 1e-9); each persona's 4 gender weights sum to
    ///   1 and every name culture has countries in `Places.countriesByCulture`.
    public init(
        age: AgeDistribution = .standard,
        likedPosts: LikedPostsDistribution = .standard,
        personas: [Persona] = Persona.standard,
        nameCultures: [NameCulture] = NameLists.cultures
    ) {
        categories = Catalog.categories
        subcategories = Catalog.subcategories
        ageGroups = AgeGroup.all
        // Generation writes `index + 1` as the subcategory and persona ids.
        for (index, subcategory) in subcategories.enumerated() {
            precondition(subcategory.id == index + 1, "subcategory ids must be 1…n in order, got \(subcategory.id) at position \(index)")
        }
        precondition(!personas.isEmpty, "PopulationModel needs at least one persona")
        for (index, persona) in personas.enumerated() {
            precondition(persona.id == index + 1, "persona ids must be 1…n in order, got \(persona.id) at position \(index)")
            precondition(persona.alpha.count == subcategories.count, "persona \(persona.id) has \(persona.alpha.count) α values, needs \(subcategories.count)")
            precondition(persona.alpha.allSatisfy { $0 > 0 && $0.isFinite }, "persona \(persona.id) needs finite α > 0, got \(persona.alpha)")
            precondition(persona.ageGroupWeights.count == AgeGroup.all.count, "persona \(persona.id) has \(persona.ageGroupWeights.count) age-group weights, needs \(AgeGroup.all.count)")
            precondition(persona.ageGroupWeights.allSatisfy { $0 >= 0 && $0.isFinite }, "persona \(persona.id) needs finite weights >= 0, got \(persona.ageGroupWeights)")
        }
        var cumulative: [[Double]] = []
        for group in AgeGroup.all {
            var running = 0.0
            var row: [Double] = []
            for persona in personas {
                running += persona.ageGroupWeights[group.index]
                row.append(running)
            }
            precondition(abs(running - 1) <= 1e-9, "persona weights of age group \(group.label) sum to \(running), need 1")
            row[row.count - 1] = 1
            cumulative.append(row)
        }
        self.age = age
        self.likedPosts = likedPosts
        self.personas = personas
        self.nameCultures = nameCultures
        dirichlets = personas.map { Dirichlet(alpha: $0.alpha) }
        cumulativePersonaWeights = cumulative
        identities = IdentityGenerator(cultures: nameCultures)
        demographics = DemographicsGenerator(cultures: nameCultures, personas: personas)
    }

    /// Persona probabilities for `ageGroup`; index = persona id − 1; they sum to 1.
    public func personaWeights(ageGroup: AgeGroup) -> [Double] {
        personas.map { $0.ageGroupWeights[ageGroup.index] }
    }

    /// Every (persona, gender, weight) of the model, ordered by persona id then gender
    /// (female, male, other, undisclosed): P(gender | persona).
    public var personaGenderWeightTable: [(personaID: Int, gender: PopulationGender, weight: Double)] {
        personas.flatMap { persona in
            PopulationGender.allCases.map { (persona.id, $0, persona.genderWeights[Int($0.rawValue)]) }
        }
    }

    /// Every (persona, age group, weight) of the model, ordered by persona id then age group.
    public var personaWeightTable: [PersonaAgeWeight] {
        personas.flatMap { persona in
            ageGroups.map { group in
                PersonaAgeWeight(personaID: persona.id, ageGroup: group, weight: persona.ageGroupWeights[group.index])
            }
        }
    }
}

/// One cell of the persona-by-age-group probability table.
public struct PersonaAgeWeight: Sendable, Equatable {
    public let personaID: Int
    public let ageGroup: AgeGroup
    /// P(persona | age group), in [0, 1].
    public let weight: Double

    /// The age group's label, e.g. "45-54".
    public var ageGroupLabel: String { ageGroup.label }
}
