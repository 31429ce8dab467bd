import Storage

/// `evaluations` and `evaluation_metrics`: one row per `warehouse evaluate`, and its figures.
package enum EvaluationsTable {
    /// One evaluation's settings and user counts.
    package struct Row: Sendable, Equatable {
        package var asOf: Int64
        package var horizonSeconds: Int64
        package var relevantKinds: [String]
        package var method: SegmentationMethod
        package var k: Int
        package var window: InteractionWindow
        package var seed: Int64
        package var usersScored: Int
        package var usersNewInterest: Int
        package var usersColdStart: Int
        package var resamples: Int
        package var seconds: Double

        package init(asOf: Int64, horizonSeconds: Int64, relevantKinds: [String], method: SegmentationMethod, k: Int,
                     window: InteractionWindow, seed: Int64, usersScored: Int, usersNewInterest: Int, usersColdStart: Int,
                     resamples: Int, seconds: Double) {
            self.asOf = asOf
            self.horizonSeconds = horizonSeconds
            self.relevantKinds = relevantKinds
            self.method = method
            self.k = k
            self.window = window
            self.seed = seed
            self.usersScored = usersScored
            self.usersNewInterest = usersNewInterest
            self.usersColdStart = usersColdStart
            self.resamples = resamples
            self.seconds = seconds
        }
    }

    /// One figure: a metric of a ranker on a variant's users.
    package struct Metric: Sendable, Equatable {
        package var variant: String
        package var ranker: String
        package var metric: String
        package var users: Int
        package var value: Double
        package var interval: ClosedRange<Double>?
        package var versus: String?
        package var difference: Double?
        package var differenceInterval: ClosedRange<Double>?

        package init(variant: String, ranker: String, metric: String, users: Int, value: Double, interval: ClosedRange<Double>?,
                     versus: String?, difference: Double?, differenceInterval: ClosedRange<Double>?) {
            self.variant = variant
            self.ranker = ranker
            self.metric = metric
            self.users = users
            self.value = value
            self.interval = interval
            self.versus = versus
            self.difference = difference
            self.differenceInterval = differenceInterval
        }
    }

    /// Writes an evaluation and its figures; returns its id. Call inside a write transaction.
    package static func insert(_ row: Row, metrics: [Metric], _ store: WarehouseStore) throws -> Int64 {
        let largest = try store.scalar("SELECT max(id) FROM evaluations")?.int64 ?? 0
        guard largest < Int64.max else {
            throw WarehouseError.brokenInvariant("evaluations has an evaluation with id \(largest): no id is left for another")
        }
        let id = largest + 1
        let window = row.window
        try store.run("""
            INSERT INTO evaluations (id, as_of, horizon_seconds, relevant_kinds, method, k, window_seconds, half_life_seconds, weights,
                                     seed, users_scored, users_new_interest, users_cold_start, resamples, seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(id), .integer(row.asOf), .integer(row.horizonSeconds), .text(row.relevantKinds.joined(separator: ",")),
                  .text(row.method.rawValue), .integer(Int64(row.k)), window.windowSeconds.map { .integer($0) } ?? .null,
                  window.halfLifeSeconds.map { .integer($0) } ?? .null, .text(window.weightsJSON), .integer(row.seed),
                  .integer(Int64(row.usersScored)), .integer(Int64(row.usersNewInterest)), .integer(Int64(row.usersColdStart)),
                  .integer(Int64(row.resamples)), .real(row.seconds)])
        for metric in metrics {
            try store.run("""
                INSERT INTO evaluation_metrics (evaluation_id, variant, ranker, metric, users, value, lower, upper, versus, difference,
                                                difference_lower, difference_upper)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.integer(id), .text(metric.variant), .text(metric.ranker), .text(metric.metric), .integer(Int64(metric.users)),
                      .real(metric.value), metric.interval.map { .real($0.lowerBound) } ?? .null,
                      metric.interval.map { .real($0.upperBound) } ?? .null, metric.versus.map { .text($0) } ?? .null,
                      metric.difference.map { .real($0) } ?? .null, metric.differenceInterval.map { .real($0.lowerBound) } ?? .null,
                      metric.differenceInterval.map { .real($0.upperBound) } ?? .null])
        }
        return id
    }
}
