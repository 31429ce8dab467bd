import Randomness
@testable import Population

/// Shared generated samples, built once per test run (global `let`s initialise lazily and
/// thread-safely), so the statistical tests do not each regenerate users.
enum Fixtures {
    /// Seed of the shared samples.
    static let seed: UInt64 = 20_240_601

    /// 100,000 users of the standard model.
    static let largeSample: UserBatch = generate(count: 100_000)

    /// 20,000 users of the standard model (a prefix of `largeSample`, by determinism).
    static let mediumSample: UserBatch = generate(count: 20_000)

    static func generate(count: Int, seed: UInt64 = Fixtures.seed) -> UserBatch {
        var batch = UserBatch(reservingUsers: count)
        PopulationModel.standard.generate(seed: seed, ids: 1..<Int64(count + 1), into: &batch)
        return batch
    }
}

/// Small descriptive statistics for the tests.
enum Stats {
    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Population variance.
    static func variance(_ values: [Double]) -> Double {
        let m = mean(values)
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
    }

    /// Sample skewness g₁ = m₃ / m₂^{3/2}.
    static func skewness(_ values: [Double]) -> Double {
        let m = mean(values)
        var m2 = 0.0
        var m3 = 0.0
        for v in values {
            let d = v - m
            m2 += d * d
            m3 += d * d * d
        }
        let n = Double(values.count)
        m2 /= n
        m3 /= n
        return m3 / (m2 * m2.squareRoot())
    }

    /// Pearson correlation of two equally long samples: cov(x, y) / (sd(x) · sd(y)).
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count && x.count > 1, "correlation needs two samples of one length > 1, got \(x.count) and \(y.count)")
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// Adjusted Rand index of two labelings of the same items (Hubert and Arabie 1985).
    static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "labelings differ in length: \(a.count) vs \(b.count)")
        func choose2(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        var table: [Int: [Int: Int]] = [:]
        var rowSums: [Int: Int] = [:]
        var columnSums: [Int: Int] = [:]
        for (x, y) in zip(a, b) {
            table[x, default: [:]][y, default: 0] += 1
            rowSums[x, default: 0] += 1
            columnSums[y, default: 0] += 1
        }
        let index = table.values.flatMap { $0.values }.reduce(0.0) { $0 + choose2($1) }
        let rows = rowSums.values.reduce(0.0) { $0 + choose2($1) }
        let columns = columnSums.values.reduce(0.0) { $0 + choose2($1) }
        let expected = rows * columns / choose2(a.count)
        return (index - expected) / ((rows + columns) / 2 - expected)
    }
}

/// Generators for the tests, each an independent stream of one fixed test seed.
enum SplitMixForTests {
    static func make(_ key: UInt64) -> SplitMix64 {
        SplitMix64(seed: 0x7E57, key)
    }
}
