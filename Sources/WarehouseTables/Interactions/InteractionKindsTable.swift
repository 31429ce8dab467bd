import Storage

/// `interaction_kinds`: the names of the kinds of interaction and each kind's interest rule.
package enum InteractionKindsTable {
    /// The largest kind id read (ids index a weight table).
    package static let maximumKindID: Int64 = 100_000

    package struct Kind: Sendable, Equatable {
        package let id: Int64
        package let name: String
        /// An interaction of this kind with a value below it is not interest; nil: all are.
        package let minValue: Double?
    }

    /// Every kind, by id.
    package static func read(_ store: WarehouseStore) throws -> [Kind] {
        try store.mapRows("SELECT id, name, min_value FROM interaction_kinds ORDER BY id", table: "interaction_kinds",
                          row: { "kind \($0.value(0))" }) { row in
            Kind(id: try row.int(0, "id", in: 1...maximumKindID), name: try row.name(1, "name", maxLength: 64),
                 minValue: try row.optionalReal(2, "min_value"))
        }
    }

    /// The id of each of `names`, adding the kinds not there yet (inside the caller's write).
    package static func ensure(_ names: [String], _ store: WarehouseStore) throws -> [String: Int64] {
        var ids = Dictionary(try read(store).map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        for name in names where ids[name] == nil {
            let next = (try store.largestInteger("SELECT max(id) FROM interaction_kinds", naming: "interaction_kinds.id") ?? 0) + 1
            guard next <= maximumKindID else {
                throw WarehouseError.brokenInvariant("interaction_kinds has an id of \(next - 1): no room for kind '\(name)'")
            }
            try store.run("INSERT INTO interaction_kinds (id, name) VALUES (?, ?)", [.integer(next), .text(name)])
            ids[name] = next
        }
        return ids
    }

    /// Sets the interest rule of kind `id` (inside the caller's write).
    package static func setMinValue(_ value: Double?, kind id: Int64, _ store: WarehouseStore) throws {
        try store.run("UPDATE interaction_kinds SET min_value = ? WHERE id = ?", [value.map { .real($0) } ?? .null, .integer(id)])
    }
}
