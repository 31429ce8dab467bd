import Analysis
import Foundation

/// The printable summary of a run: as text for people (`render()`), as JSON for programs
/// (`json()`); both carry the same facts.
public struct SegmentationSummary: Encodable, Sendable {
    public struct Component: Encodable, Sendable { let component: Int; let variance: Double; let varianceRatio: Double }
    public struct ElbowRow: Encodable, Sendable {
        let k: Int
        let inertia: Double
        @JSONNullable var silhouette: Double?
    }
    /// A category and how much the segment over-likes it: `lift` is the warehouse's one affinity
    /// (`Lift`: how many times as likely as everyone its members are to like the category, shrunk
    /// by 100 users; 1 = like everyone); `likeShare` is the category's part of the segment's likes.
    public struct CategoryLift: Encodable, Sendable {
        let category: String
        let likeShare: Double
        let lift: Double
    }
    public struct Stage: Encodable, Sendable { let stage: String; let seconds: Double }
    public struct LatentClassFit: Encodable, Sendable {
        let k: Int; let users: Int; let logLikelihood: Double; let bic: Double; let icl: Double; let entropyR2: Double
        let iterations: Int?
        /// False when EM stopped at its iteration limit before meeting its stopping rule.
        let converged: Bool
    }
    /// One group's mixing weights (segment order) in a run with covariates: `group` is an age
    /// group ("25-34"), a gender ("female", "undisclosed") or both ("25-34/female").
    public struct GroupWeights: Encodable, Sendable { let group: String; let weights: [Double] }
    /// A latent-class run's mixture at its k, the sweep (users it was fitted on) and BIC's k;
    /// `covariates` null (and `groupWeights` empty) for one set of weights.
    public struct LatentClass: Encodable, Sendable {
        let fit: LatentClassFit; let weights: [Double]; let sweep: [LatentClassFit]; let sweepUsers: Int?; let bicSuggestedK: Int?
        @JSONNullable var covariates: String?
        let groupWeights: [GroupWeights]
    }
    public struct Segment: Encodable, Sendable {
        let segment: Int; let users: Int; let share: Double; let meanAge: Double; let meanLikedPosts: Double
        /// Its name ('generated' or 'user') and plain-language description; null only for a result not yet stored.
        @JSONNullable var name: String?
        @JSONNullable var nameSource: String?
        @JSONNullable var description: String?
        /// Every category, highest lift first.
        let topCategories: [CategoryLift]
    }

    let runID: Int64
    let k: Int
    /// The feature columns (`share_sports`, …), as export's `feature_names`.
    let featureNames: [String]
    /// The feature sets, as given to `--features` ("category_share").
    let featureSets: String
    let users: Int
    let usersWithoutLikes: Int
    let components: [Component]
    /// Sum of the kept components' variance ratios, clamped to 0…1 and rounded to 12 decimals for
    /// output (`Format.unitRatio`): 1, not 1.0000000000000002.
    let explainedVariance: Double
    let inertia: Double
    let iterations: Int
    @JSONNullable var silhouette: Double?
    /// Users the silhouette was computed on (all of them up to 20,000 by default, else a seeded sample).
    let silhouetteUsers: Int
    @JSONNullable var adjustedRandIndex: Double?
    /// "kmeans" or "latent-class".
    let method: String
    /// ARI of the Bayes classifier knowing the planted persona parameters (the ceiling).
    @JSONNullable var ceilingAdjustedRandIndex: Double?
    /// Users the ceiling was computed on (all of them up to 100,000, else a seeded sample).
    @JSONNullable var ceilingUsers: Int?
    @JSONNullable var latentClass: LatentClass?
    let elbow: [ElbowRow]
    @JSONNullable var suggestedK: Int?
    let segments: [Segment]
    let stages: [Stage]
    let backgroundStages: [Stage]
    let seconds: Double

    public init(_ result: SegmentationResult) {
        runID = result.runID
        k = result.settings.k
        featureNames = result.featureNames
        featureSets = result.settings.featuresText
        users = result.users
        usersWithoutLikes = result.usersWithoutLikes
        components = result.pca.explainedVariance.indices.map {
            Component(component: $0 + 1, variance: result.pca.explainedVariance[$0], varianceRatio: result.pca.explainedVarianceRatio[$0])
        }
        explainedVariance = Format.unitRatio(result.explainedVariance)
        inertia = result.kMeans.inertia
        iterations = result.kMeans.iterations
        silhouette = result.silhouette
        silhouetteUsers = result.silhouetteSample
        adjustedRandIndex = result.adjustedRandIndex
        method = result.method.rawValue
        ceilingAdjustedRandIndex = result.ceilingAdjustedRandIndex
        ceilingUsers = result.ceilingUsers
        latentClass = result.latentClass.map { outcome in
            func line(_ fit: MixtureFit, _ iterations: Int?, _ converged: Bool) -> LatentClassFit {
                LatentClassFit(k: fit.k, users: fit.rows, logLikelihood: fit.logLikelihood, bic: fit.bic, icl: fit.icl,
                               entropyR2: fit.entropyR2, iterations: iterations, converged: converged)
            }
            var groups: [GroupWeights] = []
            if let matrix = outcome.fit.groupWeights {
                groups = outcome.groupLabels.enumerated().map { g, label in
                    GroupWeights(group: label, weights: (0..<matrix.columns).map { matrix[g, $0] })
                }
            }
            return LatentClass(fit: line(outcome.fit.fit, outcome.fit.iterations, outcome.fit.converged), weights: outcome.fit.weights,
                               sweep: outcome.sweep?.points.map { line($0.fit, $0.iterations, $0.converged) } ?? [],
                               sweepUsers: outcome.sweep?.rows, bicSuggestedK: outcome.sweep?.suggestedK,
                               covariates: outcome.covariate?.rawValue, groupWeights: groups)
        }
        elbow = result.elbow?.points.map { ElbowRow(k: $0.k, inertia: $0.inertia, silhouette: $0.silhouette) } ?? []
        suggestedK = result.elbow?.suggestedK
        let names = Dictionary(result.segmentNames.map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
        segments = result.segments.map { segment in
            let name = names[segment.segment]
            return Segment(segment: segment.segment, users: segment.users, share: segment.share, meanAge: segment.meanAge,
                    meanLikedPosts: segment.meanLikedPosts, name: name?.name, nameSource: name?.source, description: name?.description,
                    topCategories: segment.categories.map {
                        CategoryLift(category: $0.name, likeShare: $0.share, lift: $0.lift)
                    })
        }
        stages = result.stageSeconds.map { Stage(stage: $0.stage, seconds: $0.seconds) }
        backgroundStages = result.backgroundSeconds.map { Stage(stage: $0.stage, seconds: $0.seconds) }
        seconds = result.totalSeconds
    }

    /// "EM: N iterations", or, when EM hit its iteration limit N before meeting its stopping rule,
    /// "EM: stopped at the iteration limit N before converging".
    static func emText(iterations: Int, converged: Bool) -> String {
        converged ? "EM: \(Format.plural(iterations, "iteration"))" : "EM: stopped at the iteration limit \(iterations) before converging"
    }

    /// Pretty, key-sorted JSON.
    public func json() throws -> String {
        try Format.json(self)
    }

    /// The text summary `run-segmentation` prints (at most 100 columns).
    public func render() -> String {
        typealias F = Format
        var lines: [String] = []
        lines += F.wrapped(["run \(runID): k = \(k) on \(F.plural(users, "user")) (\(F.count(usersWithoutLikes)) without likes left out),",
                            "features \(featureSets)"], lead: "", separator: " ", indent: "  ")
        let variance = components.map { "PC\($0.component) \(F.percent($0.varianceRatio))" }
        lines += F.wrapped(variance, lead: "PCA: \(F.plural(components.count, "component")) explain \(F.percent(explainedVariance)) "
                           + "of the variance: ", separator: ", ")
        if let latentClass {
            // A latent-class run's iterations are EM's; its inertia is only the spread of its
            // segments around their mean PCA scores, not something it minimised.
            lines.append("\(Self.emText(iterations: iterations, converged: latentClass.fit.converged)); "
                         + "within-segment sum of squares in PCA space " + F.fixed(inertia, 1))
        } else {
            lines.append("k-means: inertia \(F.fixed(inertia, 1)) after \(F.plural(iterations, "iteration"))")
        }
        var scores: [String] = []
        if let silhouette { scores.append("silhouette \(F.score(silhouette)) (\(SilhouetteBasis.text(rows: silhouetteUsers, users: users)))") }
        if let adjustedRandIndex {
            var ari = "adjusted Rand index vs planted personas \(F.score(adjustedRandIndex))"
            if let ceilingAdjustedRandIndex {
                ari += ", ceiling \(F.score(ceilingAdjustedRandIndex))"
                if let ceilingUsers, ceilingUsers < users { ari += " (on a seeded sample of \(F.count(ceilingUsers)))" }
            }
            scores.append(ari)
        }
        if !scores.isEmpty { lines += F.wrapped(scores, lead: "", separator: "; ", indent: "") }
        if let latentClass {
            let f = latentClass.fit
            lines += F.wrapped(["latent class (Dirichlet-multinomial mixture on subcategory counts"
                                + (latentClass.covariates.map { ", weights per \(Self.groupNoun($0))" } ?? "") + "):",
                                "log-likelihood \(F.fixed(f.logLikelihood, 1)),", "BIC \(F.fixed(f.bic, 1)),", "ICL \(F.fixed(f.icl, 1)),",
                                "R²-entropy \(F.fixed(f.entropyR2, 3))"], lead: "", separator: " ", indent: "  ")
            if !latentClass.groupWeights.isEmpty, k <= 10 {
                let noun = latentClass.covariates.map(Self.groupNoun) ?? "group"
                lines.append("mixing weights by \(noun) (segments' share of the group's users):")
                var weights = TextTable([(noun, .left)] + (1...k).map { ("\($0)", .right) })
                for group in latentClass.groupWeights {
                    weights.append([group.group] + group.weights.map { F.percent($0) })
                }
                lines += weights.lines(indent: "  ")
            }
            if !latentClass.sweep.isEmpty {
                lines.append("latent-class sweep on \(F.plural(latentClass.sweepUsers ?? 0, "user")):")
                var sweep = TextTable([("k", .right), ("log-likelihood", .right), ("BIC", .right), ("ICL", .right),
                                       ("R²-entropy", .right), ("", .left)])
                for row in latentClass.sweep {
                    let notes = [row.k == latentClass.bicSuggestedK ? "← lowest BIC" : nil,
                                 row.converged ? nil : "not converged"].compactMap { $0 }
                    sweep.append([String(row.k), F.fixed(row.logLikelihood, 1), F.fixed(row.bic, 1), F.fixed(row.icl, 1),
                                  F.fixed(row.entropyR2, 3), notes.joined(separator: ", ")])
                }
                lines += sweep.lines(indent: "  ")
                // A minimum at the top of the range may not be the minimum: more segments might fit better still.
                if let best = latentClass.bicSuggestedK, let last = latentClass.sweep.map(\.k).max(), latentClass.sweep.count >= 2,
                   best == last, last < 100 {
                    lines.append("  BIC is lowest at k = \(best), the end of the swept range: more segments may fit better; "
                                 + "widen it, e.g. --elbow \(latentClass.sweep.map(\.k).min() ?? 1)...\(min(100, 2 * best))")
                }
                let stopped = latentClass.sweep.filter { !$0.converged }
                if !stopped.isEmpty {
                    lines.append("  sweep: k = \(stopped.map { String($0.k) }.joined(separator: ", ")) stopped at the iteration limit "
                                 + "before converging")
                }
            }
        }
        if !elbow.isEmpty {
            lines.append("elbow:")
            var table = TextTable([("k", .right), ("inertia", .right), ("silhouette", .right), ("", .left)])
            for row in elbow {
                let marker = row.k == suggestedK ? "← suggested" : (row.k == k ? "← chosen" : "")
                table.append([String(row.k), F.fixed(row.inertia, 1), F.score(row.silhouette), marker])
            }
            lines += table.lines(indent: "  ")
            lines.append(suggestedK.map { "suggested k = \($0) (knee of the inertia curve)" } ?? "suggested k: no clear knee")
        }
        lines.append("segments (share of the \(F.plural(users, "segmented user")); lift: times as likely as everyone to like it):")
        let named = segments.contains { $0.name != nil }
        var table = TextTable([("segment", .right), ("users", .right), ("share", .right), ("mean age", .right)]
                              + (named ? [("name", .left)] : [])
                              + [(named ? "top category (lift)" : "liked more than by everyone (lift)", .left)])
        for segment in segments {
            let above = segment.topCategories.filter { $0.lift > 1 }.prefix(named ? 1 : 2)
            let top = above.isEmpty ? F.absent : above.map { "\($0.category) \(F.lift($0.lift))" }.joined(separator: ", ")
            table.append([String(segment.segment), F.count(segment.users), F.percent(segment.share), F.fixed(segment.meanAge, 1)]
                         + (named ? [F.printable(segment.name ?? F.absent)] : []) + [top])
        }
        lines += table.lines(indent: "  ")
        let stages = self.stages.map { "\($0.stage) \(F.fixed($0.seconds, 2)) s" }
        lines += F.wrapped(stages, lead: "time: \(F.seconds(seconds)): ", separator: ", ")
        if !backgroundStages.isEmpty {
            let background = backgroundStages.map { "\($0.stage) \(F.fixed($0.seconds, 2)) s" }
            lines += F.wrapped(background, lead: "  beside the score writing: ", separator: ", ")
        }
        return lines.joined(separator: "\n")
    }

    /// "age group", "gender" or "age group and gender", for the covariates' stored text.
    static func groupNoun(_ covariates: String) -> String {
        switch covariates {
        case "age-group": "age group"
        case "age-group,gender": "age group and gender"
        default: covariates
        }
    }
}
