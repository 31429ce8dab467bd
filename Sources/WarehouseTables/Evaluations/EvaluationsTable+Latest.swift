import Storage

extension EvaluationsTable {
    /// The stored evaluation with the largest id, its settings and every figure (ordered by
    /// variant, ranker, metric as stored); nil when `evaluate` has not been run. Every column is
    /// typed and range-checked as the schema's CHECKs say.
    package static func latest(_ store: WarehouseStore) throws -> (id: Int64, row: Row, metrics: [Metric])? {
        guard let id = try store.largestInteger("SELECT max(id) FROM evaluations", naming: "evaluations.id") else { return nil }
        let count = 0...Int(Int32.max)
        let rows = try store.mapRows("""
            SELECT as_of, horizon_seconds, relevant_kinds, method, k, window_seconds, half_life_seconds, weights, seed,
                   users_scored, users_new_interest, users_cold_start, resamples, seconds
            FROM evaluations WHERE id = ?
            """, [.integer(id)], table: "evaluations", row: { _ in "evaluation \(id)" }) { row -> Row in
            let methodText = try row.text(3, "method", maxLength: 32)
            guard let method = SegmentationMethod(rawValue: methodText) else {
                throw WarehouseError.brokenInvariant("evaluations.method of evaluation \(id) is '\(StoredRow.excerpt(methodText))', not kmeans or latent-class")
            }
            let weightsText = try row.text(7, "weights", maxLength: 100_000)
            guard let weights = RunWindowsTable.parseWeightsJSON(weightsText) else {
                throw WarehouseError.brokenInvariant("evaluations.weights of evaluation \(id) is not an object of kind weights: '\(StoredRow.excerpt(weightsText))'")
            }
            let asOf = try row.int(0, "as_of", in: 0...TimeText.latest)
            let window = InteractionWindow(asOf: asOf, windowSeconds: try row.optionalInt(5, "window_seconds", in: 1...TimeText.longestDuration),
                                           halfLifeSeconds: try row.optionalInt(6, "half_life_seconds", in: 1...TimeText.longestDuration),
                                           weights: weights)
            return Row(asOf: asOf, horizonSeconds: try row.int(1, "horizon_seconds", in: 1...TimeText.longestDuration),
                       relevantKinds: try row.text(2, "relevant_kinds").split(separator: ",").map(String.init),
                       method: method, k: try row.int(4, "k", in: RunRecord.kRange), window: window,
                       seed: try row.int(8, "seed", in: Int64.min...Int64.max),
                       usersScored: try row.int(9, "users_scored", in: count), usersNewInterest: try row.int(10, "users_new_interest", in: count),
                       usersColdStart: try row.int(11, "users_cold_start", in: count), resamples: try row.int(12, "resamples", in: count),
                       seconds: try row.real(13, "seconds", in: 0...Double.greatestFiniteMagnitude))
        }
        guard let row = rows.first else { return nil }
        let metrics = try store.mapRows("""
            SELECT variant, ranker, metric, users, value, lower, upper, versus, difference, difference_lower, difference_upper
            FROM evaluation_metrics WHERE evaluation_id = ? ORDER BY variant, ranker, metric
            """, [.integer(id)], table: "evaluation_metrics", row: { "evaluation \(id), \($0.value(0)) \($0.value(1)) \($0.value(2))" }) { row -> Metric in
            func range(_ lower: Int32, _ upper: Int32, _ name: String) throws -> ClosedRange<Double>? {
                guard let low = try row.optionalReal(lower, name + "lower"), let high = try row.optionalReal(upper, name + "upper") else { return nil }
                guard low <= high else {
                    throw WarehouseError.brokenInvariant("evaluation_metrics.\(name)lower of evaluation \(id) is \(low), above \(name)upper \(high)")
                }
                return low...high
            }
            return Metric(variant: try row.name(0, "variant", maxLength: 32), ranker: try row.name(1, "ranker", maxLength: 32),
                          metric: try row.name(2, "metric", maxLength: 32), users: try row.int(3, "users", in: count),
                          value: try row.real(4, "value"), interval: try range(5, 6, ""),
                          versus: try row.optionalText(7, "versus", maxLength: 32), difference: try row.optionalReal(8, "difference"),
                          differenceInterval: try range(9, 10, "difference_"))
        }
        return (id, row, metrics)
    }
}
