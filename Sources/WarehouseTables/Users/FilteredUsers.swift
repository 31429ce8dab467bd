import Storage

/// The users a `UserFilter` passes, read by its SQL condition (`UserFilter.condition(user:)`) over
/// `users`: for jobs that read every user at once for another reason and need to know which of
/// them an audience may contain.
extension UsersTable {
    /// The ids of the users `filter` passes, ascending (the primary key's order).
    package static func ids(passing filter: UserFilter, from connection: WarehouseStore) throws -> [Int64] {
        let condition = filter.condition(user: "u")
        return try connection.mapRows("SELECT u.id FROM users AS u WHERE \(condition.sql) ORDER BY u.id", condition.bindings,
                                      table: "users", row: { "user \($0.value(0))" }) { row in
            try row.int(0, "id", in: Int64.min...Int64.max)
        }
    }
}
