import Storage

/// PCA scores of a few users (the sample), read by primary-key lookups in `pca_scores`.
enum SampleScores {
    /// (PC1, PC2) of each user in `userIDs` (PC2 = 0 for a one-component run); nil for a user
    /// without stored scores (e.g. assigned after the run).
    static func read(run: Int64, userIDs: [Int64], from connection: Connection) throws -> [(x: Double, y: Double)?] {
        let statement = try connection.prepare(
            "SELECT component, score FROM pca_scores WHERE run_id = ?1 AND user_id = ?2 AND component <= 2")
        try statement.bind(run, at: 1)
        var result: [(x: Double, y: Double)?] = []
        result.reserveCapacity(userIDs.count)
        for user in userIDs {
            statement.reset()
            try statement.bind(user, at: 2)
            var x: Double?, y = 0.0
            while try statement.step() {
                let score = statement.double(1)
                guard score.isFinite, abs(score) <= RunModelTables.valueLimit else {
                    throw WarehouseError.brokenInvariant(
                        "pca_scores.score of run \(run), user \(user), component \(statement.int64(0)) is \(score), outside ±\(RunModelTables.valueLimit)")
                }
                if statement.int64(0) == 1 { x = score } else { y = score }
            }
            result.append(x.map { ($0, y) })
        }
        statement.reset()
        return result
    }
}
