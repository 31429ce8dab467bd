import Analysis

/// How two labellings of the same users overlap: the contingency table, the best one-to-one
/// matching of their segments, and the agreement as a whole.
///
/// - overlap(a, b) = users in segment a of the first and segment b of the second;
/// - Jaccard(a, b) = overlap / (|a| + |b| − overlap), sizes counted over the shared users: 1 when
///   the two segments hold exactly the same users, 0 when they share none;
/// - the matching maximises the total overlap (Hungarian assignment on −overlap); with kA ≠ kB
///   the extra segments of the larger side stay unmatched;
/// - ARI: adjusted Rand index of the two labellings (1 identical up to renaming, ≈ 0 unrelated).
public struct SegmentOverlap: Sendable, Equatable, Encodable {
    public struct Pair: Sendable, Equatable, Encodable {
        public let a: Int
        public let b: Int
        public let overlap: Int
        public let jaccard: Double
    }

    public let kA: Int
    public let kB: Int
    public let users: Int
    public let adjustedRandIndex: Double
    /// kA × kB row-major: counts[(a − 1) · kB + (b − 1)].
    public let counts: [Int]
    public let sizesA: [Int]
    public let sizesB: [Int]
    /// Matched pairs, by segment of the first labelling.
    public let pairs: [Pair]
    public let unmatchedA: [Int]
    public let unmatchedB: [Int]

    /// - Parameters: labels 1…kA and 1…kB of the same users, in the same order.
    /// - Precondition: equal lengths, labels in range, kA, kB ≥ 1.
    public init(_ a: [Int32], k kA: Int, _ b: [Int32], k kB: Int) {
        precondition(a.count == b.count, "label arrays differ in length: \(a.count) vs \(b.count)")
        precondition(kA >= 1 && kB >= 1, "need at least one segment on each side, got \(kA) and \(kB)")
        var counts = [Int](repeating: 0, count: kA * kB)
        for (x, y) in zip(a, b) {
            precondition(x >= 1 && Int(x) <= kA && y >= 1 && Int(y) <= kB, "labels (\(x), \(y)) outside 1…\(kA) × 1…\(kB)")
            counts[(Int(x) - 1) * kB + Int(y) - 1] += 1
        }
        let sizesA = (0..<kA).map { i in (0..<kB).reduce(0) { $0 + counts[i * kB + $1] } }
        let sizesB = (0..<kB).map { j in (0..<kA).reduce(0) { $0 + counts[$1 * kB + j] } }
        let matching = Self.matching(counts: counts, kA: kA, kB: kB)
        let pairs = matching.map { i, j in
            let overlap = counts[i * kB + j]
            let union = sizesA[i] + sizesB[j] - overlap
            return Pair(a: i + 1, b: j + 1, overlap: overlap, jaccard: union > 0 ? Double(overlap) / Double(union) : 0)
        }
        self.pairs = pairs
        unmatchedA = (1...kA).filter { i in !pairs.contains { $0.a == i } }
        unmatchedB = (1...kB).filter { j in !pairs.contains { $0.b == j } }
        self.kA = kA
        self.kB = kB
        self.users = a.count
        self.adjustedRandIndex = Analysis.adjustedRandIndex(a, b)
        self.counts = counts
        self.sizesA = sizesA
        self.sizesB = sizesB
    }

    /// The maximum-overlap one-to-one matching as 0-based (a, b) pairs ordered by a.
    static func matching(counts: [Int], kA: Int, kB: Int) -> [(Int, Int)] {
        if kA <= kB {
            let cost = Matrix(rows: kA, columns: kB, values: counts.map { -Double($0) })
            return hungarianAssignment(cost: cost).enumerated().map { ($0, $1) }
        }
        var transposed = [Double](repeating: 0, count: kA * kB)
        for i in 0..<kA { for j in 0..<kB { transposed[j * kA + i] = -Double(counts[i * kB + j]) } }
        let columnOf = hungarianAssignment(cost: Matrix(rows: kB, columns: kA, values: transposed))
        return columnOf.enumerated().map { ($1, $0) }.sorted { $0.0 < $1.0 }
    }
}
