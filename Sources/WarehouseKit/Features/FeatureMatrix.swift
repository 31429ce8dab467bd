import Analysis
import WarehouseTables

/// The feature matrix of the users with at least one like: one row per such user (in user-id
/// order), one column per feature of the chosen sets.
struct FeatureMatrix {
    /// Row → index into `WarehouseData` (users with likes only).
    let users: [Int]
    let names: [String]
    let matrix: Matrix

    init(data: WarehouseData, sets: [FeatureSet]) {
        var users: [Int] = []
        users.reserveCapacity(data.userCount)
        for user in 0..<data.userCount where data.totalLikes(user: user) > 0 {
            users.append(user)
        }
        let names = sets.flatMap { $0.columnNames(data) }
        var values = [Double](repeating: 0, count: users.count * names.count)
        for (row, user) in users.enumerated() {
            let total = data.totalLikes(user: user)
            var offset = row * names.count
            for set in sets {
                offset = set.fill(&values, at: offset, user: user, total: total, data: data)
            }
        }
        self.users = users
        self.names = names
        matrix = Matrix(rows: users.count, columns: names.count, values: values)
    }
}
