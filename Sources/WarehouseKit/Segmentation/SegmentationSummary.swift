import Analysis
import Foundation

/// The printable summary of a run: as text for people (`render()`), as JSON for programs
/// (`json()`); both carry the same facts.
public struct SegmentationSummary: Encodable, Sendable {
    public struct Component: Encodable, Sendable { let component: Int; let variance: Double; let varianceRatio: Double }
    public struct ElbowRow: Encodable, Sendable { let k: Int; let inertia: Double; let silhouette: Double? }
    public struct CategoryLift: Encodable, Sendable { let category: String; let share: Double; let lift: Double }
    public struct Stage: Encodable, Sendable { let stage: String; let seconds: Double }
    public struct LatentClassFit: Encodable, Sendable {
        let k: Int; let users: Int; let logLikelihood: Double; let bic: Double; let icl: Double; let entropyR2: Double
        let iterations: Int?
    }
    /// A latent-class run's mixture at its k, the sweep (users it was fitted on) and BIC's k.
    public struct LatentClass: Encodable, Sendable {
        let fit: LatentClassFit; let weights: [Double]; let sweep: [LatentClassFit]; let sweepUsers: Int?; let bicSuggestedK: Int?
    }
    public struct Segment: Encodable, Sendable {
        let segment: Int; let users: Int; let share: Double; let meanAge: Double; let meanLikedPosts: Double
        let topCategories: [CategoryLift]
    }

    let runID: Int64
    let k: Int
    let features: [String]
    let featureSets: String
    let users: Int
    let usersWithoutLikes: Int
    let components: [Component]
    let explainedVariance: Double
    let inertia: Double
    let iterations: Int
    let silhouette: Double?
    let adjustedRandIndex: Double?
    /// "kmeans" or "latent-class".
    let method: String
    /// ARI of the Bayes classifier knowing the planted persona parameters (the ceiling).
    let ceilingAdjustedRandIndex: Double?
    let latentClass: LatentClass?
    let elbow: [ElbowRow]
    let suggestedK: Int?
    let segments: [Segment]
    let stages: [Stage]
    let backgroundStages: [Stage]
    let seconds: Double

    public init(_ result: SegmentationResult) {
        runID = result.runID
        k = result.settings.k
        features = result.featureNames
        featureSets = result.settings.featuresText
        users = result.users
        usersWithoutLikes = result.usersWithoutLikes
        components = result.pca.explainedVariance.indices.map {
            Component(component: $0 + 1, variance: result.pca.explainedVariance[$0], varianceRatio: result.pca.explainedVarianceRatio[$0])
        }
        explainedVariance = result.explainedVariance
        inertia = result.kMeans.inertia
        iterations = result.kMeans.iterations
        silhouette = result.silhouette
        adjustedRandIndex = result.adjustedRandIndex
        method = result.method.rawValue
        ceilingAdjustedRandIndex = result.ceilingAdjustedRandIndex
        latentClass = result.latentClass.map { outcome in
            func line(_ fit: MixtureFit, _ iterations: Int?) -> LatentClassFit {
                LatentClassFit(k: fit.k, users: fit.rows, logLikelihood: fit.logLikelihood, bic: fit.bic, icl: fit.icl,
                               entropyR2: fit.entropyR2, iterations: iterations)
            }
            return LatentClass(fit: line(outcome.fit.fit, outcome.fit.iterations), weights: outcome.fit.weights,
                               sweep: outcome.sweep?.points.map { line($0.fit, $0.iterations) } ?? [],
                               sweepUsers: outcome.sweep?.rows, bicSuggestedK: outcome.sweep?.suggestedK)
        }
        elbow = result.elbow?.points.map { ElbowRow(k: $0.k, inertia: $0.inertia, silhouette: $0.silhouette) } ?? []
        suggestedK = result.elbow?.suggestedK
        segments = result.segments.map { segment in
            Segment(segment: segment.segment, users: segment.users, share: segment.share, meanAge: segment.meanAge,
                    meanLikedPosts: segment.meanLikedPosts,
                    topCategories: segment.categories.map { CategoryLift(category: $0.name, share: $0.share, lift: $0.lift) })
        }
        stages = result.stageSeconds.map { Stage(stage: $0.stage, seconds: $0.seconds) }
        backgroundStages = result.backgroundSeconds.map { Stage(stage: $0.stage, seconds: $0.seconds) }
        seconds = result.totalSeconds
    }

    /// Pretty, key-sorted JSON.
    public func json() throws -> String {
        try TargetingFormat.json(self)
    }

    /// The text summary `run-segmentation` prints.
    public func render() -> String {
        var lines: [String] = []
        lines.append("run \(runID): k = \(k) on \(users) users (\(usersWithoutLikes) without likes left out), features \(featureSets)")
        let variance = components.map { "PC\($0.component) \(percent($0.varianceRatio))" }.joined(separator: ", ")
        lines.append("PCA: \(components.count) components explain \(percent(explainedVariance)) of the variance (\(variance))")
        var fit = "k-means: inertia \(fixed(inertia, 1)) after \(iterations) iterations"
        if let silhouette { fit += ", silhouette \(fixed(silhouette, 3))" }
        if let adjustedRandIndex { fit += ", adjusted Rand index vs planted personas \(fixed(adjustedRandIndex, 3))" }
        if let ceilingAdjustedRandIndex { fit += ", ceiling \(fixed(ceilingAdjustedRandIndex, 3))" }
        lines.append(fit)
        if let latentClass {
            let f = latentClass.fit
            lines.append("latent class (Dirichlet-multinomial mixture on subcategory counts): log-likelihood \(fixed(f.logLikelihood, 1)), "
                         + "BIC \(fixed(f.bic, 1)), ICL \(fixed(f.icl, 1)), R²-entropy \(fixed(f.entropyR2, 3))")
            if !latentClass.sweep.isEmpty {
                lines.append("latent-class sweep on \(latentClass.sweepUsers ?? 0) users:")
                lines.append("     k   log-likelihood             BIC             ICL  R²-entropy")
                for row in latentClass.sweep {
                    let marker = row.k == latentClass.bicSuggestedK ? "  ← lowest BIC" : ""
                    lines.append(pad(String(row.k), 6) + pad(fixed(row.logLikelihood, 1), 17) + pad(fixed(row.bic, 1), 16)
                                 + pad(fixed(row.icl, 1), 16) + pad(fixed(row.entropyR2, 3), 12) + marker)
                }
            }
        }
        if !elbow.isEmpty {
            lines.append("elbow:")
            lines.append("     k        inertia  silhouette")
            for row in elbow {
                let marker = row.k == suggestedK ? "  ← suggested" : (row.k == k ? "  ← chosen" : "")
                lines.append(pad(String(row.k), 6) + pad(fixed(row.inertia, 1), 15)
                             + pad(row.silhouette.map { fixed($0, 3) } ?? "-", 12) + marker)
            }
            lines.append(suggestedK.map { "suggested k = \($0) (knee of the inertia curve)" } ?? "suggested k: no clear knee")
        }
        lines.append("segments:")
        lines.append("  segment    users   share  mean age  top categories (lift)")
        for segment in segments {
            let top = segment.topCategories.prefix(2).map { "\($0.category) ×\(fixed($0.lift, 2))" }.joined(separator: ", ")
            lines.append(pad(String(segment.segment), 9) + pad(String(segment.users), 9) + pad(percent(segment.share), 8)
                         + pad(fixed(segment.meanAge, 1), 10) + "  " + top)
        }
        let stages = self.stages.map { "\($0.stage) \(fixed($0.seconds, 2))" }.joined(separator: ", ")
        let background = backgroundStages.map { "\($0.stage) \(fixed($0.seconds, 2))" }.joined(separator: ", ")
        lines.append("time: \(fixed(seconds, 2)) s (\(stages); beside the score writing: \(background))")
        return lines.joined(separator: "\n")
    }

    private func percent(_ value: Double) -> String { fixed(value * 100, 1) + "%" }
    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
