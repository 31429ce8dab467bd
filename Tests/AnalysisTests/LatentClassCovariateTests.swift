import Testing
@testable import Analysis
import Population

/// The latent-class model with a concomitant variable (mixing weights per age group) on the
/// standard population, whose persona probabilities depend on the age group.
@Suite struct LatentClassCovariateTests {
    @Test func fitsAtLeastAsWellAndRecoversThePlantedAgeWeights() throws {
        let population = try PlantedPopulation(users: 20_000, seed: 42)
        let settings = LatentClassConfiguration(k: 4, seed: 42, threads: 2)
        let plain = try fitLatentClass(population.counts, settings)
        let groups = try MixingGroups(labels: population.ageGroups, count: AgeGroup.all.count)
        let covariate = try fitLatentClass(population.counts, settings, covariate: groups)

        // The plain model is the covariate model with equal rows: maximising over more
        // parameters cannot do worse (up to the pseudo-count's pull and EM's stopping rule).
        #expect(covariate.fit.logLikelihood >= plain.fit.logLikelihood - 1e-6 * abs(plain.fit.logLikelihood),
                "ln L with covariates \(covariate.fit.logLikelihood), without \(plain.fit.logLikelihood)")
        let plainARI = adjustedRandIndex(plain.labels, population.personas)
        let covariateARI = adjustedRandIndex(covariate.labels, population.personas)
        #expect(covariateARI >= plainARI - 0.005, "ARI with covariates \(covariateARI), without \(plainARI)")
        #expect(covariate.fit.parameters == 7 * 3 + 4 * 20)
        #expect(plain.groupWeights == nil)

        // Match segments to personas by the majority persona of each segment's members.
        let weights = try #require(covariate.groupWeights)
        #expect(weights.rows == 7 && weights.columns == 4)
        var votes = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
        for (label, persona) in zip(covariate.labels, population.personas) { votes[Int(label)][Int(persona)] += 1 }
        let personaOf = votes.map { row in row.indices.max { row[$0] < row[$1] } ?? 0 }
        #expect(Set(personaOf).count == 4, "segments' majority personas \(personaOf)")
        let planted = PlantedPopulation.ageWeights
        let sizes = groups.sizes
        var worst = 0.0
        for g in 0..<7 {
            var rowSum = 0.0
            for s in 0..<4 {
                rowSum += weights[g, s]
                // About 1.4 % of users are misclassified even by the Bayes rule, and a group of
                // n users estimates a weight to about √(w(1−w)/n): allow 3 standard errors + 0.02.
                let w = planted[g, personaOf[s]]
                let tolerance = 3 * (w * (1 - w) / Double(max(sizes[g], 1))).squareRoot() + 0.02
                worst = max(worst, abs(weights[g, s] - w))
                #expect(abs(weights[g, s] - w) <= tolerance, "group \(g), segment \(s): \(weights[g, s]) vs planted \(w)")
            }
            #expect(abs(rowSum - 1) < 1e-12)
        }
        #expect(worst > 0, "the fitted weights are estimates, not copies")
        // The marginal weights are the groups' weights averaged over the rows.
        for s in 0..<4 {
            var marginal = 0.0
            for g in 0..<7 { marginal += Double(sizes[g]) * weights[g, s] }
            #expect(abs(marginal / Double(population.counts.rows) - covariate.weights[s]) < 1e-12)
        }
    }

    @Test func emptyGroupGetsUniformWeightsAndStaysFinite() throws {
        let population = try PlantedPopulation(users: 2_000, seed: 3)
        // Group 2 of 3 has no rows.
        let labels = population.ageGroups.map { $0 % 2 }
        let result = try fitLatentClass(population.counts, LatentClassConfiguration(k: 3, nInit: 1, seed: 1, threads: 1),
                                        covariate: try MixingGroups(labels: labels, count: 3))
        let weights = try #require(result.groupWeights)
        for s in 0..<3 { #expect(abs(weights[2, s] - 1.0 / 3) < 1e-12) }
        #expect(result.fit.logLikelihood.isFinite)
        #expect(result.fit.parameters == 3 * 2 + 3 * 20)
    }

    @Test func sameResultWhateverTheThreadCount() throws {
        let population = try PlantedPopulation(users: 9_000, seed: 7)
        let groups = try MixingGroups(labels: population.ageGroups, count: 7)
        var settings = LatentClassConfiguration(k: 3, nInit: 2, startSampleSize: 4_000, seed: 1, threads: 1)
        let one = try fitLatentClass(population.counts, settings, covariate: groups)
        settings.threads = 3
        #expect(try fitLatentClass(population.counts, settings, covariate: groups) == one)
        let sweepOne = try latentClassSweep(population.counts, ks: 1...3, sampleSize: 5_000,
                                            LatentClassConfiguration(k: 1, nInit: 1, seed: 2, threads: 1), covariate: groups)
        let sweepTwo = try latentClassSweep(population.counts, ks: 1...3, sampleSize: 5_000,
                                            LatentClassConfiguration(k: 1, nInit: 1, seed: 2, threads: 2), covariate: groups)
        #expect(sweepOne == sweepTwo)
        #expect(sweepOne.points.map(\.fit.parameters) == [0 + 20, 7 + 40, 14 + 60])
    }

    @Test func refusesBadGroups() throws {
        let counts = try CountMatrix([[1, 2], [3, 0]])
        #expect(throws: AnalysisError.invalidParameter(name: "group", value: "2", requirement: "in 0..<2")) {
            try MixingGroups(labels: [0, 2], count: 2)
        }
        #expect(throws: AnalysisError.lengthMismatch(name: "covariate", count: 1, expected: 2)) {
            try fitLatentClass(counts, LatentClassConfiguration(k: 1), covariate: try MixingGroups(labels: [0], count: 1))
        }
    }
}
