import Population
import WarehouseTables

/// What an evaluation reads, in one snapshot: the past as the fit sees it, the positives before
/// the cut, and the positives in the horizon.
///
/// With T the cut and h the horizon, an interaction is positive when its kind is relevant and
/// it passes its kind's `min_value` rule; it counts toward each subcategory of its item.
/// - `fit`: every user's counts under the fit's window (as-of T, `--window`, `--half-life`,
///   `--weights`), as `run-segmentation --as-of T` would read them;
/// - `before[i·s + j]`: user i had a positive interaction with j at t ≤ T;
/// - `popularity[j]`: the positive interactions with j at t ≤ T, over all users;
/// - `relevant[i·s + j]`: user i had a positive interaction with j at T < t ≤ T + h.
struct EvaluationInputs {
    let asOf: Int64
    let horizonSeconds: Int64
    let fitWindow: InteractionWindow
    let fit: WarehouseData
    let before: [Bool]
    let popularity: [Double]
    /// n × s: the fit's counts without decay, what the model's α is fitted to (as a run's is).
    let wholeCounts: [Double]
    let relevant: [Bool]
    /// Per user: how many subcategories are relevant, and whether any positive came before T.
    let relevantCounts: [Int32]
    let anyBefore: [Bool]
    /// The planted personas' parameters, on a seeded warehouse.
    let parameters: PersonaParameters?
    /// The generator's truth, when every seed batch can be regenerated.
    let truth: PlantedTruth?

    static func read(_ store: WarehouseStore, configuration: EvaluationConfiguration) throws -> EvaluationInputs {
        try store.snapshot {
            guard let span = try InteractionsTable.span(store) else {
                throw WarehouseError.invalidArgument(
                    "evaluate scores rankings on what users did after a moment, and this warehouse has no timestamped "
                    + "interactions (seed with --days, or import --events)")
            }
            let kinds = try InteractionKindsTable.read(store)
            for kind in configuration.relevantKinds where !kinds.contains(where: { $0.name == kind }) {
                throw WarehouseError.invalidArgument(
                    "--relevant names kind '\(kind)', which this warehouse does not have; its kinds: \(kinds.map(\.name).joined(separator: ", "))")
            }
            let h = configuration.horizonSeconds
            let spanText = "\(CivilCalendar.isoDateTime(ofSecond: span.lowerBound)) … \(CivilCalendar.isoDateTime(ofSecond: span.upperBound))"
            // The data reach the end of the last interaction's day (as a window's as-of may).
            let end = (span.upperBound / CivilCalendar.secondsPerDay + 1) * CivilCalendar.secondsPerDay - 1
            let asOf = configuration.asOf ?? end - h
            guard asOf >= span.lowerBound else {
                throw WarehouseError.invalidArgument(
                    configuration.asOf == nil
                        ? "--horizon \(TimeText.durationText(h)) is longer than the interactions' span, \(spanText); choose a shorter one"
                        : "--as-of \(CivilCalendar.isoDateTime(ofSecond: asOf)) is before the first interaction, \(spanText)")
            }
            guard asOf <= end - h else {
                throw WarehouseError.invalidArgument(
                    "--as-of \(CivilCalendar.isoDateTime(ofSecond: asOf)) with --horizon \(TimeText.durationText(h)) reaches past the last "
                    + "interaction (\(spanText)); choose --as-of \(CivilCalendar.isoDateTime(ofSecond: end - h)) or earlier")
            }
            let request = configuration.segmentation.window
            let fitWindow = InteractionWindow(asOf: asOf, windowSeconds: request?.windowSeconds, halfLifeSeconds: request?.halfLifeSeconds,
                                              weights: configuration.fitWeights)
            let threads = configuration.segmentation.threads
            let fit = try WarehouseData.readWindowInTransaction(store, window: fitWindow, threads: threads,
                                                                parallelFrom: WarehouseData.parallelReadThreshold, undecayed: true)
            guard fit.userCount > 0 else { throw WarehouseError.emptyWarehouse(path: store.path) }
            let positive = configuration.relevantKinds.map { InteractionWindow.KindWeight(kind: $0, weight: 1) }
            // The positives before T: the fit's whole counts when the fit counts exactly them (all
            // time, the relevant kinds at weight 1, the default), else a read of their own.
            let wholeCounts = try PredictiveModel.wholeCounts(of: fit)
            let sameAsFit = fitWindow.windowSeconds == nil && fitWindow.weights == positive
            let pastCounts = sameAsFit ? wholeCounts
                : try WarehouseData.readWindowInTransaction(store, window: InteractionWindow(asOf: asOf, weights: positive),
                                                            threads: threads, parallelFrom: WarehouseData.parallelReadThreshold)
                    .checkedCounts(users: fit.userIDs)
            let futureCounts = try WarehouseData.readWindowInTransaction(
                store, window: InteractionWindow(asOf: asOf + h, windowSeconds: h, weights: positive), threads: threads,
                parallelFrom: WarehouseData.parallelReadThreshold).checkedCounts(users: fit.userIDs)
            let n = fit.userCount, s = fit.subcategories.count
            var popularity = [Double](repeating: 0, count: s)
            var anyBefore = [Bool](repeating: false, count: n)
            var relevantCounts = [Int32](repeating: 0, count: n)
            let before = pastCounts.map { $0 > 0 }
            let relevant = futureCounts.map { $0 > 0 }
            for i in 0..<n {
                for j in 0..<s {
                    popularity[j] += pastCounts[i * s + j]
                    if before[i * s + j] { anyBefore[i] = true }
                    if relevant[i * s + j] { relevantCounts[i] += 1 }
                }
            }
            let subcategoryIDs = fit.subcategories.map(\.id)
            let parameters = try PersonaParameters.read(subcategoryIDs: subcategoryIDs, from: store)
            let truth = try PlantedTruth.load(store, subcategoryIDs: subcategoryIDs)
            return EvaluationInputs(asOf: asOf, horizonSeconds: h, fitWindow: fitWindow, fit: fit, before: before, popularity: popularity, wholeCounts: wholeCounts,
                                    relevant: relevant, relevantCounts: relevantCounts, anyBefore: anyBefore, parameters: parameters,
                                    truth: truth)
        }
    }
}

extension WarehouseData {
    /// The interest counts, after checking the users are `users` (reads of one snapshot agree).
    fileprivate func checkedCounts(users: [Int64]) throws -> [Double] {
        guard userIDs == users else { throw WarehouseError.brokenInvariant("the users changed between reads of one snapshot") }
        return subcategoryLikes
    }
}
