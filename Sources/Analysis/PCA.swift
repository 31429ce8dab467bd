/// How `fitPCA` chooses the number of components and how many threads it uses.
public struct PCAConfiguration: Sendable {
    public enum Components: Sendable, Equatable {
        /// Exactly this many components (1 ≤ m ≤ d).
        case fixed(Int)
        /// The fewest components whose cumulative explained-variance ratio is ≥ `atLeast`
        /// (0 < atLeast ≤ 1), but never fewer than `minimum` (≥ 1) nor more than d.
        case explainedVariance(atLeast: Double, minimum: Int)
    }

    public var components: Components
    public var threads: Int

    /// Default: the fewest components reaching 90 % of the variance, at least 2.
    public init(
        components: Components = .explainedVariance(atLeast: 0.9, minimum: 2),
        threads: Int = Parallelism.activeProcessorCount
    ) {
        self.components = components
        self.threads = threads
    }
}

/// A fitted principal component analysis: scores = (x − mean) · componentsᵀ.
///
/// Matches scikit-learn's `PCA(svd_solver="covariance_eigh")` (and, up to rounding, its other
/// exact solvers): `explainedVariance` are eigenvalues of the covariance matrix with divisor
/// n − 1, in the squared units of the input; `explainedVarianceRatio[i]` = λᵢ / Σ_all λ.
public struct PCAResult: Sendable {
    /// Column means of the fitted data (length d).
    public let mean: [Double]
    /// m × d; row i is the i-th principal axis, a unit vector; rows are orthonormal. The sign of
    /// each row is fixed so that its entry of largest absolute value is positive (first such
    /// entry on ties), as scikit-learn's `svd_flip(u_based_decision=False)` does for PCA.
    public let components: Matrix
    /// The m kept eigenvalues, descending (variance of the scores along each axis).
    public let explainedVariance: [Double]
    /// The m kept eigenvalues divided by the sum of all d eigenvalues; sums to ≤ 1.
    public let explainedVarianceRatio: [Double]
    /// All d eigenvalues, descending, tiny negative rounding clipped to 0.
    public let allEigenvalues: [Double]

    public var componentCount: Int { components.rows }

    public init(mean: [Double], components: Matrix, explainedVariance: [Double], explainedVarianceRatio: [Double], allEigenvalues: [Double]) {
        self.mean = mean
        self.components = components
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
        self.allEigenvalues = allEigenvalues
    }

    /// Projects rows onto the components: n × m scores. Rows are independent, so the output is
    /// identical for any `threads`.
    /// - Precondition: `data.columns == mean.count`.
    public func transform(_ data: Matrix, threads: Int = Parallelism.activeProcessorCount) -> Matrix {
        let d = mean.count
        let m = components.rows
        precondition(data.columns == d, "data has \(data.columns) columns, the PCA was fitted on \(d)")
        let chunks = RowChunks(count: data.rows)
        var scores = [Double](repeating: 0, count: data.rows * m)
        data.values.withUnsafeBufferPointer { input in
            mean.withUnsafeBufferPointer { meanBuffer in
                components.values.withUnsafeBufferPointer { axes in
                    scores.withUnsafeMutableBufferPointer { output in
                        guard let x = input.baseAddress, let mu = meanBuffer.baseAddress,
                              let w = axes.baseAddress, let y = output.baseAddress else { return }
                        forEachChunk(chunks.chunkCount, threads: threads) { chunk in
                            let centred = UnsafeMutablePointer<Double>.allocate(capacity: d)
                            defer { centred.deallocate() }
                            for row in chunks.range(chunk) {
                                for j in 0..<d { centred[j] = x[row * d + j] - mu[j] }
                                for c in 0..<m {
                                    var dot = 0.0
                                    for j in 0..<d { dot += centred[j] * w[c * d + j] }
                                    y[row * m + c] = dot
                                }
                            }
                        }
                    }
                }
            }
        }
        return Matrix(rows: data.rows, columns: m, values: scores)
    }
}

/// Exact PCA from the eigen-decomposition of the d × d sample covariance matrix, or, with fewer
/// samples than features, of the n × n Gram matrix (`gramEigen`: the same components, Jacobi on
/// the smaller side).
///
/// Suited to tall, narrow data (n ≫ d, d ≲ 64): one chunked pass for the means and variances,
/// one for the covariance, then Jacobi on d × d. Deterministic for any thread count.
///
/// Throws when n < 2, d < 1, a component setting is out of range, an entry is non-finite, or
/// every column is constant (total variance 0: there is no direction to find).
public func fitPCA(_ data: Matrix, _ configuration: PCAConfiguration) throws -> PCAResult {
    let n = data.rows, d = data.columns
    try Validation.requireThreads(configuration.threads)
    guard n >= 2 else { throw AnalysisError.tooFewSamples(samples: n, minimum: 2, method: "PCA") }
    try Validation.requireFeatures(data)
    switch configuration.components {
    case .fixed(let m):
        guard m >= 1, m <= d else {
            throw AnalysisError.invalidParameter(name: "n_components", value: "\(m)", requirement: "in 1...\(d) (n_features=\(d))")
        }
    case let .explainedVariance(atLeast, minimum):
        guard atLeast > 0, atLeast <= 1 else {
            throw AnalysisError.invalidParameter(name: "explained_variance", value: "\(atLeast)", requirement: "in (0, 1]")
        }
        guard minimum >= 1 else {
            throw AnalysisError.invalidParameter(name: "minimum_components", value: "\(minimum)", requirement: ">= 1")
        }
    }
    try Validation.requireFinite(data, threads: configuration.threads)

    let stats = ColumnStatistics(data, threads: configuration.threads)
    guard (0..<d).contains(where: { !stats.isConstant($0) }) else {
        throw AnalysisError.zeroTotalVariance(samples: n, features: d)
    }
    // How many components to keep, from all d eigenvalues (descending, clipped at 0).
    func kept(_ eigenvalues: [Double]) -> Int {
        switch configuration.components {
        case .fixed(let fixed):
            return fixed
        case let .explainedVariance(atLeast, minimum):
            let total = eigenvalues.reduce(0, +)
            var cumulative = 0.0
            var reached = d
            for i in 0..<d {
                cumulative += eigenvalues[i] / total
                if cumulative >= atLeast { reached = i + 1; break }
            }
            return min(d, max(reached, minimum))
        }
    }
    var axes: [Double], eigenvalues: [Double], m: Int
    if n < d, let gram = gramEigen(data, means: stats.means, components: kept) {
        (axes, eigenvalues, m) = gram
    } else {
        let eigen = SymmetricEigen(covarianceMatrix(data, means: stats.means, threads: configuration.threads))
        eigenvalues = eigen.eigenvalues.map { max($0, 0) }
        guard eigenvalues.reduce(0, +) > 0 else { throw AnalysisError.zeroTotalVariance(samples: n, features: d) }
        m = kept(eigenvalues)
        axes = Array(eigen.eigenvectors.values[0..<(m * d)])
    }
    let total = eigenvalues.reduce(0, +)
    guard total > 0 else { throw AnalysisError.zeroTotalVariance(samples: n, features: d) }
    flipSigns(&axes, rows: m, columns: d)
    let kept = Array(eigenvalues[0..<m])
    return PCAResult(
        mean: stats.means,
        components: Matrix(rows: m, columns: d, values: axes),
        explainedVariance: kept,
        explainedVarianceRatio: kept.map { $0 / total },
        allEigenvalues: eigenvalues
    )
}

/// Makes the entry of largest absolute value in each row positive (the first such entry when
/// several tie), negating the whole row if needed: scikit-learn's `svd_flip` with
/// `u_based_decision=False`, which its PCA uses since version 1.5.
func flipSigns(_ values: inout [Double], rows: Int, columns: Int) {
    for r in 0..<rows {
        var best = 0
        for j in 1..<max(columns, 1) where abs(values[r * columns + j]) > abs(values[r * columns + best]) {
            best = j
        }
        if values[r * columns + best] < 0 {
            for j in 0..<columns { values[r * columns + j] = -values[r * columns + j] }
        }
    }
}
