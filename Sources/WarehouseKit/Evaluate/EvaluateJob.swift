import Analysis
import Dispatch
import WarehouseTables
import WarehouseSupport

/// `warehouse evaluate`: fit on the past, score on the future.
///
/// Reads the warehouse as of the cut T (`EvaluationInputs`), fits the segmentation on the past
/// exactly as `run-segmentation --as-of T` would (not stored as a run), ranks every subcategory
/// for every user by each ranker (`Ranker`), scores the rankings against what each user did in
/// (T, T + h] (`EvaluationScoring`), and stores the figures with bootstrap intervals, each paired
/// against the best baseline, as one evaluation in ONE transaction.
public enum EvaluateJob {
    public typealias Progress = (String) -> Void

    public static func run(store: WarehouseStore, configuration: EvaluationConfiguration, progress: Progress? = nil) throws -> EvaluationSummary {
        try configuration.validate()
        let started = DispatchTime.now().uptimeNanoseconds
        let segmentation = configuration.segmentation
        progress?("reading the past and the horizon")
        let inputs = try EvaluationInputs.read(store, configuration: configuration)
        let fit = inputs.fit

        progress?("fitting \(segmentation.method == .latentClass ? "the latent-class mixture" : "k-means") on the past")
        let features = try SegmentationInputs(data: fit, configuration: segmentation)
        let clustering = try refusingAnalysisErrors {
            try Clustering(scores: features.scores, counts: features.counts, covariate: features.covariate, configuration: segmentation,
                           personas: nil)
        }
        let k = segmentation.k
        let labels = clustering.fit.labels
        var segmentOfRow = [Int32](repeating: -1, count: fit.userCount)
        for (position, row) in features.features.users.enumerated() { segmentOfRow[row] = labels[position] }
        let model = try PredictiveModel(run: fit, users: features.features.users, labels: labels, k: k,
                                        latentClass: clustering.latentClass?.fit, covariates: segmentation.covariates,
                                        wholeCounts: inputs.wholeCounts)
        let planted = try inputs.parameters.map { try PredictiveModel(planted: $0) }
        var rankers = Ranker.baselines + [.model]
        if planted != nil { rankers.append(.planted) }
        if inputs.truth != nil { rankers.append(.oracle) }

        progress?("ranking and scoring \(Format.plural(fit.userCount, "user"))")
        let scorers = EvaluationScoring.Scorers(inputs: inputs, segmentOfRow: segmentOfRow,
                                                segmentShares: segmentShares(fit, segmentOfRow: segmentOfRow, k: k),
                                                model: model, planted: planted)
        let scoring = EvaluationScoring(scorers, rankers: rankers, threads: segmentation.threads)
        let metrics = EvaluationFigures.compute(scoring, resamples: configuration.resamples, seed: segmentation.seed)
        let users = EvaluationVariant.allCases.map { variant in scoring.blocks.reduce(0) { $0 + $1.users[variant.index] } }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let row = EvaluationsTable.Row(
            asOf: inputs.asOf, horizonSeconds: inputs.horizonSeconds, relevantKinds: configuration.relevantKinds, method: segmentation.method,
            k: k, window: inputs.fitWindow, seed: Int64(segmentation.seed), usersScored: users[0], usersNewInterest: users[1],
            usersColdStart: users[2], resamples: configuration.resamples, seconds: seconds)
        let id = try store.write { try EvaluationsTable.insert(row, metrics: metrics, store) }
        // The next windowed reads go through the packed copy of the interactions: built when it is
        // not current, after this evaluation's own work, so that a refused one writes nothing.
        _ = try InteractionPacks.refresh(store) { progress?("packing the interactions for the next windowed reads") }
        return EvaluationSummary(id: id, row: row, users: fit.userCount, metrics: metrics, rankers: rankers)
    }

    /// (k + 1) × s: each segment's share of its members' counts, then the population's (for users
    /// the fit left out, and segments with no counts).
    static func segmentShares(_ data: WarehouseData, segmentOfRow: [Int32], k: Int) -> [Double] {
        let s = data.subcategories.count
        var sums = [Double](repeating: 0, count: (k + 1) * s)
        for i in 0..<data.userCount {
            let segment = Int(segmentOfRow[i])
            for j in 0..<s {
                let x = data.subcategoryLikes[i * s + j]
                if segment >= 0 { sums[segment * s + j] += x }
                sums[k * s + j] += x
            }
        }
        for c in [k] + Array(0..<k) {  // the population's first: empty segments fall back on it
            let total = sums[(c * s)..<((c + 1) * s)].reduce(0, +)
            for j in 0..<s { sums[c * s + j] = total > 0 ? sums[c * s + j] / total : (c < k ? sums[k * s + j] : 0) }
        }
        return sums
    }
}

extension EvaluationVariant {
    /// Position in `allCases`.
    var index: Int { EvaluationVariant.allCases.firstIndex(of: self) ?? 0 }
}
