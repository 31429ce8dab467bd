import Testing
@testable import Analysis
import Randomness

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rows drawn from a mixture of plain multinomials (no over-dispersion): every component's
/// Dirichlet precision MLE is infinite or huge, the case that used to run EM to its cap.
private struct MultinomialMixture {
    static let columns = 12
    /// Component c puts 5× the weight on columns 4c..<4c+4: means (5, 5, 5, 5, 1, …, 1)/28 shifted.
    static let means: [[Double]] = (0..<3).map { c in
        let raw = (0..<columns).map { j in j / 4 == c ? 5.0 : 1.0 }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }
    let counts: CountMatrix
    let labels: [Int]

    init(rowsPerComponent: Int, seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var rows: [[Int]] = []
        var labels: [Int] = []
        for c in 0..<3 {
            for _ in 0..<rowsPerComponent {
                let n = 15 + generator.uniformIndex(below: 26)
                var row = [Int](repeating: 0, count: Self.columns)
                for _ in 0..<n {
                    var u = generator.uniform01(), j = 0
                    while j < Self.columns - 1, u >= Self.means[c][j] {
                        u -= Self.means[c][j]
                        j += 1
                    }
                    row[j] += 1
                }
                rows.append(row)
                labels.append(c)
            }
        }
        counts = try CountMatrix(rows)
        self.labels = labels
    }
}

@Suite struct LatentClassMultinomialTests {
    /// EM meets its stopping rule well under the 200-iteration cap, recovers the three means, and
    /// gives the same result on 1 and 2 threads.
    @Test func convergesAndRecoversTheMeans() throws {
        let data = try MultinomialMixture(rowsPerComponent: 400, seed: 11)
        let configuration = LatentClassConfiguration(k: 3, seed: 5, threads: 1)
        let fit = try fitLatentClass(data.counts, configuration)
        let (converged, iterations) = (fit.converged, fit.iterations)
        #expect(converged && iterations < 60, "\(iterations) iterations, converged \(converged)")
        let J = MultinomialMixture.columns
        var matched = Set<Int>()
        for c in 0..<3 {
            let s = (0..<J).reduce(0.0) { $0 + fit.alpha[c, $1] }
            #expect(s <= LatentClassPrecision.maximumPrecision * (1 + 1e-12))
            let mean = (0..<J).map { fit.alpha[c, $0] / s }
            let distances = MultinomialMixture.means.map { truth in zip(truth, mean).reduce(0.0) { $0 + abs($1.0 - $1.1) } }
            let nearest = distances.indices.min { distances[$0] < distances[$1] } ?? -1
            #expect(distances[nearest] < 0.06, "component \(c): L1 distance \(distances[nearest]) to mean \(nearest)")
            matched.insert(nearest)
        }
        #expect(matched.count == 3, "each true mean matched once")
        let adjusted = adjustedRandIndex(fit.labels, data.labels.map { Int32($0) })
        #expect(adjusted > 0.9, "ARI \(adjusted)")
        for (a, b) in zip(fit.logLikelihoodTrace, fit.logLikelihoodTrace.dropFirst()) {
            #expect(b >= a - 1e-9 * abs(a), "log-likelihood fell from \(a) to \(b)")
        }
        var threaded = configuration
        threaded.threads = 2
        #expect(try fitLatentClass(data.counts, threaded) == fit)
    }

    /// A fit cut off by `maxIterations` says so; one whose rule is met says it converged.
    @Test func reportsTheIterationCap() throws {
        let data = try MultinomialMixture(rowsPerComponent: 50, seed: 3)
        let capped = try fitLatentClass(data.counts, LatentClassConfiguration(k: 2, maxIterations: 2, tolerance: 0, threads: 1))
        #expect(capped.iterations == 2 && !capped.converged)
        let loose = try fitLatentClass(data.counts, LatentClassConfiguration(k: 2, tolerance: 1, threads: 1))
        #expect(loose.iterations == 1 && loose.converged)
        let sweep = try latentClassSweep(data.counts, ks: 1...2, sampleSize: 1_000,
                                         LatentClassConfiguration(k: 1, maxIterations: 1, tolerance: 0, threads: 1))
        #expect(sweep.points.allSatisfy { !$0.converged && $0.iterations == 1 })
    }

    /// The precision step's derivatives in u = ln s match central differences of its objective,
    /// and the step never lowers the objective.
    @Test func precisionDerivativesMatchTheObjective() throws {
        let data = try MultinomialMixture(rowsPerComponent: 60, seed: 9)
        let groups = CountGroups(data.counts)
        let n = data.counts.rows
        let responsibilities = (0..<n).map { Double(($0 * 7) % 5 + 1) / 6 }
        var tails = [Double](repeating: 0, count: groups.columnValues.count)
        var totalTails = [Double](repeating: 0, count: groups.totalValues.count)
        tailSums(groups: groups, k: 1, responsibilities: responsibilities, tails: &tails, totalTails: &totalTails, threads: 1)
        let m = MultinomialMixture.means[1]
        func f(_ u: Double) -> Double {
            LatentClassPrecision.objective(alpha: ArraySlice(m.map { exp(u) * $0 }), c: 0, groups: groups, tails: tails, totalTails: totalTails)
        }
        for s in [0.7, 12.0, 300.0, 5e4] {
            let u = log(s), h = 1e-3
            let (first, second) = LatentClassPrecision.derivatives(precision: s, mean: m, c: 0, groups: groups, tails: tails, totalTails: totalTails)
            let numericFirst = (f(u + h) - f(u - h)) / (2 * h)
            let numericSecond = (f(u + h) - 2 * f(u) + f(u - h)) / (h * h)
            #expect(abs(first - numericFirst) <= 1e-5 * max(1, abs(first)), "s \(s): f′ \(first) vs \(numericFirst)")
            #expect(abs(second - numericSecond) <= 1e-3 * max(1, abs(second)), "s \(s): f″ \(second) vs \(numericSecond)")
            var alpha = m.map { s * $0 }
            let before = f(u)
            LatentClassPrecision.step(alpha: &alpha, c: 0, groups: groups, tails: tails, totalTails: totalTails)
            let after = LatentClassPrecision.objective(alpha: alpha[...], c: 0, groups: groups, tails: tails, totalTails: totalTails)
            #expect(after >= before, "s \(s): step lowered f from \(before) to \(after)")
        }
    }
}
