import Analysis
import Population

/// What a latent-class run fitted: the mixture at the run's k (on every user with likes) and the
/// sweep over the `--elbow` range (on a seeded sample), whose lowest BIC suggests k.
public struct LatentClassOutcome: Sendable {
    public let fit: LatentClassResult
    public let sweep: LatentClassSweep?
    /// The covariate of the mixing weights; with one, `fit.groupWeights` row g belongs to
    /// `groupLabels[g]` (`covariate.groupLabels`).
    public var covariate: LatentClassCovariate?
    public var groupLabels: [String] = []
    package init(fit: LatentClassResult, sweep: LatentClassSweep?, covariate: LatentClassCovariate? = nil, groupLabels: [String] = []) {
        self.fit = fit
        self.sweep = sweep
        self.covariate = covariate
        self.groupLabels = groupLabels
    }
}

/// The covariates' values of the users a latent-class run fits.
package enum LatentClassCovariates {
    /// Each of `users` (indices into `data`)'s group under `covariate` (`covariate.group`).
    package static func groups(_ covariate: LatentClassCovariate, data: WarehouseData, users: [Int]) throws -> MixingGroups {
        try MixingGroups(labels: users.map { Int32(covariate.group(age: data.ages[$0], gender: data.genderGroup($0))) },
                         count: covariate.groupLabels.count)
    }
}
