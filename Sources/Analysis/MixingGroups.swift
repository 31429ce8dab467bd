/// A concomitant variable for a latent-class model: each row's group (e.g. the user's age
/// group), on which the mixing weights depend. With groups the mixture is
///
///     p(x_i | g_i) = Σ_c π_{g_i,c} DM(x_i | α_c)
///
/// (one weight vector per group, shared α), and the M-step sets
///
///     π_{g,c} = (Σ_{i in g} r_ic + ε) / (n_g + k·ε),   ε = `pseudoCount`
///
/// the group's mean responsibility, shrunk by ε, a hundredth of a row per component, toward
/// 1/k: an empty group (n_g = 0) gets π = 1/k instead of 0/0, and a component no row of a group
/// favours keeps a finite ln π (never ln 0) in the next E-step. BIC then counts G·(k − 1) + k·J
/// free parameters.
public struct MixingGroups: Sendable, Equatable {
    /// Row i's group, in 0..<count.
    public let labels: [Int32]
    /// G ≥ 1, the number of groups (a group may have no rows).
    public let count: Int

    /// The pseudo-count ε of the M-step (rows per component).
    public static let pseudoCount = 0.01

    /// - Throws: `invalidParameter` when count < 1 or a label lies outside 0..<count.
    public init(labels: [Int32], count: Int) throws {
        guard count >= 1 else { throw AnalysisError.invalidParameter(name: "groups", value: "\(count)", requirement: ">= 1") }
        if let bad = labels.first(where: { $0 < 0 || Int($0) >= count }) {
            throw AnalysisError.invalidParameter(name: "group", value: "\(bad)", requirement: "in 0..<\(count)")
        }
        self.labels = labels
        self.count = count
    }

    /// Rows per group.
    public var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: count)
        for label in labels { sizes[Int(label)] += 1 }
        return sizes
    }

    /// The groups of the rows at `indices` (same G).
    func gathered(_ indices: [Int]) -> MixingGroups {
        MixingGroups(unchecked: indices.map { labels[$0] }, count: count)
    }

    private init(unchecked labels: [Int32], count: Int) {
        self.labels = labels
        self.count = count
    }
}
