import Analysis
import Population
import Storage

/// The planted personas' generative parameters as `persona_preferences` and
/// `persona_age_weights` hold them, in the shape the Bayes classifier takes: α per persona over
/// the warehouse's subcategories, and persona weights per age group. Values are range-checked
/// when read (α finite and > 0, weights finite and ≥ 0).
package struct PersonaParameters: Sendable {
    /// Persona ids, ascending; row p of `alpha` and column p of `ageWeights` are `personaIDs[p]`.
    package let personaIDs: [Int32]
    /// personas × subcategories (in `subcategoryIDs` order).
    package let alpha: Matrix
    /// `AgeGroup.all.count` × personas.
    package let ageWeights: Matrix

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
        return PersonaParameters(personaIDs: ids.map { Int32($0) }, alpha: Matrix(rows: P, columns: J, values: alpha),
                                 ageWeights: Matrix(rows: G, columns: P, values: weights))
    }
}
