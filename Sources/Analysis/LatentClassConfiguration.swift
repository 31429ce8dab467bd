#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings for `fitLatentClass`: a k-component Dirichlet-multinomial mixture fitted by EM.
public struct LatentClassConfiguration: Sendable, Equatable {
    /// Number of components (segments), 1 ≤ k ≤ n.
    public var k: Int
    /// Independent seeded starts; the one with the highest final log-likelihood wins (≥ 1).
    public var nInit: Int
    /// EM iterations per start (≥ 1).
    public var maxIterations: Int
    /// EM stops when |ℓ_t − ℓ_{t−1}| ≤ tolerance × |ℓ_t| (relative change of the log-likelihood; ≥ 0).
    public var tolerance: Double
    /// Minka fixed-point iterations for α per M-step (≥ 1); each one cannot lower the expected
    /// complete-data log-likelihood, so EM stays monotone whatever the value.
    public var alphaIterations: Int
    /// Rows (a seeded uniform sample) on which k-means on shares picks the starts (≥ k).
    public var initSampleSize: Int
    /// Beyond this many rows the starts compete on a seeded sample of this many (≥ k), and only
    /// the best continues on all rows.
    public var startSampleSize: Int
    /// All streams derive from it with `SplitMix64(seed:_:)`.
    public var seed: UInt64
    /// Threads for the chunked passes (≥ 1); results do not depend on it.
    public var threads: Int

    public init(
        k: Int, nInit: Int = 3, maxIterations: Int = 200, tolerance: Double = 1e-8, alphaIterations: Int = 20,
        initSampleSize: Int = 20_000, startSampleSize: Int = 100_000, seed: UInt64 = 0, threads: Int = Parallelism.activeProcessorCount
    ) {
        self.k = k
        self.nInit = nInit
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.alphaIterations = alphaIterations
        self.initSampleSize = initSampleSize
        self.startSampleSize = startSampleSize
        self.seed = seed
        self.threads = threads
    }
}

/// Fit statistics of a mixture, lower-is-better information criteria included.
///
/// With ℓ the log-likelihood (natural log, multinomial coefficient included), n rows, k
/// components, J columns, G groups of mixing weights (1 without a covariate) and
/// p = G·(k − 1) + k·J free parameters (mixing weights and α):
/// BIC = −2ℓ + p ln n; ICL = BIC + 2·E where E = −Σ_i Σ_c r_ic ln r_ic is the entropy of the
/// responsibilities (Biernacki, Celeux & Govaert 2000, in BIC's sign convention: lower is
/// better); R²-entropy = 1 − E / (n ln k), 1 for k = 1 (1 = every user classified with certainty).
public struct MixtureFit: Sendable, Equatable {
    public let k: Int
    public let rows: Int
    public let logLikelihood: Double
    public let entropy: Double
    public let parameters: Int
    public let bic: Double
    public let icl: Double
    public let entropyR2: Double

    public init(k: Int, rows: Int, columns: Int, logLikelihood: Double, entropy: Double, groups: Int = 1) {
        self.k = k
        self.rows = rows
        self.logLikelihood = logLikelihood
        self.entropy = entropy
        let p = max(groups, 1) * (k - 1) + k * columns
        self.parameters = p
        let n = Double(max(rows, 1))
        self.bic = -2 * logLikelihood + Double(p) * log(n)
        self.icl = bic + 2 * entropy
        self.entropyR2 = k <= 1 || rows == 0 ? 1 : 1 - entropy / (Double(rows) * log(Double(k)))
    }
}

/// A fitted Dirichlet-multinomial mixture, components in canonical order: component 0 has the
/// most rows as most probable segment, then by that count descending, ties by mixing weight
/// (descending), then α compared lexicographically (ascending).
public struct LatentClassResult: Sendable, Equatable {
    /// k × J concentrations, row c = component c's α (all ≥ `LatentClass.minimumAlpha`).
    public let alpha: Matrix
    /// Mixing weights π_c = (1/n) Σ_i r_ic, summing to 1; with a covariate, the groups' weights
    /// averaged over the rows, Σ_g n_g π_{g,c} / n.
    public let weights: [Double]
    /// With a covariate: G × k, row g = group g's mixing weights π_{g,·} (each row sums to 1);
    /// nil without one.
    public let groupWeights: Matrix?
    /// Each row's most probable component (lowest index on exact ties).
    public let labels: [Int32]
    /// Its posterior probability r_i,label, in (0, 1].
    public let probabilities: [Double]
    /// The second most probable component, −1 when k = 1.
    public let runnerUp: [Int32]
    /// Its posterior probability (0 when k = 1).
    public let runnerUpProbabilities: [Double]
    public let fit: MixtureFit
    /// EM iterations (M-steps) of the winning start.
    public let iterations: Int
    /// Whether that run met the stopping rule (relative log-likelihood change ≤ tolerance);
    /// false: it stopped at `maxIterations` with the log-likelihood still moving.
    public let converged: Bool
    /// Log-likelihood after each E-step of the winning start: entry 0 at the initial parameters,
    /// entry t after t M-steps; non-decreasing up to rounding (EM's guarantee).
    public let logLikelihoodTrace: [Double]
    /// Rows per most probable component; sums to n.
    public let clusterSizes: [Int]
}

/// One k of `latentClassSweep`.
public struct LatentClassSweepPoint: Sendable, Equatable {
    public let fit: MixtureFit
    public let iterations: Int
    /// Whether the fit met the stopping rule before the iteration limit (see `LatentClassResult`).
    public let converged: Bool
}

/// `latentClassSweep`'s points (k ascending) and the k with the lowest BIC.
public struct LatentClassSweep: Sendable, Equatable {
    public let points: [LatentClassSweepPoint]
    /// Rows the sweep was fitted on (a seeded sample when the data has more than its sample size).
    public let rows: Int
    public let suggestedK: Int
}

/// Constants of the latent-class kernels.
public enum LatentClass {
    /// α never goes below this (a column a component never sees would drive α to 0, where
    /// lnΓ(α) diverges); a floor keeps every log-probability finite.
    public static let minimumAlpha = 1e-6
}

extension StreamKey {
    static let latentClassInitSample: UInt64 = 0x1A7E_0001
    static let latentClassStart: UInt64 = 0x1A7E_0002
    static let latentClassSweepSample: UInt64 = 0x1A7E_0003
    static let latentClassSweepRun: UInt64 = 0x1A7E_0004
    static let latentClassStartSample: UInt64 = 0x1A7E_0005
}
