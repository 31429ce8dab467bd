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
        let ids = try connection.mapRows("SELECT id FROM personas ORDER BY id", table: "personas",
                                         row: { "persona \($0.value(0))" }) { try $0.int(0, "id", in: 1...Int(Int32.max)) }
        guard !ids.isEmpty else { return nil }
        let personaIndex = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let column = Dictionary(subcategoryIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let P = ids.count, J = subcategoryIDs.count, G = AgeGroup.all.count
        var alpha = [Double](repeating: .nan, count: P * J)
        try connection.eachRow("SELECT persona_id, subcategory_id, alpha FROM persona_preferences", table: "persona_preferences",
                               row: { "persona \($0.value(0)), subcategory \($0.value(1))" }) { row in
            guard let p = personaIndex[try row.int(0, "persona_id", in: 1...Int(Int32.max))],
                  let j = column[try row.int(1, "subcategory_id", in: 1...Int(Int32.max))] else { return }
            alpha[p * J + j] = try row.real(2, "alpha", in: Double.leastNormalMagnitude...1e12)
        }
        let groupIndex = Dictionary(uniqueKeysWithValues: AgeGroup.all.map { ($0.label, $0.index) })
        var weights = [Double](repeating: .nan, count: G * P)
        try connection.eachRow("SELECT persona_id, age_group, weight FROM persona_age_weights", table: "persona_age_weights",
                               row: { "persona \($0.value(0)), age group \($0.value(1))" }) { row in
            guard let p = personaIndex[try row.int(0, "persona_id", in: 1...Int(Int32.max))],
                  let g = groupIndex[try row.text(1, "age_group", maxLength: 16)] else { return }
            weights[g * P + p] = try row.real(2, "weight", in: 0...1e12)
        }
        guard alpha.allSatisfy(\.isFinite), weights.allSatisfy(\.isFinite) else { return nil }
        return PersonaParameters(personaIDs: ids.map { Int32($0) }, alpha: Matrix(rows: P, columns: J, values: alpha),
                                 ageWeights: Matrix(rows: G, columns: P, values: weights))
    }
}
