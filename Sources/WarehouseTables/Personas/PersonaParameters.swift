import Analysis
import Population
import Storage

/// The planted personas' generative parameters as `persona_preferences`, `persona_age_weights`
/// and `persona_gender_weights` hold them, in the shape the Bayes classifier takes: α per persona
/// over the warehouse's subcategories, persona weights per age group, and P(gender | persona). Values are range-checked
/// when read (α finite and > 0, weights finite and ≥ 0).
package struct PersonaParameters: Sendable {
    /// Persona ids, ascending; row p of `alpha` and column p of `ageWeights` are `personaIDs[p]`.
    package let personaIDs: [Int32]
    /// personas × subcategories (in `subcategoryIDs` order).
    package let alpha: Matrix
    /// `AgeGroup.all.count` × personas.
    package let ageWeights: Matrix
    /// P(gender | persona), 4 × personas, rows in `LatentClassCovariate.genderLabels` order
    /// (female, male, other, undisclosed); nil for a warehouse seeded before the demographics
    /// (no `persona_gender_weights`).
    package let genderWeights: Matrix?

    /// The persona probabilities of each age-group and gender cell (28 × personas, rows in
    /// `LatentClassCovariate.ageGroupAndGender.groupLabels` order):
    /// P(persona | age group, gender) ∝ P(persona | age group) · P(gender | persona), each row
    /// normalised (a row whose products are all 0 gets the age group's weights); nil without
    /// gender weights.
    package var cellWeights: Matrix? {
        guard let genderWeights else { return nil }
        let P = personaIDs.count, G = ageWeights.rows, genders = genderWeights.rows
        var values = [Double](repeating: 0, count: G * genders * P)
        for a in 0..<G {
            for g in 0..<genders {
                let row = (a * genders + g) * P
                var total = 0.0
                for p in 0..<P {
                    values[row + p] = ageWeights[a, p] * genderWeights[g, p]
                    total += values[row + p]
                }
                for p in 0..<P { values[row + p] = total > 0 ? values[row + p] / total : ageWeights[a, p] }
            }
        }
        return Matrix(rows: G * genders, columns: P, values: values)
    }

    /// Reads the parameters for the subcategories `subcategoryIDs` (in that order); nil when
    /// the warehouse has no personas, or their parameters do not cover every subcategory and
    /// age group (then there is no ceiling to compute).
    package static func read(subcategoryIDs: [Int], from connection: WarehouseStore) throws -> PersonaParameters? {
        let ids = try PersonaTables.read(connection).map(\.id)
        guard !ids.isEmpty else { return nil }
        let personaIndex = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let column = Dictionary(subcategoryIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let P = ids.count, J = subcategoryIDs.count, G = AgeGroup.all.count
        var alpha = [Double](repeating: .nan, count: P * J)
        try PersonaTables.eachPreference(connection) { persona, subcategory, value in
            guard let p = personaIndex[persona], let j = column[subcategory] else { return }
            alpha[p * J + j] = value
        }
        let groupIndex = Dictionary(uniqueKeysWithValues: AgeGroup.all.map { ($0.label, $0.index) })
        var weights = [Double](repeating: .nan, count: G * P)
        try PersonaTables.eachAgeWeight(connection) { persona, group, weight in
            guard let p = personaIndex[persona], let g = groupIndex[group] else { return }
            weights[g * P + p] = weight
        }
        guard alpha.allSatisfy(\.isFinite), weights.allSatisfy(\.isFinite) else { return nil }
        let genders = LatentClassCovariate.genderLabels
        let genderIndex = Dictionary(uniqueKeysWithValues: genders.enumerated().map { ($1, $0) })
        var genderWeights = [Double](repeating: .nan, count: genders.count * P)
        var anyGender = false
        try PersonaTables.eachGenderWeight(connection) { persona, gender, weight in
            anyGender = true
            guard let p = personaIndex[persona], let g = genderIndex[gender] else { return }
            genderWeights[g * P + p] = weight
        }
        return PersonaParameters(personaIDs: ids.map { Int32($0) }, alpha: Matrix(rows: P, columns: J, values: alpha),
                                 ageWeights: Matrix(rows: G, columns: P, values: weights),
                                 genderWeights: anyGender && genderWeights.allSatisfy(\.isFinite)
                                    ? Matrix(rows: genders.count, columns: P, values: genderWeights) : nil)
    }
}
