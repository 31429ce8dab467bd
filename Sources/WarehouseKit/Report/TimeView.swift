import WarehouseTables

/// What the "Behaviour over time" and "Does it predict?" sections draw, read in the report's
/// one snapshot.
struct TimeView: Sendable {
    /// Interactions per week and category over the recent weeks (`WeeklyActivity`); nil without
    /// timestamped interactions (or less than a week of them).
    let activity: WeeklyActivity?
    /// The shown run; nil without a run.
    let shown: RunRecord?
    /// The runs followed over time, ordered by as-of, ending with the shown run (`ComparableRuns`);
    /// empty when the shown run counts all-time likes or there is no run.
    let chain: [RunRecord]
    /// Sizes and flows over `chain` (`SegmentTrends.summary`); nil for fewer than two runs.
    let trends: TrendsSummary?
    /// The largest run id: the next runs made get the ids after it (the commands in the note).
    let largestRunID: Int64
    /// The latest stored `evaluate`; nil when there is none.
    let evaluation: EvaluationSummary?

    /// Reads everything; call inside the report's read transaction. `users`: the warehouse's users.
    static func read(shown: RunRecord?, users: Int, from store: WarehouseStore) throws -> TimeView {
        let activity = try WeeklyActivity.read(store)
        let runs = try RunRecord.all(from: store)
        let chain = shown.map { ComparableRuns.chain(ending: $0, among: runs) } ?? []
        let trends = chain.count >= 2 ? try SegmentTrends.summary(of: chain, in: store) : nil
        var evaluation: EvaluationSummary?
        if let latest = try EvaluationsTable.latest(store) {
            let present = Set(latest.metrics.map(\.ranker))
            evaluation = EvaluationSummary(id: latest.id, row: latest.row, users: users, metrics: latest.metrics,
                                           rankers: Ranker.allCases.filter { present.contains($0.rawValue) })
        }
        return TimeView(activity: activity, shown: shown, chain: chain, trends: trends, largestRunID: runs.map(\.id).max() ?? 0,
                        evaluation: evaluation)
    }
}
