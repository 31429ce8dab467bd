/// The Dirichlet distribution Dirichlet(α₁…α_K) on the probability simplex.
///
/// Sampled as normalised independent gammas: `g_i ~ Gamma(α_i, 1)`, `p_i = g_i / Σ g`. Mean
/// `E[p_i] = α_i / Σα`; aggregation property: `Σ_{i∈S} p_i ~ Beta(Σ_{i∈S} α_i, Σ_{i∉S} α_i)`.
public struct Dirichlet: Sendable, Equatable {
    /// Concentrations α_i > 0.
    public let alpha: [Double]
    let gammas: [Gamma]

    /// - Precondition: at least one component, all `α_i > 0`.
    public init(alpha: [Double]) {
        precondition(!alpha.isEmpty, "Dirichlet needs at least one component")
        self.alpha = alpha
        gammas = alpha.map { Gamma(shape: $0) }
    }

    /// The mean `α / Σα`.
    public var mean: [Double] {
        let total = alpha.reduce(0, +)
        return alpha.map { $0 / total }
    }

    /// Writes one draw into `probabilities` (overwritten; no allocation): non-negative, summing
    /// to 1 up to rounding. In the (practically impossible) event that every gamma underflows
    /// to 0 it writes the mean instead, so the result is always a distribution.
    /// - Precondition: `probabilities.count == alpha.count`.
    public func sample<G: RandomNumberGenerator>(into probabilities: inout [Double], using generator: inout G) {
        precondition(probabilities.count == gammas.count, "Dirichlet.sample needs \(gammas.count) slots, got \(probabilities.count)")
        var total = 0.0
        for index in gammas.indices {
            let g = gammas[index].sample(using: &generator)
            probabilities[index] = g
            total += g
        }
        if total > 0 {
            let scale = 1 / total
            for index in probabilities.indices {
                probabilities[index] *= scale
            }
        } else {
            let concentration = alpha.reduce(0, +)
            for index in probabilities.indices {
                probabilities[index] = alpha[index] / concentration
            }
        }
    }
}
