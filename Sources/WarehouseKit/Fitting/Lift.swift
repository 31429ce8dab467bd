/// The warehouse's one affinity, "lift": how many times as likely a segment's members are as
/// everyone to engage with an interest, shrunk so that low support cannot top a list (empirical
/// Bayes). The same number in `run-segmentation`'s summary, `name`, `target`, `target --interest`,
/// `recommend`, the report, and SQL (`segment_profiles.lift`, `segment_affinity.lift`).
///
/// For segment s with n_s members, of whom E_s engage with interest j (have at least one
/// interaction the run counts with it: a like on all-time data, any counted interaction in a
/// window), and p_j the share of everyone in the run who engage with it:
///
///     raw lift = (E_s / n_s) / p_j
///     lift     = ((E_s + m · p_j) / (n_s + m)) / p_j
///
/// The shrunk lift is the raw one with m pseudo-members at everyone's rate added: the posterior
/// mean of the segment's rate under a prior centred on p_j worth m users, over p_j. A segment's own
/// rate counts as much as the prior once it has m members: with m = 100, a segment of 10 keeps 9%
/// of its departure from 1, one of 1,000 keeps 91%. So three users who happen to be keen cannot
/// outrank a segment of thousands who are almost as keen. 1: like everyone; 2: twice as likely.
///
/// Why members who engage, not shares of likes: a share-of-likes ratio ranks rare interests first
/// (a genre liked by 0.7% of a segment led its name), and on real data a ranking by it did worse
/// than random; the share of members is what an advertiser buys.
///
/// m is a documented constant, 100 users, not fitted. The method of moments (m = the members'
/// within-segment variance ÷ the variance of the segments' true rates) measures how much the run's
/// segments differ, not how much a small one can be trusted: on a run whose segments differ
/// sharply (they are fitted to differ) it is tiny (on a seeded 3,000-user run with k = 4, m ≈ 1
/// user for running and for cats, computed 2026-12-07 with the ANOVA estimator), too weak to stop
/// a segment of ten from topping the list; and it is undefined when the segments do not differ
/// beyond noise.
///
/// `target --interest` uses the same formula with E_s the expected reach (Σ of the members'
/// predicted chances, `PredictedChance`) and p_j everyone's mean chance.
enum Lift {
    /// m, in users.
    static let priorUsers = 100.0

    /// (E / n) / p; nil for an empty segment or p ≤ 0.
    static func raw(engaged: Double, members: Int, everyone: Double) -> Double? {
        guard members > 0, everyone > 0 else { return nil }
        return engaged / Double(members) / everyone
    }

    /// ((E + m·p) / (n + m)) / p; nil for p ≤ 0 (nobody engages: nothing to compare with).
    static func shrunk(engaged: Double, members: Int, everyone: Double, priorUsers: Double = priorUsers) -> Double? {
        guard everyone > 0, everyone.isFinite, engaged.isFinite else { return nil }
        return (engaged + priorUsers * everyone) / (Double(max(0, members)) + priorUsers) / everyone
    }
}
