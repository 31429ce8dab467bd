/// How much more likely a segment's members are to engage with an interest than everyone, with
/// shrinkage so that low support cannot top a list (empirical Bayes).
///
/// For segment s with n_s members and expected reach R_s = Σ over members of c_ij (their
/// predicted chances, `PredictedChance`), and c̄ the mean chance over every member of the run:
///
///     raw lift = (R_s / n_s) / c̄
///     lift     = ((R_s + m · c̄) / (n_s + m)) / c̄
///
/// The shrunk lift is the raw one with m pseudo-members of the population's mean chance added: the
/// posterior mean of the segment's rate under a prior centred on c̄ worth m users. A segment's own
/// rate counts as much as the prior once it has m members: with m = 100, a segment of 10 keeps 9%
/// of its departure from 1, one of 1,000 keeps 91%. So three users who happen to be keen cannot
/// outrank a segment of thousands who are almost as keen.
///
/// m is a documented constant, 100 users, not fitted. The method of moments (m = the members'
/// within-segment variance of c ÷ the variance of the segments' true means) measures how much the
/// run's segments differ, not how much a small one can be trusted: on a run whose segments differ
/// sharply (they are fitted to differ) it is tiny (on a seeded 3,000-user run with k = 4, m ≈ 1
/// user for running and for cats, computed 2026-12-07 with the ANOVA estimator), too weak to stop
/// a segment of ten from topping the list; and it is undefined when the segments do not differ
/// beyond noise.
enum InterestLift {
    /// m, in users.
    static let priorUsers = 100.0

    /// (R / n) / c̄; nil for an empty segment or c̄ ≤ 0.
    static func raw(reach: Double, members: Int, populationMean: Double) -> Double? {
        guard members > 0, populationMean > 0 else { return nil }
        return reach / Double(members) / populationMean
    }

    /// ((R + m·c̄) / (n + m)) / c̄; nil for c̄ ≤ 0 (no member has a chance: nothing to compare with).
    static func shrunk(reach: Double, members: Int, populationMean: Double, priorUsers: Double = priorUsers) -> Double? {
        guard populationMean > 0 else { return nil }
        return (reach + priorUsers * populationMean) / (Double(members) + priorUsers) / populationMean
    }
}
