import WarehouseTables

/// The runs the report follows over time with the one it shows: runs made the same way at other
/// moments, as `run-segmentation --as-of T --align-to PREV` makes them.
enum ComparableRuns {
    /// The most runs followed (the shown run and up to 11 before it).
    static let maximum = 12

    /// The runs with the shown run's method, k, features, covariates and window settings (length,
    /// half-life and kind weights; only the as-of moment differs) whose as-of is at or before the
    /// shown run's, one per as-of moment (the shown run at its own; elsewhere the latest made, the
    /// largest id), ordered by as-of, the last `maximum`. Empty when the shown run counts
    /// all-time likes (no moment to place it at); otherwise it ends with the shown run.
    static func chain(ending shown: RunRecord, among runs: [RunRecord]) -> [RunRecord] {
        guard let window = shown.window else { return [] }
        var byMoment: [Int64: RunRecord] = [:]
        for run in runs {
            guard let other = run.window, other.asOf <= window.asOf, run.method == shown.method, run.k == shown.k,
                  run.features == shown.features, run.covariates == shown.covariates,
                  other.windowSeconds == window.windowSeconds, other.halfLifeSeconds == window.halfLifeSeconds,
                  other.weights == window.weights else { continue }
            if other.asOf == window.asOf {
                byMoment[other.asOf] = shown
            } else if run.id > byMoment[other.asOf]?.id ?? Int64.min {
                byMoment[other.asOf] = run
            }
        }
        byMoment[window.asOf] = shown
        let ordered = byMoment.keys.sorted().compactMap { byMoment[$0] }
        return Array(ordered.suffix(maximum))
    }
}
