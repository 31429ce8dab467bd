import Randomness
import Testing
@testable import Population

@Suite("Distributions")
struct DistributionTests {
    @Test func agesAreClippedAndRightSkewed() {
        let ages = Fixtures.largeSample.ages.map(Double.init)
        #expect(ages.allSatisfy { $0 >= 13 && $0 <= 90 })
        #expect(Stats.skewness(ages) > 0.5, "age skewness \(Stats.skewness(ages))")
        let mean = Stats.mean(ages)
        #expect(mean > 30 && mean < 38, "mean age \(mean)")
        // Clipping piles up little mass at the bounds.
        #expect(Double(ages.filter { $0 == 13 }.count) / Double(ages.count) < 0.03)
        #expect(Double(ages.filter { $0 == 90 }.count) / Double(ages.count) < 0.003)
    }

    /// SN(ξ, ω, α) sample mean and variance match ξ + ωδ√(2/π) and ω²(1 − 2δ²/π).
    @Test func skewNormalMoments() {
        let distribution = SkewNormal(location: 17, scale: 22, shape: 6)
        var generator = SplitMixForTests.make(10)
        let samples = (0..<200_000).map { _ in distribution.sample(using: &generator) }
        let sd = distribution.variance.squareRoot()
        let mean = Stats.mean(samples)
        #expect(abs(mean - distribution.mean) < 5 * sd / (200_000.0).squareRoot(), "mean \(mean) vs \(distribution.mean)")
        #expect(abs(Stats.variance(samples) / distribution.variance - 1) < 0.02)
        #expect(abs(distribution.mean - (17 + 22 * (6 / 37.0.squareRoot()) * (2 / Double.pi).squareRoot())) < 1e-12)
        #expect(Stats.skewness(samples) > 0.7)
    }

    /// liked_posts is heavy-tailed: skewness > 2, median in the tens, maximum in the thousands,
    /// about 2 % lurkers.
    @Test func likedPostsAreHeavyTailed() {
        let posts = Fixtures.largeSample.likedPosts.map(Double.init)
        let skewness = Stats.skewness(posts)
        let median = Stats.median(posts)
        let maximum = posts.max() ?? 0
        let lurkers = Double(posts.filter { $0 == 0 }.count) / Double(posts.count)
        #expect(skewness > 2, "skewness \(skewness)")
        #expect(median >= 20 && median < 100, "median \(median)")
        #expect(maximum >= 1_000 && maximum <= 20_000, "maximum \(maximum)")
        #expect(abs(lurkers - 0.02) < 0.003, "lurker share \(lurkers)")
        let mean = Stats.mean(posts)
        #expect(abs(mean / LikedPostsDistribution.standard.approximateMean - 1) < 0.05, "mean \(mean)")
    }

    /// Gamma(k) sample means and variances both match k, for shapes below, at and above 1,
    /// including 1/6 (integer boost) and 0.3 (general boost).
    @Test(arguments: [1.0 / 6.0, 0.3, 1.0, 2.5, 7.3])
    func gammaMoments(shape: Double) {
        let gamma = Gamma(shape: shape)
        var generator = SplitMixForTests.make(20)
        let n = 100_000
        let samples = (0..<n).map { _ in gamma.sample(using: &generator) }
        #expect(samples.allSatisfy { $0 >= 0 })
        let mean = Stats.mean(samples)
        #expect(abs(mean - shape) < 5 * (shape / Double(n)).squareRoot(), "shape \(shape): mean \(mean)")
        #expect(abs(Stats.variance(samples) / shape - 1) < 0.06, "shape \(shape): variance \(Stats.variance(samples))")
    }

    @Test func gammaIntegerBoostIsDetected() {
        #expect(Gamma(shape: 1.0 / 6.0).integerBoostExponent == 6)
        #expect(Gamma(shape: 0.25).integerBoostExponent == 4)
        #expect(Gamma(shape: 0.3).integerBoostExponent == 0)
        #expect(Gamma(shape: 2).integerBoostExponent == 0)
        #expect(Gamma.power(0.5, 6) == 0.015625)
    }

    /// Dirichlet(α) sample means match α / Σα within 5 standard errors.
    @Test func dirichletMeanMatchesAlpha() {
        let alpha = PopulationModel.standard.personas[2].alpha
        let dirichlet = Dirichlet(alpha: alpha)
        let total = alpha.reduce(0, +)
        var generator = SplitMixForTests.make(30)
        var sums = [Double](repeating: 0, count: alpha.count)
        var p = [Double](repeating: 0, count: alpha.count)
        let n = 50_000
        for _ in 0..<n {
            dirichlet.sample(into: &p, using: &generator)
            #expect(abs(p.reduce(0, +) - 1) < 1e-9)
            for index in p.indices { sums[index] += p[index] }
        }
        for (index, a) in alpha.enumerated() {
            let expected = a / total
            let standardError = (expected * (1 - expected) / (total + 1) / Double(n)).squareRoot()
            #expect(abs(sums[index] / Double(n) - expected) < 5 * standardError, "component \(index)")
        }
        #expect(dirichlet.mean.enumerated().allSatisfy { abs($0.element - alpha[$0.offset] / total) < 1e-15 })
    }

    /// The ziggurat normal has mean 0, variance 1, the right tail mass beyond R and Φ(1).
    @Test func zigguratNormalMoments() {
        var generator = SplitMixForTests.make(40)
        let n = 1_000_000
        var sum = 0.0
        var squares = 0.0
        var tail = 0
        var belowOne = 0
        for _ in 0..<n {
            let z = generator.zigguratNormal()
            sum += z
            squares += z * z
            if abs(z) > Ziggurat.tailBase { tail += 1 }
            if z < 1 { belowOne += 1 }
        }
        let mean = sum / Double(n)
        #expect(abs(mean) < 0.005)
        #expect(abs(squares / Double(n) - mean * mean - 1) < 0.01)
        // P(|Z| > 3.4426) = 5.76e-4; P(Z < 1) = 0.841345.
        #expect(abs(Double(tail) - 576) < 5 * 576.0.squareRoot(), "tail \(tail)")
        #expect(abs(Double(belowOne) / Double(n) - 0.841345) < 0.002)
    }

    @Test func zigguratTablesMatchTheirRecurrence() {
        let computed = Ziggurat.computeEdges()
        #expect(Ziggurat.edges.count == 129 && Ziggurat.ratios.count == 128)
        for (index, edge) in Ziggurat.edges.enumerated() {
            #expect(abs(edge - computed[index]) <= 1e-12 * max(1, edge), "edge \(index)")
        }
        for index in 0..<128 {
            #expect(abs(Ziggurat.ratios[index] - Ziggurat.edges[index + 1] / Ziggurat.edges[index]) < 1e-15)
        }
    }
}
