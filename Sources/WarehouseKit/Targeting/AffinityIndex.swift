/// The affinity index of audience-insight tools: how much more likely a segment is to have a
/// trait than the whole population, × 100.
///
///     index = 100 · (count in segment / base of segment) / (count in population / base of population)
///
/// For "users who like j" the base is users; for "likes of j" it is likes. 100 means the segment
/// is like everyone, 200 twice as likely, 50 half. The index says nothing about size: a segment
/// of 3 users where 2 like j gets a large index from 2 users, so every index is reported with
/// its support (the count in the segment). Undefined (nil) when the population has none of the
/// trait or a base is 0.
enum AffinityIndex {
    /// `count / base`, 0 when `base` is 0.
    static func share(_ count: Int, of base: Int) -> Double {
        base > 0 ? Double(count) / Double(base) : 0
    }

    /// 100 · share / populationShare; nil when either base is 0 or the population count is 0.
    /// - Precondition: counts and bases ≥ 0, each count ≤ its base.
    static func index(count: Int, base: Int, populationCount: Int, populationBase: Int) -> Double? {
        precondition(count >= 0 && base >= 0 && populationCount >= 0 && populationBase >= 0,
                     "affinity counts must be ≥ 0, got \(count)/\(base) vs \(populationCount)/\(populationBase)")
        guard base > 0, populationCount > 0, populationBase > 0 else { return nil }
        return 100 * (Double(count) / Double(base)) / (Double(populationCount) / Double(populationBase))
    }
}
