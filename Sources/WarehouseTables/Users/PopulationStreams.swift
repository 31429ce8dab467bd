import Storage

/// The population tables streamed row by row in primary-key order (one row in memory at a time),
/// for `warehouse export`. Call inside one read transaction so every stream shows one state.
package enum PopulationStreams {
    /// Every user: (id, age, liked posts, planted persona or nil).
    package static func users(_ connection: WarehouseStore, _ row: (Int64, Int64, Int64, Int64?) throws -> Void) throws {
        try connection.eachRow("""
            SELECT u.id, u.age, u.liked_posts, p.persona_id
            FROM users AS u LEFT JOIN user_personas AS p ON p.user_id = u.id ORDER BY u.id
            """, table: "users", row: { "user \($0.value(0))" }) { stored in
            try row(try stored.int(0, "id", in: Int64.min...Int64.max), try stored.int(1, "age", in: 0...150),
                    try stored.int(2, "liked_posts", in: 0...Int64(Int32.max)),
                    try stored.optionalInt(3, "persona_id", in: 1...Int64(Int32.max)))
        }
    }

    /// Every row of `user_likes`: (user, subcategory, likes), by user then subcategory.
    package static func likes(_ connection: WarehouseStore, _ row: (Int64, Int64, Int64) throws -> Void) throws {
        try connection.eachRow("SELECT user_id, subcategory_id, likes FROM user_likes ORDER BY user_id, subcategory_id",
                               table: "user_likes", row: { "user \($0.value(0)), subcategory \($0.value(1))" }) { stored in
            try row(try stored.int(0, "user_id", in: Int64.min...Int64.max), try stored.int(1, "subcategory_id", in: Int64.min...Int64.max),
                    try stored.int(2, "likes", in: 1...Int64(Int32.max)))
        }
    }

    /// The catalogue: (subcategory id, subcategory, category id, category), by subcategory id.
    package static func subcategories(_ connection: WarehouseStore, _ row: (Int64, String, Int64, String) throws -> Void) throws {
        let catalogue = try CatalogueTables.read(connection)
        let categories = Dictionary(catalogue.categories.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for subcategory in catalogue.subcategories {
            guard let category = categories[subcategory.parent] else {
                throw WarehouseError.brokenInvariant("subcategory \(subcategory.id) ('\(subcategory.name)') has no category")
            }
            try row(subcategory.id, subcategory.name, subcategory.parent, category)
        }
    }
}

extension PopulationStreams {
    /// Every interaction: (user, kind name, moment in Unix seconds, subcategory, value or nil), in
    /// the table's key order (day, user, second, …): one row in memory at a time, no sort.
    package static func interactions(_ connection: WarehouseStore,
                                     _ row: (Int64, String, Int64, Int64, Double?) throws -> Void) throws {
        let kinds = try InteractionKindsTable.read(connection)
        var names = [String?](repeating: nil, count: Int(kinds.map(\.id).max() ?? 0) + 1)
        for kind in kinds { names[Int(kind.id)] = kind.name }
        try connection.eachRow("SELECT day, second, user_id, kind_id, subcategory_id, value FROM interactions ORDER BY day, user_id",
                               table: "interactions", row: { "day \($0.value(0)), user \($0.value(2))" }) { stored in
            let day: Int64 = try stored.int(0, "day", in: 0...InteractionsTable.lastDay)
            let second: Int64 = try stored.int(1, "second", in: 0...86_399)
            let kind: Int64 = try stored.int(3, "kind_id", in: 1...InteractionKindsTable.maximumKindID)
            guard kind < Int64(names.count), let name = names[Int(kind)] else {
                throw WarehouseError.brokenInvariant("interactions has a row of kind \(kind), which is not in interaction_kinds")
            }
            try row(try stored.int(2, "user_id", in: Int64.min...Int64.max), name, day * 86_400 + second,
                    try stored.int(4, "subcategory_id", in: Int64.min...Int64.max), try stored.optionalReal(5, "value"))
        }
    }

    /// The kinds of interaction: (id, name, min_value or nil), by id.
    package static func kinds(_ connection: WarehouseStore, _ row: (Int64, String, Double?) throws -> Void) throws {
        for kind in try InteractionKindsTable.read(connection) { try row(kind.id, kind.name, kind.minValue) }
    }
}
