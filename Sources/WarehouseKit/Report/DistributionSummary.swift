/// Mean, median and skewness of a sample of non-negative integers (ages in years, liked posts).
///
/// - mean x̄ = Σxᵢ / n;
/// - median: the middle value of the sorted sample, or the mean of the two middle values when n
///   is even;
/// - skewness: the Fisher–Pearson coefficient g₁ = m₃ / m₂^{3/2} with the central moments
///   m_r = Σ(xᵢ − x̄)^r / n (no small-sample correction; scipy's `skew` default). 0 for a
///   sample with no spread; > 0 means a long right tail.
///
/// All three are in the unit of the values except skewness (dimensionless). An empty sample
/// gives NaN for every statistic.
struct DistributionSummary: Sendable, Equatable {
    let count: Int
    let mean: Double
    let median: Double
    let skewness: Double
    let minimum: Int
    let maximum: Int

    /// Values above this are counted by sorting instead of by a table of counts per value.
    static let countingLimit = 1 << 22

    init(_ values: [Int32]) {
        count = values.count
        guard let first = values.first else {
            mean = .nan; median = .nan; skewness = .nan; minimum = 0; maximum = 0
            return
        }
        var low = first, high = first
        var sum = 0.0
        for value in values {
            low = min(low, value)
            high = max(high, value)
            sum += Double(value)
        }
        let mean = sum / Double(values.count)
        var m2 = 0.0, m3 = 0.0
        for value in values {
            let d = Double(value) - mean
            let d2 = d * d
            m2 += d2
            m3 += d2 * d
        }
        m2 /= Double(values.count)
        m3 /= Double(values.count)
        self.mean = mean
        skewness = m2 > 0 ? m3 / (m2 * m2.squareRoot()) : 0
        minimum = Int(low)
        maximum = Int(high)
        median = Self.median(values, low: Int(low), high: Int(high))
    }

    /// The median by a table of counts per value (linear time) when the range is small, else by sorting.
    private static func median(_ values: [Int32], low: Int, high: Int) -> Double {
        let n = values.count
        // 0-based ranks of the two middle values (equal when n is odd).
        let lowerRank = (n - 1) / 2, upperRank = n / 2
        guard high - low < countingLimit else {
            let sorted = values.sorted()
            return (Double(sorted[lowerRank]) + Double(sorted[upperRank])) / 2
        }
        var counts = [Int](repeating: 0, count: high - low + 1)
        for value in values { counts[Int(value) - low] += 1 }
        var seen = 0
        var lowerValue: Int?
        for (offset, count) in counts.enumerated() where count > 0 {
            seen += count
            if lowerValue == nil && seen > lowerRank { lowerValue = low + offset }
            if seen > upperRank {
                return (Double(lowerValue ?? low + offset) + Double(low + offset)) / 2
            }
        }
        return Double(high)
    }
}
