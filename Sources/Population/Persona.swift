/// A planted audience segment. Each user belongs to exactly one persona; the persona fixes the
/// Dirichlet prior of the user's interests and its share of users varies with age.
///
/// A user of persona `π` draws a preference vector `p ~ Dirichlet(π.alpha)` over the 20
/// subcategories, then distributes their `liked_posts` over the subcategories as
/// `Multinomial(liked_posts, p)`. The mean share of subcategory `s` is `alpha[s] / Σ alpha`.
public struct Persona: Sendable, Equatable {
    /// Stable id, 1…4.
    public let id: Int
    /// Display name, e.g. "Sports fan".
    public let name: String
    /// The home category (the one that receives most of the persona's likes).
    public let categoryID: Int
    /// One-sentence description for reports.
    public let summary: String
    /// Dirichlet concentration over the subcategories; index = subcategory id − 1; all > 0.
    public let alpha: [Double]
    /// Probability of this persona for a user in each age group; index = `AgeGroup.index`.
    /// For every age group the weights of all personas sum to 1.
    public let ageGroupWeights: [Double]
    /// P(gender | persona); index = `PopulationGender.rawValue` (female, male, other,
    /// undisclosed); non-negative, summing to 1. Drawn after the persona, so it plants a
    /// multiplicative gender effect: P(persona | age group, gender) ∝ P(persona | age group) ·
    /// P(gender | persona).
    public let genderWeights: [Double]

    public init(id: Int, name: String, categoryID: Int, summary: String, alpha: [Double], ageGroupWeights: [Double],
                genderWeights: [Double] = Persona.genderWeights(femaleShare: 0.5)) {
        self.id = id
        self.name = name
        self.categoryID = categoryID
        self.summary = summary
        self.alpha = alpha
        self.ageGroupWeights = ageGroupWeights
        self.genderWeights = genderWeights
    }

    /// Share of users who disclose no gender, the same for every persona.
    public static let undisclosedShare = 0.06
    /// Share of users of gender "other", the same for every persona.
    public static let otherShare = 0.01

    /// [female, male, other, undisclosed] with `otherShare` and `undisclosedShare`, and the
    /// remaining `1 − 0.07` split `femaleShare` : `1 − femaleShare` between female and male.
    /// - Precondition: `femaleShare` in 0…1.
    public static func genderWeights(femaleShare: Double) -> [Double] {
        precondition((0...1).contains(femaleShare), "femaleShare must be in 0…1, got \(femaleShare)")
        let binary = 1 - otherShare - undisclosedShare
        return [binary * femaleShare, binary * (1 - femaleShare), otherShare, undisclosedShare]
    }

    /// `Σ alpha`, the Dirichlet's total concentration.
    public var totalConcentration: Double { alpha.reduce(0, +) }

    /// Expected share of likes in the home category: `Σ_{s ∈ home} alpha[s] / Σ alpha`.
    public var expectedHomeShare: Double {
        var home = 0.0
        for (index, value) in alpha.enumerated() where Catalog.categoryID(ofSubcategory: index + 1) == categoryID {
            home += value
        }
        return home / totalConcentration
    }
}

extension Persona {
    /// Concentrations of the five home subcategories, in subcategory id order (most popular first):
    /// sum 8.0, so the home category gets 8 / (8 + 15/6) = 76 % of likes on average (its share is
    /// Beta(8, 2.5)-distributed per user).
    public static let standardHomeAlpha: [Double] = [2.5, 2.0, 1.5, 1.0, 1.0]
    /// Concentration of each of the 15 subcategories outside the home category: 1/6, so a user
    /// likes a few of them, with small shares (and the gamma boost is an exact sixth power).
    public static let standardOtherAlpha = 1.0 / 6.0

    /// The α vector with `standardHomeAlpha` on category `categoryID` and `standardOtherAlpha` elsewhere.
    static func standardAlpha(homeCategoryID categoryID: Int) -> [Double] {
        let perCategory = Catalog.subcategoriesPerCategory
        var alpha = [Double](repeating: standardOtherAlpha, count: Catalog.subcategoryCount)
        for offset in 0..<perCategory {
            alpha[(categoryID - 1) * perCategory + offset] = standardHomeAlpha[offset]
        }
        return alpha
    }

    /// The four planted personas. Persona probability by age group (each column sums to 1):
    ///
    /// | persona       |  <18 | 18-24 | 25-34 | 35-44 | 45-54 | 55-64 |  65+ |
    /// |---------------|------|-------|-------|-------|-------|-------|------|
    /// | 1 Sports fan  | 0.50 |  0.38 |  0.25 |  0.20 |  0.15 |  0.10 | 0.07 |
    /// | 2 Fashionista | 0.30 |  0.36 |  0.35 |  0.20 |  0.12 |  0.08 | 0.05 |
    /// | 3 Foodie      | 0.12 |  0.16 |  0.25 |  0.35 |  0.38 |  0.37 | 0.33 |
    /// | 4 Pet lover   | 0.08 |  0.10 |  0.15 |  0.25 |  0.35 |  0.45 | 0.55 |
    ///
    /// Gender by persona, P(gender | persona) (`genderWeights`; 6 % undisclosed and 1 % other for
    /// every persona, the remaining 93 % split by the persona's female share):
    ///
    /// | persona       | female share | female | male   | other | undisclosed |
    /// |---------------|--------------|--------|--------|-------|-------------|
    /// | 1 Sports fan  |         0.36 | 0.3348 | 0.5952 |  0.01 |        0.06 |
    /// | 2 Fashionista |         0.68 | 0.6324 | 0.2976 |  0.01 |        0.06 |
    /// | 3 Foodie      |         0.54 | 0.5022 | 0.4278 |  0.01 |        0.06 |
    /// | 4 Pet lover   |         0.58 | 0.5394 | 0.3906 |  0.01 |        0.06 |
    ///
    /// The implied P(persona | gender) is in the README ("Demographics").
    ///
    /// Measured on 100,000 users: persona shares 25 / 27 / 27 / 21 %; 76 % of likes fall in the
    /// persona's home category; a user's top category is the home category for 97.9 % of users with
    /// ≥ 5 likes; k-means (k = 4) on standardised per-category like shares recovers the personas
    /// with adjusted Rand index 0.93–0.94 (20,000 and 100,000 users).
    public static let standard: [Persona] = [
        Persona(
            id: 1, name: "Sports fan", categoryID: 1,
            summary: "Follows football and basketball, runs and rides; mostly teens and young adults.",
            alpha: standardAlpha(homeCategoryID: 1),
            ageGroupWeights: [0.50, 0.38, 0.25, 0.20, 0.15, 0.10, 0.07],
            genderWeights: genderWeights(femaleShare: 0.36)
        ),
        Persona(
            id: 2, name: "Fashionista", categoryID: 2,
            summary: "Streetwear, luxury and sneakers; mostly 18 to 34.",
            alpha: standardAlpha(homeCategoryID: 2),
            ageGroupWeights: [0.30, 0.36, 0.35, 0.20, 0.12, 0.08, 0.05],
            genderWeights: genderWeights(femaleShare: 0.68)
        ),
        Persona(
            id: 3, name: "Foodie", categoryID: 3,
            summary: "Baking, vegan cooking and street food; mostly 30 to 60.",
            alpha: standardAlpha(homeCategoryID: 3),
            ageGroupWeights: [0.12, 0.16, 0.25, 0.35, 0.38, 0.37, 0.33],
            genderWeights: genderWeights(femaleShare: 0.54)
        ),
        Persona(
            id: 4, name: "Pet lover", categoryID: 4,
            summary: "Dogs, cats and aquariums; mostly 45 and over.",
            alpha: standardAlpha(homeCategoryID: 4),
            ageGroupWeights: [0.08, 0.10, 0.15, 0.25, 0.35, 0.45, 0.55],
            genderWeights: genderWeights(femaleShare: 0.58)
        ),
    ]
}
