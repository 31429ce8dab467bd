import Testing
@testable import Analysis
import Population
import Randomness

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rows drawn from a Dirichlet-multinomial (Pólya) distribution with concentrations `alpha`:
/// p ~ Dirichlet(α), then x ~ Multinomial(n, p), n uniform in `trials`. Row-major, `alpha.count` wide.
private func polyaRows(alpha: [Double], rows: Int, trials: ClosedRange<Int>, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    let dirichlet = Dirichlet(alpha: alpha)
    var multinomial = Multinomial()
    var p = [Double](repeating: 0, count: alpha.count)
    var counts: [Double] = []
    counts.reserveCapacity(rows * alpha.count)
    for _ in 0..<rows {
        dirichlet.sample(into: &p, using: &generator)
        let n = trials.lowerBound + generator.uniformIndex(below: trials.count)
        multinomial.draw(trials: n, probabilities: p, using: &generator)
        counts += multinomial.counts.map(Double.init)
    }
    return counts
}

/// Rows of a plain multinomial (every row the same p: no over-dispersion, so the Dirichlet
/// precision's MLE is infinite).
private func multinomialRows(p: [Double], rows: Int, trials: Int, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    var multinomial = Multinomial()
    var counts: [Double] = []
    for _ in 0..<rows {
        multinomial.draw(trials: trials, probabilities: p, using: &generator)
        counts += multinomial.counts.map(Double.init)
    }
    return counts
}

/// The invariants `DirichletFit` documents for any result.
private func expectFitInvariants(_ alpha: [Double], width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(alpha.count == width, sourceLocation: sourceLocation)
    for (j, a) in alpha.enumerated() {
        #expect(a.isFinite && a >= DirichletFit.minimumAlpha && a <= DirichletFit.maximumPrecision, "α[\(j)] = \(a)",
                sourceLocation: sourceLocation)
    }
    // To rounding: at the cap, the floored entries' excess is taken off the largest α_j.
    let precision = alpha.reduce(0, +)
    #expect(precision <= DirichletFit.maximumPrecision * (1 + 1e-12), "A = \(precision)", sourceLocation: sourceLocation)
}

@Suite struct DirichletFitTests {
    static let alpha = [0.6, 1.2, 2.0, 0.4, 3.0, 0.8]

    /// 4,000 rows (all used, no striding) of 20–80 interactions: every α_j within 10%.
    @Test func recoversAlphaFromDirichletMultinomialRows() {
        let width = Self.alpha.count
        for seed: UInt64 in [1, 2, 3] {
            let counts = polyaRows(alpha: Self.alpha, rows: DirichletFit.maximumRows, trials: 20...80, seed: seed)
            let fitted = DirichletFit.alpha(counts: counts, width: width, rows: Array(0..<DirichletFit.maximumRows))
            expectFitInvariants(fitted, width: width)
            for j in 0..<width {
                let relative = abs(fitted[j] - Self.alpha[j]) / Self.alpha[j]
                #expect(relative < 0.10, "seed \(seed): α[\(j)] = \(fitted[j]), planted \(Self.alpha[j])")
            }
        }
    }

    /// Beyond `maximumRows` the fit uses every ⌈rows / 4,000⌉-th row of the list: exactly the
    /// fit on that subset, and still within 10% of the planted α.
    @Test func manyRowsUseAnEvenlyStridedSubset() {
        let width = Self.alpha.count, rows = 3 * DirichletFit.maximumRows
        let counts = polyaRows(alpha: Self.alpha, rows: rows, trials: 20...80, seed: 9)
        let all = DirichletFit.alpha(counts: counts, width: width, rows: Array(0..<rows))
        let strided = DirichletFit.alpha(counts: counts, width: width, rows: Array(stride(from: 0, to: rows, by: 3)))
        #expect(all == strided)
        for j in 0..<width { #expect(abs(all[j] - Self.alpha[j]) / Self.alpha[j] < 0.10, "α[\(j)] = \(all[j])") }
        // 4,001 rows: stride 2, so 2,001 rows are used (not the first 4,000).
        let justOver = Array(0...DirichletFit.maximumRows)
        #expect(DirichletFit.alpha(counts: counts, width: width, rows: justOver)
                == DirichletFit.alpha(counts: counts, width: width, rows: Array(stride(from: 0, through: DirichletFit.maximumRows, by: 2))))
    }

    /// Only the listed rows count, and rows with no counts are skipped: the same α with or
    /// without them.
    @Test func rowsWithoutCountsAndUnlistedRowsDoNotCount() {
        let width = 3
        var counts = polyaRows(alpha: [1, 2, 3], rows: 500, trials: 5...30, seed: 4)
        let base = DirichletFit.alpha(counts: counts, width: width, rows: Array(0..<500))
        counts += [Double](repeating: 0, count: 200 * width)  // rows 500..<700: empty
        counts += [Double](repeating: 1_000, count: 10 * width)  // rows 700..<710: not listed
        #expect(DirichletFit.alpha(counts: counts, width: width, rows: Array(0..<700)) == base)
    }

    @Test func noCountsGiveTheUniformAlphaOfOne() {
        #expect(DirichletFit.alpha(counts: [], width: 4, rows: []) == [1, 1, 1, 1])
        let zeros = [Double](repeating: 0, count: 5 * 3)
        #expect(DirichletFit.alpha(counts: zeros, width: 3, rows: Array(0..<5)) == [1, 1, 1])
        #expect(DirichletFit.alpha(counts: [2, 5, 0, 1], width: 2, rows: []) == [1, 1])
    }

    /// A column no row uses is floored at `minimumAlpha`; the others stay near their values.
    @Test func anUnusedColumnIsFlooredAtTheMinimum() {
        let counts = polyaRows(alpha: [1.5, 0.000_001, 2.5], rows: 2_000, trials: 10...40, seed: 6)
        // The middle column's draws are almost surely all zero; make it certain.
        var zeroed = counts
        for row in 0..<2_000 { zeroed[row * 3 + 1] = 0 }
        let fitted = DirichletFit.alpha(counts: zeroed, width: 3, rows: Array(0..<2_000))
        expectFitInvariants(fitted, width: 3)
        #expect(fitted[1] == DirichletFit.minimumAlpha)
        #expect(abs(fitted[0] - 1.5) / 1.5 < 0.15 && abs(fitted[2] - 2.5) / 2.5 < 0.15, "\(fitted)")
    }

    /// Rows with no over-dispersion send the precision towards infinity: the result stays finite,
    /// every α in [minimumAlpha, maximumPrecision], A ≤ maximumPrecision, and the shares are kept.
    /// (Seeds 4 and 5 draw rows that spread a little less than a multinomial: the fit used to
    /// start them at A = J and stop after 200 sweeps at A ≈ 79, a log-likelihood about 1,600
    /// below that of A = 10⁵.)
    @Test func dataWithoutOverdispersionStayUnderTheCap() {
        let p = [0.5, 0.3, 0.2, 0]
        for seed: UInt64 in [1, 2, 3, 4, 5] {
            let counts = multinomialRows(p: p, rows: 3_000, trials: 200, seed: seed)
            let fitted = DirichletFit.alpha(counts: counts, width: 4, rows: Array(0..<3_000))
            expectFitInvariants(fitted, width: 4)
            let precision = fitted.reduce(0, +)
            #expect(precision > 1_000, "seed \(seed): A = \(precision) for multinomial rows")
            for j in 0..<3 { #expect(abs(fitted[j] / precision - p[j]) < 0.01, "seed \(seed): share \(j) \(fitted[j] / precision)") }
        }
        // Identical rows: no spread at all, A at the cap (with a floored column).
        let identical = [Double]((0..<500).flatMap { _ in [4.0, 4, 2, 0] })
        let fitted = DirichletFit.alpha(counts: identical, width: 4, rows: Array(0..<500))
        expectFitInvariants(fitted, width: 4)
        #expect(fitted[3] == DirichletFit.minimumAlpha)
        #expect(fitted.reduce(0, +) > 0.999 * DirichletFit.maximumPrecision, "\(fitted)")
    }

    /// Real (decayed, weighted) counts are accepted; halving every count of over-dispersed rows
    /// keeps the fit finite and the mean shares.
    @Test func realValuedCountsAreFitted() {
        let counts = polyaRows(alpha: Self.alpha, rows: 2_000, trials: 20...80, seed: 12).map { $0 * 0.37 }
        let fitted = DirichletFit.alpha(counts: counts, width: Self.alpha.count, rows: Array(0..<2_000))
        expectFitInvariants(fitted, width: Self.alpha.count)
        let precision = fitted.reduce(0, +), planted = Self.alpha.reduce(0, +)
        for j in 0..<Self.alpha.count {
            #expect(abs(fitted[j] / precision - Self.alpha[j] / planted) < 0.02, "share \(j)")
        }
    }
}

/// The posterior predictive straight from the formula of `DirichletMixturePredictor`'s doc
/// comment, with `lgamma` and a plain normalisation (no shared code with the predictor):
/// r_c ∝ w_gc · DM(x | α_c), p_j = Σ_c r_c (x_j + α_cj) / (n + A_c). The multinomial coefficient,
/// generalised to real counts, is included to show it cancels.
private func referencePrediction(alpha: [[Double]], weights: [Double], x: [Double]) -> (p: [Double], r: [Double]) {
    let n = x.reduce(0, +)
    let coefficient = lgamma(n + 1) - x.reduce(0) { $0 + lgamma($1 + 1) }
    var logR = [Double](repeating: -.infinity, count: alpha.count)
    let totalWeight = weights.reduce(0, +)
    for (c, a) in alpha.enumerated() where weights[c] > 0 {
        let A = a.reduce(0, +)
        var value = log(weights[c] / totalWeight) + coefficient + lgamma(A) - lgamma(n + A)
        for j in 0..<x.count { value += lgamma(x[j] + a[j]) - lgamma(a[j]) }
        logR[c] = value
    }
    let top = logR.max() ?? 0
    var r = logR.map { $0 == -.infinity ? 0 : exp($0 - top) }
    let sum = r.reduce(0, +)
    r = r.map { $0 / sum }
    var p = [Double](repeating: 0, count: x.count)
    for (c, a) in alpha.enumerated() {
        let A = a.reduce(0, +)
        for j in 0..<x.count { p[j] += r[c] * (x[j] + a[j]) / (n + A) }
    }
    return (p, r)
}

@Suite struct DirichletMixturePredictorTests {
    static let alpha: [[Double]] = [[0.5, 2.0, 1.0, 0.25], [3.0, 0.2, 0.2, 1.5], [1.0, 1.0, 6.0, 0.1]]
    /// Group 0: every component; group 1: component 1 has weight 0, rows are not normalised.
    static let weights: [[Double]] = [[0.2, 0.5, 0.3], [1.0, 0.0, 3.0]]

    static func predictor() throws -> DirichletMixturePredictor {
        try DirichletMixturePredictor(alpha: Matrix(alpha), groupWeights: Matrix(weights))
    }

    @Test func agreesWithTheFormulaOnRealCountsAndSeveralGroups() throws {
        let predictor = try Self.predictor()
        #expect(predictor.components == 3 && predictor.width == 4 && predictor.groups == 2)
        let users: [[Double]] = [
            [0.5, 2.25, 0, 7.1], [13.7, 0.01, 4, 0.001], [200.5, 0, 30, 10], [0, 0, 0.3, 0], [1, 1, 1, 1], [0, 55.5, 0, 0],
        ]
        let flat = users.flatMap { $0 }
        var p = [Double](repeating: .nan, count: 4), r = [Double](repeating: .nan, count: 3)
        for group in 0..<2 {
            for (i, x) in users.enumerated() {
                predictor.predict(flat, offset: i * 4, group: group, membership: &r, into: &p)
                let expected = referencePrediction(alpha: Self.alpha, weights: Self.weights[group], x: x)
                for j in 0..<4 {
                    #expect(abs(p[j] - expected.p[j]) <= 1e-11, "group \(group), user \(i), p[\(j)] \(p[j]) vs \(expected.p[j])")
                }
                for c in 0..<3 {
                    #expect(abs(r[c] - expected.r[c]) <= 1e-11, "group \(group), user \(i), r[\(c)] \(r[c]) vs \(expected.r[c])")
                }
                #expect(abs(p.reduce(0, +) - 1) <= 1e-12 && abs(r.reduce(0, +) - 1) <= 1e-12)
                if group == 1 { #expect(r[1] == 0, "a component of weight 0 takes no share") }
            }
        }
    }

    /// A user with no counts gets the group's prior mean Σ_c w_gc α_cj / A_c.
    @Test func noCountsGiveTheGroupsPriorMean() throws {
        let predictor = try Self.predictor()
        var p = [Double](repeating: 0, count: 4), r = [Double](repeating: 0, count: 3)
        for group in 0..<2 {
            predictor.predict([0, 0, 0, 0], group: group, membership: &r, into: &p)
            let w = Self.weights[group], total = w.reduce(0, +)
            for j in 0..<4 {
                let mean = (0..<3).reduce(0.0) { sum, c in sum + w[c] / total * Self.alpha[c][j] / Self.alpha[c].reduce(0, +) }
                #expect(abs(p[j] - mean) <= 1e-14, "group \(group), j \(j)")
            }
            for c in 0..<3 { #expect(abs(r[c] - w[c] / total) <= 1e-14, "no counts: the membership is the weights") }
        }
    }

    /// One component: p = (x + α) / (n + A), whatever the weights.
    @Test func oneComponentIsThePlainPosteriorMean() throws {
        let predictor = try DirichletMixturePredictor(alpha: Matrix(rows: 1, columns: 3, values: [1, 2, 3]),
                                                      groupWeights: Matrix(rows: 2, columns: 1, values: [0.25, 7]))
        var p = [Double](repeating: 0, count: 3), r = [0.0]
        predictor.predict([4, 0, 0.5], group: 1, membership: &r, into: &p)
        #expect(r == [1])
        let expected = [5.0 / 10.5, 2 / 10.5, 3.5 / 10.5]
        for j in 0..<3 { #expect(abs(p[j] - expected[j]) <= 1e-15) }
    }

    /// A heavy user's p tends to their own shares.
    @Test func aHeavyUserLeansOnTheirOwnShares() throws {
        let predictor = try Self.predictor()
        var p = [Double](repeating: 0, count: 4), r = [Double](repeating: 0, count: 3)
        let shares = [0.1, 0.2, 0.3, 0.4]
        predictor.predict(shares.map { $0 * 1e6 }, group: 0, membership: &r, into: &p)
        for j in 0..<4 { #expect(abs(p[j] - shares[j]) < 1e-4) }
    }

    @Test func badParametersAreRefused() {
        func refused(_ alpha: Matrix, _ weights: Matrix, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(throws: AnalysisError.self, sourceLocation: sourceLocation) {
                _ = try DirichletMixturePredictor(alpha: alpha, groupWeights: weights)
            }
        }
        let weights = Matrix(rows: 1, columns: 2, values: [0.5, 0.5])
        for bad in [0.0, -1.0, .nan, .infinity, -.infinity] {
            refused(Matrix(rows: 2, columns: 2, values: [1, bad, 1, 1]), weights)
        }
        #expect(throws: AnalysisError.invalidParameter(name: "alpha[1, 0]", value: "0.0", requirement: "finite and > 0")) {
            _ = try DirichletMixturePredictor(alpha: Matrix(rows: 2, columns: 2, values: [1, 1, 0, 1]), groupWeights: weights)
        }
        let alpha = Matrix(rows: 2, columns: 2, values: [1, 1, 1, 1])
        for bad in [-0.5, .nan, .infinity] {
            refused(alpha, Matrix(rows: 2, columns: 2, values: [0.5, 0.5, bad, 1]))
        }
        // A group whose weights are all 0.
        refused(alpha, Matrix(rows: 2, columns: 2, values: [0.5, 0.5, 0, 0]))
        // Widths that do not agree: 3 weight columns for 2 components, no groups, no alpha.
        #expect(throws: AnalysisError.lengthMismatch(name: "group weight columns", count: 3, expected: 2)) {
            _ = try DirichletMixturePredictor(alpha: alpha, groupWeights: Matrix(rows: 1, columns: 3, values: [1, 1, 1]))
        }
        refused(alpha, Matrix(rows: 1, columns: 1, values: [1]))
        refused(alpha, Matrix(rows: 0, columns: 2, values: []))
        refused(Matrix(rows: 0, columns: 2, values: []), Matrix(rows: 1, columns: 0, values: []))
        refused(Matrix(rows: 2, columns: 0, values: []), weights)
    }
}

@Suite struct TopRankingTests {
    /// The order the type documents, by sorting every eligible column.
    static func reference(_ scores: [Double], _ tie: [Double], _ eligible: [Bool]?, _ count: Int) -> [Int32] {
        let columns = scores.indices.filter { eligible?[$0] ?? true }.sorted { a, b in
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            if tie[a] != tie[b] { return tie[a] > tie[b] }
            return a < b
        }
        return columns.prefix(max(0, count)).map(Int32.init)
    }

    static func top(_ scores: [Double], _ tie: [Double], _ eligible: [Bool]?, _ count: Int) -> [Int32] {
        var into = [Int32](repeating: -1, count: max(count, 1))
        let ranked = TopRanking.top(scores, tieBreak: tie, eligible: eligible, count: count, into: &into)
        return Array(into.prefix(ranked))
    }

    @Test func tiesGoToTheSecondScoreThenTheLowerIndex() {
        let scores: [Double] = [1, 3, 3, 2, 3, 0]
        let tie: [Double] = [0, 1, 2, 0, 1, 9]
        #expect(Self.top(scores, tie, nil, 5) == [2, 1, 4, 3, 0])
        #expect(Self.top(scores, tie, nil, 3) == [2, 1, 4])
        // Equal second scores too: the lower index first, wherever it appears.
        #expect(Self.top([5, 5, 5, 5], [1, 1, 1, 1], nil, 3) == [0, 1, 2])
        #expect(Self.top([5, 5, 5, 5], [0, 1, 0, 1], nil, 4) == [1, 3, 0, 2])
    }

    @Test func onlyEligibleColumnsAreRanked() {
        let scores: [Double] = [9, 8, 7, 6, 5]
        let tie = [Double](repeating: 0, count: 5)
        #expect(Self.top(scores, tie, [false, true, false, true, true], 2) == [1, 3])
        // Fewer eligible than asked: all of them, and the count says so.
        #expect(Self.top(scores, tie, [false, false, true, false, true], 5) == [2, 4])
        #expect(Self.top(scores, tie, [false, false, false, false, false], 5) == [])
        // Fewer columns than asked.
        #expect(Self.top([1, 2], [0, 0], nil, 5) == [1, 0])
    }

    @Test func countZeroRanksNothingAndWritesNothing() {
        var into: [Int32] = [7, 7]
        #expect(TopRanking.top([1, 2, 3], tieBreak: [0, 0, 0], eligible: nil, count: 0, into: &into) == 0)
        #expect(into == [7, 7])
    }

    /// Random small scores with many ties, random masks and counts: the same as sorting.
    @Test func agreesWithASortOnRandomTies() {
        var generator = SplitMix64(seed: 77)
        for _ in 0..<2_000 {
            let width = 1 + generator.uniformIndex(below: 12)
            let scores = (0..<width).map { _ in Double(generator.uniformIndex(below: 4)) }
            let tie = (0..<width).map { _ in Double(generator.uniformIndex(below: 3)) }
            let eligible: [Bool]? = generator.uniformIndex(below: 2) == 0 ? nil : (0..<width).map { _ in generator.uniformIndex(below: 3) > 0 }
            let count = generator.uniformIndex(below: 8)
            #expect(Self.top(scores, tie, eligible, count) == Self.reference(scores, tie, eligible, count),
                    "scores \(scores), tie \(tie), eligible \(String(describing: eligible)), count \(count)")
        }
    }
}

@Suite struct RankingMetricsTests {
    static let d = (1...5).map { 1 / log2(Double($0) + 1) }  // 1, 1/log2 3, 1/2, 1/log2 5, 1/log2 6

    static func metrics(_ top: [Int32], relevant: Set<Int>, width: Int = 10) -> RankingMetrics {
        var padded = top
        while padded.count < 5 { padded.append(-1) }  // never read beyond `ranked`
        let mask = (0..<width).map { relevant.contains($0) }
        return RankingMetrics(top: padded, ranked: top.count, relevant: mask, relevantCount: relevant.count)
    }

    static func expect(_ m: RankingMetrics, p: Double, r: Double, ndcg: Double, hit: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(m.precisionAt3 - p) < 1e-15, "P@3 \(m.precisionAt3) vs \(p)", sourceLocation: sourceLocation)
        #expect(abs(m.recallAt3 - r) < 1e-15, "R@3 \(m.recallAt3) vs \(r)", sourceLocation: sourceLocation)
        #expect(abs(m.ndcgAt5 - ndcg) < 1e-15, "NDCG@5 \(m.ndcgAt5) vs \(ndcg)", sourceLocation: sourceLocation)
        #expect(m.hitAt3 == hit, "hit@3 \(m.hitAt3) vs \(hit)", sourceLocation: sourceLocation)
    }

    @Test func handComputedValues() {
        let d = Self.d
        // Relevant at ranks 2 and 4 of 5.
        Self.expect(Self.metrics([0, 1, 2, 3, 4], relevant: [1, 3]), p: 1.0 / 3, r: 0.5, ndcg: (d[1] + d[3]) / (d[0] + d[1]), hit: 1)
        // Relevant only at rank 5: no hit, NDCG from rank 5 alone.
        Self.expect(Self.metrics([0, 1, 2, 3, 4], relevant: [4]), p: 0, r: 0, ndcg: d[4] / d[0], hit: 0)
        // Nothing relevant ranked.
        Self.expect(Self.metrics([0, 1, 2, 3, 4], relevant: [7, 8]), p: 0, r: 0, ndcg: 0, hit: 0)
        // All three of the top 3 relevant, out of 3.
        Self.expect(Self.metrics([5, 6, 7, 0, 1], relevant: [5, 6, 7]), p: 1, r: 1, ndcg: 1, hit: 1)
    }

    @Test func fewerThanFiveRanked() {
        let d = Self.d
        // Two ranked, the second relevant; the other relevant item was not ranked at all.
        Self.expect(Self.metrics([3, 0], relevant: [0, 7]), p: 1.0 / 3, r: 0.5, ndcg: d[1] / (d[0] + d[1]), hit: 1)
        // Four ranked, relevant at rank 4: beyond the top 3, inside NDCG@5.
        Self.expect(Self.metrics([1, 2, 3, 4], relevant: [4]), p: 0, r: 0, ndcg: d[3], hit: 0)
        // Nothing ranked.
        Self.expect(Self.metrics([], relevant: [2]), p: 0, r: 0, ndcg: 0, hit: 0)
    }

    /// P@3 divides by 3 even when fewer than 3 candidates were ranked.
    @Test func precisionAt3WithFewerThanThreeCandidates() {
        Self.expect(Self.metrics([4, 2], relevant: [2, 4]), p: 2.0 / 3, r: 1, ndcg: 1, hit: 1)
        Self.expect(Self.metrics([4], relevant: [4]), p: 1.0 / 3, r: 1, ndcg: 1, hit: 1)
    }

    /// More than 5 relevant: the ideal DCG stops at 5, recall divides by all of them.
    @Test func moreThanFiveRelevant() {
        let d = Self.d
        let relevant: Set<Int> = [0, 1, 2, 3, 4, 5, 6]
        Self.expect(Self.metrics([6, 5, 4, 3, 2], relevant: relevant), p: 1, r: 3.0 / 7, ndcg: 1, hit: 1)
        Self.expect(Self.metrics([8, 9, 7, 0, 1], relevant: relevant), p: 0, r: 0, ndcg: (d[3] + d[4]) / d.reduce(0, +), hit: 0)
        Self.expect(Self.metrics([0, 9, 1, 8, 2], relevant: relevant), p: 2.0 / 3, r: 2.0 / 7,
                    ndcg: (d[0] + d[2] + d[4]) / d.reduce(0, +), hit: 1)
    }

    /// The relevance mask is read at `offset + column` (a user's row in a users × s mask).
    @Test func theMaskIsReadAtTheOffset() {
        let s = 4
        let mask = [true, true, true, true, /* user 1: */ false, false, true, false]
        let m = RankingMetrics(top: [2, 0, 1, 3, 0], ranked: 4, relevant: mask, offset: s, relevantCount: 1)
        Self.expect(m, p: 1.0 / 3, r: 1, ndcg: 1, hit: 1)
    }

    @Test func sumsDifferencesAndMeans() {
        var sum = RankingMetrics()
        sum += RankingMetrics(precisionAt3: 1, recallAt3: 0.5, ndcgAt5: 0.25, hitAt3: 1)
        sum += RankingMetrics(precisionAt3: 0, recallAt3: 0.5, ndcgAt5: 0.75, hitAt3: 0)
        #expect(sum.mean(over: 2) == RankingMetrics(precisionAt3: 0.5, recallAt3: 0.5, ndcgAt5: 0.5, hitAt3: 0.5))
        #expect(sum.mean(over: 0) == RankingMetrics())
        #expect((sum - sum) == RankingMetrics())
        #expect(sum.values == [1, 1, 1, 1] && RankingMetrics.keys == ["p_at_3", "r_at_3", "ndcg_at_5", "hit_at_3"])
    }
}

@Suite struct BlockBootstrapTests {
    /// Per-user values in blocks of `perBlock` consecutive users: block sums and user counts.
    static func blocks(_ values: [Double], perBlock: Int) -> (sums: [Double], users: [Int]) {
        stride(from: 0, to: values.count, by: perBlock).reduce(into: ([Double](), [Int]())) { result, start in
            let block = values[start..<min(start + perBlock, values.count)]
            result.0.append(block.reduce(0, +))
            result.1.append(block.count)
        }
    }

    static func flat(_ intervals: [(lower: Double, upper: Double)]) -> [Double] { intervals.flatMap { [$0.lower, $0.upper] } }

    static func randomColumns(users: Int, columns: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<(users * columns)).map { _ in generator.uniform01() < 0.3 ? 1 : generator.uniform01() }
    }

    @Test func theSameSeedGivesTheSameIntervals() {
        let sums = Self.randomColumns(users: 300, columns: 3, seed: 1)
        let users = [Int](repeating: 1, count: 300)
        let one = Self.flat(BlockBootstrap.intervals(sums: sums, columns: 3, users: users, resamples: 500, seed: 8))
        let two = Self.flat(BlockBootstrap.intervals(sums: sums, columns: 3, users: users, resamples: 500, seed: 8))
        let other = Self.flat(BlockBootstrap.intervals(sums: sums, columns: 3, users: users, resamples: 500, seed: 9))
        #expect(one == two)
        #expect(one != other)
    }

    @Test func theIntervalContainsTheMean() {
        for (perBlock, seed) in [(1, UInt64(2)), (7, 3), (40, 4)] {
            let columns = 4, n = 2_000
            let values = Self.randomColumns(users: n, columns: columns, seed: seed)
            var sums = [Double](), users = [Int]()
            for start in stride(from: 0, to: n, by: perBlock) {
                let end = min(start + perBlock, n)
                users.append(end - start)
                for c in 0..<columns { sums.append((start..<end).reduce(0.0) { $0 + values[$1 * columns + c] }) }
            }
            let intervals = BlockBootstrap.intervals(sums: sums, columns: columns, users: users, resamples: 1_000, seed: seed)
            for c in 0..<columns {
                let mean = (0..<n).reduce(0.0) { $0 + values[$1 * columns + c] } / Double(n)
                #expect(intervals[c].lower <= mean && mean <= intervals[c].upper, "blocks of \(perBlock), column \(c): \(intervals[c]) vs \(mean)")
                #expect(intervals[c].lower < intervals[c].upper)
            }
        }
    }

    /// One user per block is the ordinary bootstrap of a mean: the 95% interval's width is close
    /// to 2 · 1.96 · σ̂/√n (σ̂ the plug-in standard deviation). Values 0…9 repeated: σ̂² = 8.25.
    @Test func oneUserPerBlockGivesTheTextbookWidth() {
        let n = 500
        let values = (0..<n).map { Double($0 % 10) }
        let textbook = 2 * 1.959_964 * (8.25 / Double(n)).squareRoot()
        for seed: UInt64 in [1, 2, 3] {
            let interval = BlockBootstrap.intervals(sums: values, columns: 1, users: [Int](repeating: 1, count: n), resamples: 4_000, seed: seed)[0]
            let width = interval.upper - interval.lower
            #expect(abs(width / textbook - 1) < 0.08, "seed \(seed): width \(width), textbook \(textbook)")
            let centre = (interval.upper + interval.lower) / 2
            #expect(abs(centre - 4.5) < 0.05, "seed \(seed): centre \(centre)")
        }
        // Blocks of ten consecutive users each hold 0…9: every block sum is the same, so every
        // resample's mean is 4.5 and the interval collapses (blocks must not be sorted by value).
        let (sums, users) = Self.blocks(values, perBlock: 10)
        let collapsed = BlockBootstrap.intervals(sums: sums, columns: 1, users: users, resamples: 200, seed: 1)[0]
        #expect(abs(collapsed.lower - 4.5) < 1e-12 && abs(collapsed.upper - 4.5) < 1e-12)
    }

    /// A resample's estimate is Σ drawn sums / Σ drawn users (a ratio, not a mean of block means):
    /// blocks (sum 0, 1 user) and (sum 3, 3 users) give 0, 3/4 or 1, each end with chance 1/4.
    @Test func blocksOfUnequalSizeAreWeightedByTheirUsers() {
        let interval = BlockBootstrap.intervals(sums: [0, 3], columns: 1, users: [1, 3], resamples: 1_000, seed: 5)[0]
        #expect(interval.lower == 0 && interval.upper == 1, "\(interval)")
        let middle = BlockBootstrap.intervals(sums: [0, 3], columns: 1, users: [1, 3], resamples: 1_000, seed: 5, level: 0.2)[0]
        #expect(middle.lower == 0.75 && middle.upper == 0.75, "the 40th to 60th percentiles are all 3/4: \(middle)")
    }

    /// A paired difference: columns that differ by 0.1 for every user give a difference interval
    /// of exactly 0.1, whatever the spread of either column.
    @Test func pairedDifferencesSeeTheSameUsers() {
        let n = 400
        let a = Self.randomColumns(users: n, columns: 1, seed: 21)
        var sums = [Double]()
        for i in 0..<n { sums += [a[i], a[i] + 0.1, 0.1] }
        let intervals = BlockBootstrap.intervals(sums: sums, columns: 3, users: [Int](repeating: 1, count: n), resamples: 500, seed: 2)
        #expect(intervals[0].upper - intervals[0].lower > 0.02)
        #expect(abs(intervals[2].lower - 0.1) < 1e-12 && abs(intervals[2].upper - 0.1) < 1e-12)
    }

    @Test func nothingToResampleGivesZeros() {
        #expect(Self.flat(BlockBootstrap.intervals(sums: [], columns: 2, users: [], resamples: 100, seed: 1)) == [0, 0, 0, 0])
        #expect(Self.flat(BlockBootstrap.intervals(sums: [1, 2], columns: 2, users: [1], resamples: 0, seed: 1)) == [0, 0, 0, 0])
        #expect(Self.flat(BlockBootstrap.intervals(sums: [0, 0, 0, 0], columns: 2, users: [0, 0], resamples: 50, seed: 1)) == [0, 0, 0, 0])
    }

    @Test func percentilesInterpolateLikeNumpy() {
        let values = [1.0, 2, 3, 4]
        #expect(BlockBootstrap.percentile(values, 0.5) == 2.5)
        #expect(abs(BlockBootstrap.percentile(values, 0.025) - 1.075) < 1e-15)
        #expect(abs(BlockBootstrap.percentile(values, 0.975) - 3.925) < 1e-15)
        #expect(BlockBootstrap.percentile(values, 0) == 1 && BlockBootstrap.percentile(values, 1) == 4)
        #expect(BlockBootstrap.percentile([7], 0.975) == 7)
    }

    /// Blocks scored on 1 or 4 threads, then bootstrapped: the same figures.
    @Test func parallelMapDoesNotDependOnTheThreadCount() {
        let values = Self.randomColumns(users: 5_000, columns: 2, seed: 31)
        func run(threads: Int) -> [[Double]] {
            let blocks = Parallelism.map(100, threads: threads) { b -> [Double] in
                var sums = [0.0, 0.0]
                for i in (b * 50)..<((b + 1) * 50) {
                    sums[0] += values[i * 2]
                    sums[1] += values[i * 2 + 1] * values[i * 2]
                }
                return sums
            }
            let intervals = BlockBootstrap.intervals(sums: blocks.flatMap { $0 }, columns: 2, users: [Int](repeating: 50, count: 100),
                                                     resamples: 300, seed: 4)
            return blocks + [Self.flat(intervals)]
        }
        let one = run(threads: 1)
        #expect(one == run(threads: 4))
        #expect(one.count == 101)
        #expect(Parallelism.map(0, threads: 4) { $0 } == [])
        #expect(Parallelism.map(7, threads: 4) { $0 * $0 } == [0, 1, 4, 9, 16, 25, 36])
    }
}
