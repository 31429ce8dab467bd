import Storage

extension UsersTable {
    /// The ids in `ids` of the users who pass `filter`, chosen in SQL (`UserFilter.condition`):
    /// what an audience read in id chunks keeps of each chunk.
    package static func ids(in ids: ClosedRange<Int64>, passing filter: UserFilter, _ connection: WarehouseStore) throws -> Set<Int64> {
        let passes = filter.condition(user: "u")
        var found = Set<Int64>()
        try connection.eachRow("SELECT u.id FROM users AS u WHERE u.id BETWEEN ? AND ? AND \(passes.sql)",
                               [.integer(ids.lowerBound), .integer(ids.upperBound)] + passes.bindings, table: "users",
                               row: { "user \($0.value(0))" }) { row in
            found.insert(try row.int(0, "id", in: 1...Int64.max))
        }
        return found
    }
}
