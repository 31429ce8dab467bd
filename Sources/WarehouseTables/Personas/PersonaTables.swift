import Population
import Storage

/// `personas`, `persona_preferences`, `persona_age_weights` and `persona_gender_weights`: the planted personas of a seeded
/// warehouse (an imported one has none) and their generative parameters. Every statement on
/// them is here; `PersonaParameters` reads the parameters in the Bayes classifier's shape.
package enum PersonaTables {
    /// A stored persona.
    package struct Persona: Equatable, Sendable {
        package let id: Int
        package let name: String
        package let categoryID: Int64

        package init(id: Int, name: String, categoryID: Int64) {
            self.id = id
            self.name = name
            self.categoryID = categoryID
        }
    }

    /// The personas in id order; ids in 1…Int32.max (the analysis holds them as `Int32`),
    /// printable names.
    package static func read(_ store: WarehouseStore) throws -> [Persona] {
        try store.mapRows("SELECT id, name, category_id FROM personas ORDER BY id", table: "personas",
                          row: { "persona \($0.value(0))" }) { row in
            Persona(id: try row.int(0, "id", in: 1...Int(Int32.max)), name: try row.name(1, "name"),
                    categoryID: try row.int(2, "category_id", in: Int64.min...Int64.max))
        }
    }

    /// Writes the generator's personas and their parameters where missing.
    package static func writeGenerated(_ model: PopulationModel, _ store: WarehouseStore) throws {
        let personas = try store.prepare(
            "INSERT INTO personas(id, name, category_id, summary) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        let preferences = try store.prepare(
            "INSERT INTO persona_preferences(persona_id, subcategory_id, alpha) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        let weights = try store.prepare(
            "INSERT INTO persona_age_weights(persona_id, age_group, weight) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        let genderWeights = try store.prepare(
            "INSERT INTO persona_gender_weights(persona_id, gender, weight) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        for persona in model.personas {
            let id = SQLValue.integer(Int64(persona.id))
            try personas.run([id, .text(persona.name), .integer(Int64(persona.categoryID)), .text(persona.summary)])
            for (index, alpha) in persona.alpha.enumerated() {
                try preferences.run([id, .integer(Int64(index + 1)), .real(alpha)])
            }
            for (group, weight) in zip(AgeGroup.all, persona.ageGroupWeights) {
                try weights.run([id, .text(group.label), .real(weight)])
            }
            for gender in PopulationGender.allCases {
                try genderWeights.run([id, .text(gender.label), .real(persona.genderWeights[Int(gender.rawValue)])])
            }
        }
    }

    /// The generator's personas as `read` returns them.
    package static func generated(_ model: PopulationModel) -> [Persona] {
        model.personas.map { Persona(id: $0.id, name: $0.name, categoryID: Int64($0.categoryID)) }
    }

    /// α of every (persona, subcategory) pair, range-checked (finite, > 0); `body` gets the ids.
    static func eachPreference(_ store: WarehouseStore, _ body: (Int, Int, Double) throws -> Void) throws {
        try store.eachRow("SELECT persona_id, subcategory_id, alpha FROM persona_preferences", table: "persona_preferences",
                          row: { "persona \($0.value(0)), subcategory \($0.value(1))" }) { row in
            try body(try row.int(0, "persona_id", in: 1...Int(Int32.max)), try row.int(1, "subcategory_id", in: 1...Int(Int32.max)),
                     try row.real(2, "alpha", in: Double.leastNormalMagnitude...1e12))
        }
    }

    /// P(gender | persona) of every stored (persona, gender) pair, range-checked (0…1); `gender`
    /// is 'female', 'male', 'other' or 'undisclosed'.
    package static func eachGenderWeight(_ store: WarehouseStore, _ body: (Int, String, Double) throws -> Void) throws {
        try store.eachRow("SELECT persona_id, gender, weight FROM persona_gender_weights ORDER BY persona_id, gender",
                          table: "persona_gender_weights", row: { "persona \($0.value(0)), gender \($0.value(1))" }) { row in
            try body(try row.int(0, "persona_id", in: 1...Int(Int32.max)), try row.text(1, "gender", maxLength: 16),
                     try row.real(2, "weight", in: 0...1))
        }
    }

    /// The weight of every (persona, age group) pair, range-checked (finite, ≥ 0).
    static func eachAgeWeight(_ store: WarehouseStore, _ body: (Int, String, Double) throws -> Void) throws {
        try store.eachRow("SELECT persona_id, age_group, weight FROM persona_age_weights", table: "persona_age_weights",
                          row: { "persona \($0.value(0)), age group \($0.value(1))" }) { row in
            try body(try row.int(0, "persona_id", in: 1...Int(Int32.max)), try row.text(1, "age_group", maxLength: 16),
                     try row.real(2, "weight", in: 0...1e12))
        }
    }
}
