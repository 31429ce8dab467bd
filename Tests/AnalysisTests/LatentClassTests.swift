import Testing
@testable import Analysis
import Population

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generated population of the standard model: the counts of the users with likes, their
/// planted persona index (0-based) and age group.
struct PlantedPopulation {
    let counts: CountMatrix
    let personas: [Int32]
    let ageGroups: [Int32]

    init(users: Int, seed: UInt64) throws {
        let model = PopulationModel.standard
        var batch = UserBatch(reservingUsers: users)
        model.generate(seed: seed, ids: 1..<Int64(users + 1), into: &batch)
        let J = model.subcategories.count
        var dense = [Int32](repeating: 0, count: users * J)
        for row in 0..<batch.likeRowCount {
            dense[Int(batch.likeUserIDs[row] - 1) * J + Int(batch.likeSubcategoryIDs[row] - 1)] = batch.likeCounts[row]
        }
        let withLikes = (0..<users).filter { batch.likedPosts[$0] > 0 }
        counts = try CountMatrix(dense: dense, rows: users, columns: J, selected: withLikes)
        personas = withLikes.map { batch.personaIDs[$0] - 1 }
        ageGroups = withLikes.map { Int32(AgeGroup.index(containing: Int(batch.ages[$0]))) }
    }

    static var alpha: Matrix { Matrix(Persona.standard.map(\.alpha)) }
    /// 7 age groups × 4 personas.
    static var ageWeights: Matrix {
        Matrix((0..<AgeGroup.all.count).map { g in Persona.standard.map { $0.ageGroupWeights[g] } })
    }
}

@Suite struct DirichletMultinomialTests {
    @Test func handComputedProbabilities() {
        // α = (1, 1, 1) makes every composition of n equally likely: n = 1 has 3 (p = 1/3),
        // n = 3 has C(5, 2) = 10 (p = 1/10).
        #expect(abs(DirichletMultinomial.logProbability([1, 0, 0], alpha: [1, 1, 1]) - log(1.0 / 3)) < 1e-14)
        #expect(abs(DirichletMultinomial.logProbability([2, 0, 1], alpha: [1, 1, 1]) - log(0.1)) < 1e-14)
        // n = 2, α = (0.5, 2): p(1, 1) = 2 · Γ(2.5)/Γ(4.5) · Γ(1.5)/Γ(0.5) · Γ(3)/Γ(2) = 2 · (1/(2.5·3.5)) · 0.5 · 2.
        let expected = 2 * (1 / (2.5 * 3.5)) * 0.5 * 2
        #expect(abs(DirichletMultinomial.logProbability([1, 1], alpha: [0.5, 2]) - log(expected)) < 1e-14)
    }

    @Test func tablesAgreeWithDirectLogGamma() throws {
        let rows = [[2, 0, 1], [0, 3, 0], [1, 1, 1], [0, 0, 7], [5, 9, 0]]
        let counts = try CountMatrix(rows)
        let alpha: [[Double]] = [[0.5, 1.5, 2.0], [0.1, 3.0, 0.7]]
        var tables = DirichletMultinomialTables(columnMaxima: counts.columnMaxima, maximumTotal: counts.maximumTotal, components: 2)
        tables.fill(alpha: alpha.flatMap { $0 })
        let coefficients = DirichletMultinomial.coefficients(counts)
        for (i, x) in rows.enumerated() {
            for c in 0..<2 {
                var viaTables = coefficients[i] - tables.total[c * tables.totalLength + Int(counts.totals[i])]
                for (j, count) in x.enumerated() {
                    viaTables += tables.term[c * tables.termLength + tables.columnOffsets[j] + count]
                }
                let direct = DirichletMultinomial.logProbability(x, alpha: alpha[c])
                #expect(abs(viaTables - direct) <= 1e-12 * max(1, abs(direct)), "row \(i), component \(c)")
            }
        }
    }

    @Test func digammaAndReciprocalRuns() {
        let gamma = 0.577_215_664_901_532_9
        #expect(abs(digamma(1) + gamma) < 1e-13)
        #expect(abs(digamma(0.5) + gamma + 2 * log(2.0)) < 1e-13)
        #expect(abs(digamma(1e-3) - (digamma(1 + 1e-3) - 1e3)) < 1e-9)
        for (alpha, a, b) in [(0.3, 0, 100), (2.5, 7, 5_000), (1e-4, 0, 30)] {
            var direct = 0.0
            for t in a..<b { direct += 1 / (alpha + Double(t)) }
            #expect(abs(reciprocalRun(alpha, from: a, to: b) - direct) <= 1e-12 * direct, "α \(alpha), \(a)..<\(b)")
        }
    }

    @Test func negativeCountsAreRefusedByName() {
        #expect(throws: AnalysisError.invalidParameter(name: "count[0, 1]", value: "-2", requirement: ">= 0")) {
            try CountMatrix(dense: [1, -2], rows: 1, columns: 2)
        }
    }
}

@Suite struct LatentClassTests {
    /// An imported user may have up to 2^31 - 1 likes; the log tables grow with the largest count,
    /// so such counts are refused by name before anything is allocated (they took 7 GB and
    /// minutes of `run-segmentation --method latent-class` on an imported warehouse, unbounded).
    @Test func countsTooLargeForTheLogTablesAreRefusedBeforeAllocating() throws {
        let huge = Int(Int32.max)
        let counts = try CountMatrix([[huge, 0, 0], [0, huge, 0], [1, 0, 2], [0, 3, 1]])
        for k in [1, 2] {
            #expect {
                try fitLatentClass(counts, LatentClassConfiguration(k: k, nInit: 1, seed: 1, threads: 1))
            } throws: { error in
                guard case .invalidParameter(let name, let value, _) = error as? AnalysisError else { return false }
                return name == "counts" && value.contains("\(huge)")
            }
        }
        #expect(throws: AnalysisError.self) {
            try latentClassSweep(counts, ks: 1...2, sampleSize: 4, LatentClassConfiguration(k: 2, nInit: 1, seed: 1, threads: 1))
        }
        // Large counts within the budget still fit.
        let small = try CountMatrix([[100_000, 0], [0, 1], [1, 1]])
        #expect(try fitLatentClass(small, LatentClassConfiguration(k: 1, nInit: 1, maxIterations: 2, seed: 1, threads: 1)).fit.k == 1)
    }

    @Test func oneComponentLikelihoodIsTheDirectSum() throws {
        let population = try PlantedPopulation(users: 600, seed: 5)
        let result = try fitLatentClass(population.counts, LatentClassConfiguration(k: 1, nInit: 1, seed: 3, threads: 2))
        let alpha = result.alpha.row(0)
        var direct = 0.0
        for i in 0..<population.counts.rows {
            var x = [Int](repeating: 0, count: population.counts.columns)
            for e in population.counts.rowStarts[i]..<population.counts.rowStarts[i + 1] {
                x[Int(population.counts.columnIndices[e])] = Int(population.counts.counts[e])
            }
            direct += DirichletMultinomial.logProbability(x, alpha: alpha)
        }
        #expect(abs(result.fit.logLikelihood - direct) <= 1e-10 * abs(direct))
        #expect(result.weights == [1])
        #expect(result.probabilities.allSatisfy { $0 == 1 })
        #expect(result.runnerUp.allSatisfy { $0 == -1 })
        #expect(result.fit.entropyR2 == 1)
    }

    @Test func logLikelihoodNeverDecreases() throws {
        let population = try PlantedPopulation(users: 3_000, seed: 11)
        let result = try fitLatentClass(
            population.counts, LatentClassConfiguration(k: 4, nInit: 2, tolerance: 0, alphaIterations: 3, seed: 8, threads: 2)
                .with(maxIterations: 15)
        )
        // 15, not 30: with the precision step this fit is stationary to the last bit of ℓ after
        // about 22 M-steps, where tolerance 0 stops it; 15 keeps every step a real move.
        #expect(result.logLikelihoodTrace.count == 16)
        #expect(!result.converged)
        for t in 1..<result.logLikelihoodTrace.count {
            let before = result.logLikelihoodTrace[t - 1], after = result.logLikelihoodTrace[t]
            #expect(after >= before - 1e-9 * abs(before), "iteration \(t): \(before) -> \(after)")
        }
        #expect(result.logLikelihoodTrace.last == result.fit.logLikelihood)
    }

    @Test func recoversThePlantedPersonasAndTheirAlpha() throws {
        let population = try PlantedPopulation(users: 20_000, seed: 42)
        let result = try fitLatentClass(population.counts, LatentClassConfiguration(k: 4, seed: 42, threads: 2))
        let ari = adjustedRandIndex(result.labels, population.personas)
        let ceiling = try bayesClassify(
            population.counts, groups: population.ageGroups, alpha: PlantedPopulation.alpha, groupWeights: PlantedPopulation.ageWeights
        )
        let ceilingARI = adjustedRandIndex(ceiling.labels, population.personas)
        #expect(ari >= 0.99 * ceilingARI, "ARI \(ari), ceiling \(ceilingARI)")
        // Match components to personas by their most concentrated subcategory's category.
        let truth = PlantedPopulation.alpha
        var matched = Set<Int>()
        for c in 0..<4 {
            let row = result.alpha.row(c)
            let top = row.indices.max { row[$0] < row[$1] } ?? 0
            let persona = top / 5
            matched.insert(persona)
            for j in 0..<20 {
                let planted = truth[persona, j]
                #expect(abs(row[j] - planted) <= 0.12 * planted + 0.02, "component \(c) α[\(j)] = \(row[j]), planted \(planted)")
            }
        }
        #expect(matched.count == 4)
        #expect(abs(result.weights.reduce(0, +) - 1) < 1e-12)
        #expect(result.clusterSizes == result.clusterSizes.sorted(by: >))
    }

    @Test func sameResultWhateverTheThreadCount() throws {
        let population = try PlantedPopulation(users: 9_000, seed: 7)
        let one = try fitLatentClass(population.counts, LatentClassConfiguration(k: 3, nInit: 2, seed: 1, threads: 1))
        let three = try fitLatentClass(population.counts, LatentClassConfiguration(k: 3, nInit: 2, seed: 1, threads: 3))
        #expect(one == three)
        // Starts competing on a 3,000-row sample, the winner continued on all rows: also thread-independent.
        var sampled = LatentClassConfiguration(k: 3, nInit: 2, startSampleSize: 3_000, seed: 1, threads: 1)
        let sampledOne = try fitLatentClass(population.counts, sampled)
        sampled.threads = 2
        #expect(try fitLatentClass(population.counts, sampled) == sampledOne)
        #expect(sampledOne.labels.count == population.counts.rows)
        let sweepOne = try latentClassSweep(population.counts, ks: 1...3, sampleSize: 5_000, LatentClassConfiguration(k: 1, nInit: 1, seed: 2, threads: 1))
        let sweepTwo = try latentClassSweep(population.counts, ks: 1...3, sampleSize: 5_000, LatentClassConfiguration(k: 1, nInit: 1, seed: 2, threads: 2))
        #expect(sweepOne == sweepTwo)
        #expect(sweepOne.rows == 5_000)
    }

    @Test func bicSuggestsThePlantedNumberOfPersonas() throws {
        let population = try PlantedPopulation(users: 8_000, seed: 2024)
        let sweep = try latentClassSweep(population.counts, ks: 3...5, sampleSize: 100_000,
                                         LatentClassConfiguration(k: 1, nInit: 1, tolerance: 1e-6, seed: 5))
        #expect(sweep.suggestedK == 4, "BIC: \(sweep.points.map { ($0.fit.k, $0.fit.bic) })")
        for point in sweep.points {
            #expect(point.fit.icl >= point.fit.bic)
            #expect(point.fit.entropyR2 <= 1 && point.fit.entropyR2 >= 0)
        }
    }

    @Test func invalidSettingsAreNamed() throws {
        let counts = try CountMatrix([[1, 2], [3, 0]])
        #expect(throws: AnalysisError.invalidParameter(name: "n_components", value: "0", requirement: ">= 1")) {
            try fitLatentClass(counts, LatentClassConfiguration(k: 0))
        }
        #expect(throws: AnalysisError.moreClustersThanSamples(samples: 2, clusters: 3)) {
            try fitLatentClass(counts, LatentClassConfiguration(k: 3))
        }
        #expect(throws: AnalysisError.invalidParameter(name: "tol", value: "-1.0", requirement: "finite and >= 0")) {
            try fitLatentClass(counts, LatentClassConfiguration(k: 1, tolerance: -1))
        }
    }
}

@Suite struct BayesClassifierTests {
    @Test func agreesWithBruteForcePerUser() throws {
        let population = try PlantedPopulation(users: 2_000, seed: 99)
        let alpha = PlantedPopulation.alpha, weights = PlantedPopulation.ageWeights
        let result = try bayesClassify(population.counts, groups: population.ageGroups, alpha: alpha, groupWeights: weights, threads: 2)
        var mismatches = 0
        for i in 0..<population.counts.rows {
            var x = [Int](repeating: 0, count: 20)
            for e in population.counts.rowStarts[i]..<population.counts.rowStarts[i + 1] {
                x[Int(population.counts.columnIndices[e])] = Int(population.counts.counts[e])
            }
            let g = Int(population.ageGroups[i])
            let logPosterior = (0..<4).map { p in log(weights[g, p]) + DirichletMultinomial.logProbability(x, alpha: alpha.row(p)) }
            let top = logPosterior.indices.max { logPosterior[$0] < logPosterior[$1] } ?? 0
            let normaliser = logPosterior.map { exp($0 - logPosterior[top]) }.reduce(0, +)
            if Int(result.labels[i]) != top { mismatches += 1 }
            #expect(abs(result.probabilities[i] - 1 / normaliser) < 1e-9)
        }
        #expect(mismatches == 0)
        let ari = adjustedRandIndex(result.labels, population.personas)
        #expect(ari > 0.9 && ari < 1)
    }

    @Test func refusesBadParameters() throws {
        let counts = try CountMatrix([[1, 2]])
        #expect(throws: AnalysisError.invalidParameter(name: "alpha[0, 1]", value: "0.0", requirement: "finite and > 0")) {
            try bayesClassify(counts, groups: [0], alpha: Matrix([[1, 0]]), groupWeights: Matrix([[1]]))
        }
        #expect(throws: AnalysisError.invalidParameter(name: "group", value: "3", requirement: "in 0..<1")) {
            try bayesClassify(counts, groups: [3], alpha: Matrix([[1, 1]]), groupWeights: Matrix([[1]]))
        }
    }
}

extension LatentClassConfiguration {
    func with(maxIterations: Int) -> LatentClassConfiguration {
        var copy = self
        copy.maxIterations = maxIterations
        return copy
    }
}
