#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness

/// A finite mixture of Dirichlet-multinomial distributions over count rows, fitted by EM:
///
///     p(x_i) = Σ_c π_c DM(x_i | α_c)
///
/// (see `DirichletMultinomial` for DM). E-step: responsibilities in log space. M-step: π_c =
/// (1/n) Σ_i r_ic and each α_c by `alphaIterations` steps of Minka's fixed point on the
/// responsibility-weighted count histograms. Stops when the log-likelihood's relative change is
/// ≤ `tolerance` or after `maxIterations` M-steps (then `converged` is false).
///
/// Start s (0-based) runs k-means (k-means++, best of 4 runs) on the shares x_ij / n_i of a seeded
/// sample of `initSampleSize` rows, seeded from `SplitMix64(seed:, latentClassStart, s)`, and sets
/// α_c = (J/2)·(0.99·centroid_c + 0.01/J), π_c ∝ (cluster size + 1). The start with the highest
/// final log-likelihood wins (the earlier on ties). When n > `startSampleSize`, the starts run on a
/// seeded sample of that many rows and only the winner's parameters start EM on all rows (the
/// trace and iterations are then those of the run on all rows). Components are then put in canonical order
/// (see `LatentClassResult`). Every pass runs in fixed chunks reduced in order, so the result is
/// a pure function of the data and the configuration minus `threads`.
///
/// `covariate`: the rows' groups when the mixing weights depend on a concomitant variable (see
/// `MixingGroups`: one π per group, a pseudo-count in their M-step; every start begins with the
/// same π in every group); nil: one π for all rows.
///
/// Throws when k < 1, n < k, nInit < 1, maxIterations < 1, alphaIterations < 1, tolerance < 0 or
/// non-finite, initSampleSize < k, threads < 1, the covariate has a label per row ≠ n, or the
/// counts are so large that the log tables would pass `maximumLatentClassTableEntries` entries.
public func fitLatentClass(
    _ counts: CountMatrix, _ configuration: LatentClassConfiguration, covariate: MixingGroups? = nil
) throws -> LatentClassResult {
    try validate(counts, configuration, covariate: covariate)
    let groups = CountGroups(counts)
    let coefficients = DirichletMultinomial.coefficients(counts)
    return fitValidated(counts, configuration, covariate: covariate, groups: groups, coefficients: coefficients)
}

/// `fitLatentClass` for every k in `ks` on a seeded sample of `sampleSize` rows (all rows when
/// n ≤ sampleSize), and the k of lowest BIC (the smaller k on ties). k's fit uses seed
/// `SplitMix64(seed:, latentClassSweepRun, k).next()`, so adding a k leaves the others unchanged.
///
/// Throws when `ks.lowerBound < 1`, `ks.upperBound` exceeds the fitted rows, `sampleSize < 1`,
/// or a setting of `configuration` is invalid (its `k` is ignored).
public func latentClassSweep(
    _ counts: CountMatrix, ks: ClosedRange<Int>, sampleSize: Int, _ configuration: LatentClassConfiguration,
    covariate: MixingGroups? = nil
) throws -> LatentClassSweep {
    guard ks.lowerBound >= 1 else {
        throw AnalysisError.invalidParameter(name: "ks", value: "\(ks)", requirement: "a range of k >= 1")
    }
    guard sampleSize >= 1 else {
        throw AnalysisError.invalidParameter(name: "sample_size", value: "\(sampleSize)", requirement: ">= 1")
    }
    if let covariate, covariate.labels.count != counts.rows {
        throw AnalysisError.lengthMismatch(name: "covariate", count: covariate.labels.count, expected: counts.rows)
    }
    var sampled = counts
    var sampledCovariate = covariate
    if counts.rows > sampleSize {
        var generator = SplitMix64(seed: configuration.seed, StreamKey.latentClassSweepSample)
        let indices = sampleIndices(population: counts.rows, count: sampleSize, generator: &generator)
        sampled = counts.gatherRows(indices)
        sampledCovariate = covariate?.gathered(indices)
    }
    var probe = configuration
    probe.k = ks.upperBound
    probe.initSampleSize = max(probe.initSampleSize, ks.upperBound)
    probe.startSampleSize = max(probe.startSampleSize, ks.upperBound)
    try validate(sampled, probe, covariate: sampledCovariate)
    let groups = CountGroups(sampled)
    let coefficients = DirichletMultinomial.coefficients(sampled)
    var points: [LatentClassSweepPoint] = []
    for k in ks {
        var settings = probe
        settings.k = k
        var generator = SplitMix64(seed: configuration.seed, StreamKey.latentClassSweepRun, UInt64(k))
        settings.seed = generator.next()
        let result = fitValidated(sampled, settings, covariate: sampledCovariate, groups: groups, coefficients: coefficients)
        points.append(LatentClassSweepPoint(fit: result.fit, iterations: result.iterations, converged: result.converged))
    }
    var best = points[0]
    for point in points.dropFirst() where point.fit.bic < best.fit.bic { best = point }
    return LatentClassSweep(points: points, rows: sampled.rows, suggestedK: best.fit.k)
}

private func fitValidated(
    _ counts: CountMatrix, _ c: LatentClassConfiguration, covariate: MixingGroups?, groups: CountGroups, coefficients: [Double]
) -> LatentClassResult {
    let n = counts.rows, J = counts.columns, k = c.k
    var sampleGenerator = SplitMix64(seed: c.seed, StreamKey.latentClassInitSample)
    let sample = sampleIndices(population: n, count: min(n, c.initSampleSize), generator: &sampleGenerator)
    let shares = counts.gatherRows(sample).shares()
    let starts = (0..<c.nInit).map { start in
        var generator = SplitMix64(seed: c.seed, StreamKey.latentClassStart, UInt64(start))
        return initialParameters(shares: shares, k: k, seed: generator.next(), threads: c.threads)
    }
    let winner: EMRun
    if n > c.startSampleSize {
        // The starts compete on a seeded sample; the winner's parameters start EM on all rows.
        var generator = SplitMix64(seed: c.seed, StreamKey.latentClassStartSample)
        let indices = sampleIndices(population: n, count: c.startSampleSize, generator: &generator)
        let subset = counts.gatherRows(indices)
        let subsetGroups = CountGroups(subset)
        let subsetCoefficients = DirichletMultinomial.coefficients(subset)
        let best = bestRun(subset, starts: starts, c, covariate: covariate?.gathered(indices), groups: subsetGroups,
                           coefficients: subsetCoefficients)
        winner = runEM(counts, alpha: best.alpha, weights: best.weights, c, covariate: covariate, groups: groups,
                       coefficients: coefficients)
    } else {
        winner = bestRun(counts, starts: starts, c, covariate: covariate, groups: groups, coefficients: coefficients)
    }
    let groupCount = covariate?.count ?? 1
    return canonicalLatentClass(
        alpha: winner.alpha, weights: winner.weights, groupRows: covariate?.sizes, summary: winner.summary, columns: J,
        fit: MixtureFit(k: k, rows: n, columns: J, logLikelihood: winner.sums.logLikelihood, entropy: winner.sums.entropy,
                        groups: groupCount),
        iterations: winner.iterations, converged: winner.converged, trace: winner.trace
    )
}

/// One EM run's end: parameters, the posteriors at them, and the log-likelihood trace.
private struct EMRun {
    var alpha: [Double]
    /// G × k mixing weights (G = 1 without a covariate), row-major.
    var weights: [Double]
    var summary: PosteriorSummary
    var sums: ExpectationSums
    var iterations: Int
    /// The stopping rule was met (false: stopped at `maxIterations`).
    var converged: Bool
    var trace: [Double]
}

/// EM from every start; the highest final log-likelihood wins (the earlier on ties).
private func bestRun(
    _ counts: CountMatrix, starts: [(alpha: [Double], weights: [Double])], _ c: LatentClassConfiguration,
    covariate: MixingGroups?, groups: CountGroups, coefficients: [Double]
) -> EMRun {
    var best: EMRun?
    for start in starts {
        // With a covariate every group starts from the start's π.
        let weights = Array([[Double]](repeating: start.weights, count: covariate?.count ?? 1).joined())
        let run = runEM(counts, alpha: start.alpha, weights: weights, c, covariate: covariate, groups: groups,
                        coefficients: coefficients)
        if let current = best, !(run.sums.logLikelihood > current.sums.logLikelihood) { continue }
        best = run
    }
    guard let winner = best else { preconditionFailure("nInit >= 1 was validated, so at least one start exists") }
    return winner
}

/// EM from (α, π) until the relative change of the log-likelihood is ≤ tolerance or
/// `maxIterations` M-steps have run. `startWeights`: G × k (G = 1 without a covariate).
private func runEM(
    _ counts: CountMatrix, alpha start: [Double], weights startWeights: [Double], _ c: LatentClassConfiguration,
    covariate: MixingGroups?, groups: CountGroups, coefficients: [Double]
) -> EMRun {
    let n = counts.rows, k = c.k
    let rowsPerGroup = covariate?.sizes ?? [n]
    let rowGroups = covariate?.labels
    var tables = DirichletMultinomialTables(columnMaxima: counts.columnMaxima, maximumTotal: counts.maximumTotal, components: k)
    var responsibilities = [Double](repeating: 0, count: n * k)
    var tails = [Double](repeating: 0, count: k * groups.columnValues.count)
    var totalTails = [Double](repeating: 0, count: k * groups.totalValues.count)
    var alpha = start, weights = startWeights
    tables.fill(alpha: alpha)
    var sums = expectationStep(
        counts, tables: tables, logWeights: weights.map { log($0) }, groups: rowGroups, coefficients: coefficients,
        responsibilities: &responsibilities, threads: c.threads
    )
    var trace = [sums.logLikelihood]
    var iterations = 0
    var converged = false
    while iterations < c.maxIterations {
        iterations += 1
        if covariate == nil {
            weights = sums.sizes.map { $0 / Double(n) }
        } else {
            let epsilon = MixingGroups.pseudoCount
            for (g, rows) in rowsPerGroup.enumerated() {
                for s in 0..<k {
                    weights[g * k + s] = (sums.groupSizes[g * k + s] + epsilon) / (Double(rows) + Double(k) * epsilon)
                }
            }
        }
        tailSums(groups: groups, k: k, responsibilities: responsibilities, tails: &tails, totalTails: &totalTails, threads: c.threads)
        updateAlpha(alpha: &alpha, groups: groups, k: k, tails: tails, totalTails: totalTails, iterations: c.alphaIterations)
        tables.fill(alpha: alpha)
        let previous = sums.logLikelihood
        sums = expectationStep(
            counts, tables: tables, logWeights: weights.map { log($0) }, groups: rowGroups, coefficients: coefficients,
            responsibilities: &responsibilities, threads: c.threads
        )
        trace.append(sums.logLikelihood)
        if abs(sums.logLikelihood - previous) <= c.tolerance * abs(sums.logLikelihood) {
            converged = true
            break
        }
    }
    return EMRun(alpha: alpha, weights: weights, summary: summarizePosteriors(responsibilities, k: k, rows: n, threads: c.threads),
                 sums: sums, iterations: iterations, converged: converged, trace: trace)
}

/// Starting α and π from k-means (best of 4 k-means++ runs) on the sampled shares.
private func initialParameters(shares: Matrix, k: Int, seed: UInt64, threads: Int) -> (alpha: [Double], weights: [Double]) {
    let J = shares.columns
    let precision = Double(J) / 2
    var alpha = [Double](repeating: 0, count: k * J)
    var weights = [Double](repeating: 1 / Double(k), count: k)
    let settings = KMeansConfiguration(k: k, nInit: 4, maxIterations: 100, tolerance: 1e-4, seed: seed, threads: threads)
    if let clustering = try? fitKMeans(shares, settings) {
        let m = Double(shares.rows)
        for c in 0..<k {
            weights[c] = (Double(clustering.clusterSizes[c]) + 1) / (m + Double(k))
            for j in 0..<J {
                alpha[c * J + j] = max(precision * (0.99 * clustering.centroids[c, j] + 0.01 / Double(J)), LatentClass.minimumAlpha)
            }
        }
    } else {
        // Unreachable for validated input (n ≥ k rows of finite shares); a flat start is still valid.
        for index in alpha.indices { alpha[index] = 0.5 }
    }
    return (alpha, weights)
}

/// Per row: the most probable component, the runner-up and their probabilities.
struct PosteriorSummary: Sendable {
    var labels: [Int32]
    var probabilities: [Double]
    var runnerUp: [Int32]
    var runnerUpProbabilities: [Double]
}

func summarizePosteriors(_ r: [Double], k: Int, rows n: Int, threads: Int) -> PosteriorSummary {
    var summary = PosteriorSummary(
        labels: [Int32](repeating: 0, count: n), probabilities: [Double](repeating: 0, count: n),
        runnerUp: [Int32](repeating: -1, count: n), runnerUpProbabilities: [Double](repeating: 0, count: n)
    )
    for i in 0..<n {
        var first = 0, second = -1
        for c in 1..<max(k, 1) {
            let value = r[i * k + c]
            if value > r[i * k + first] {
                second = first
                first = c
            } else if second < 0 || value > r[i * k + second] {
                second = c
            }
        }
        summary.labels[i] = Int32(first)
        summary.probabilities[i] = r[i * k + first]
        if second >= 0 {
            summary.runnerUp[i] = Int32(second)
            summary.runnerUpProbabilities[i] = r[i * k + second]
        }
    }
    return summary
}

/// Puts the components in canonical order. `weights`: G × k; `groupRows`: rows per group with a
/// covariate (nil: G = 1), which turn the groups' weights into the marginal π_c = Σ_g n_g π_{g,c} / n.
private func canonicalLatentClass(
    alpha: [Double], weights groupWeights: [Double], groupRows: [Int]?, summary: PosteriorSummary, columns J: Int,
    fit: MixtureFit, iterations: Int, converged: Bool, trace: [Double]
) -> LatentClassResult {
    let k = fit.k
    var weights = Array(groupWeights.prefix(k))
    if let groupRows {
        let total = Double(max(groupRows.reduce(0, +), 1))
        weights = (0..<k).map { s in
            var sum = 0.0
            for (g, rows) in groupRows.enumerated() { sum += Double(rows) * groupWeights[g * k + s] }
            return sum / total
        }
    }
    var sizes = [Int](repeating: 0, count: k)
    for label in summary.labels { sizes[Int(label)] += 1 }
    let order = (0..<k).sorted { a, b in
        if sizes[a] != sizes[b] { return sizes[a] > sizes[b] }
        if weights[a] != weights[b] { return weights[a] > weights[b] }
        for j in 0..<J where alpha[a * J + j] != alpha[b * J + j] { return alpha[a * J + j] < alpha[b * J + j] }
        return a < b
    }
    var newLabel = [Int32](repeating: 0, count: k)
    var orderedAlpha = [Double](repeating: 0, count: k * J)
    var orderedWeights = [Double](repeating: 0, count: k)
    var orderedSizes = [Int](repeating: 0, count: k)
    for (new, old) in order.enumerated() {
        newLabel[old] = Int32(new)
        orderedWeights[new] = weights[old]
        orderedSizes[new] = sizes[old]
        for j in 0..<J { orderedAlpha[new * J + j] = alpha[old * J + j] }
    }
    let relabel: (Int32) -> Int32 = { $0 < 0 ? $0 : newLabel[Int($0)] }
    var orderedGroupWeights: Matrix?
    if let groupRows {
        let G = groupRows.count
        var values = [Double](repeating: 0, count: G * k)
        for g in 0..<G {
            for (new, old) in order.enumerated() { values[g * k + new] = groupWeights[g * k + old] }
        }
        orderedGroupWeights = Matrix(rows: G, columns: k, values: values)
    }
    return LatentClassResult(
        alpha: Matrix(rows: k, columns: J, values: orderedAlpha), weights: orderedWeights, groupWeights: orderedGroupWeights,
        labels: summary.labels.map(relabel), probabilities: summary.probabilities,
        runnerUp: summary.runnerUp.map(relabel), runnerUpProbabilities: summary.runnerUpProbabilities,
        fit: fit, iterations: iterations, converged: converged, logLikelihoodTrace: trace, clusterSizes: orderedSizes
    )
}

private func validate(_ counts: CountMatrix, _ c: LatentClassConfiguration, covariate: MixingGroups?) throws {
    try Validation.requireThreads(c.threads)
    if let covariate, covariate.labels.count != counts.rows {
        throw AnalysisError.lengthMismatch(name: "covariate", count: covariate.labels.count, expected: counts.rows)
    }
    guard c.k >= 1 else {
        throw AnalysisError.invalidParameter(name: "n_components", value: "\(c.k)", requirement: ">= 1")
    }
    guard c.nInit >= 1 else {
        throw AnalysisError.invalidParameter(name: "n_init", value: "\(c.nInit)", requirement: ">= 1")
    }
    guard c.maxIterations >= 1 else {
        throw AnalysisError.invalidParameter(name: "max_iter", value: "\(c.maxIterations)", requirement: ">= 1")
    }
    guard c.alphaIterations >= 1 else {
        throw AnalysisError.invalidParameter(name: "alpha_iter", value: "\(c.alphaIterations)", requirement: ">= 1")
    }
    guard c.tolerance.isFinite, c.tolerance >= 0 else {
        throw AnalysisError.invalidParameter(name: "tol", value: "\(c.tolerance)", requirement: "finite and >= 0")
    }
    guard c.startSampleSize >= c.k else {
        throw AnalysisError.invalidParameter(name: "start_sample_size", value: "\(c.startSampleSize)", requirement: ">= n_components=\(c.k)")
    }
    guard c.initSampleSize >= c.k else {
        throw AnalysisError.invalidParameter(name: "init_sample_size", value: "\(c.initSampleSize)", requirement: ">= n_components=\(c.k)")
    }
    guard counts.rows >= c.k else {
        throw AnalysisError.moreClustersThanSamples(samples: counts.rows, clusters: c.k)
    }
    // The log tables hold, per component, one entry per count value 0...max_j of every column and
    // one per total 0...max n (`DirichletMultinomialTables`), so their size follows the largest
    // counts, not the rows: an imported user with 2^31 - 1 likes would need 16 GiB per component.
    let entries = counts.columnMaxima.reduce(counts.maximumTotal + 1) { $0 + $1 + 1 }
    guard entries <= maximumLatentClassTableEntries / c.k else {
        throw AnalysisError.invalidParameter(
            name: "counts", value: "largest user total \(counts.maximumTotal), largest count \(counts.columnMaxima.max() ?? 0)",
            requirement: "small enough for n_components=\(c.k) log tables of Σ_j (max_j + 1) + max n + 1 = \(entries) entries each "
                + "(at most \(maximumLatentClassTableEntries) in all); use k-means for counts this large")
    }
}

/// The most entries (8 bytes each: 256 MiB) the latent-class log tables may hold over all components.
let maximumLatentClassTableEntries = 1 << 25
