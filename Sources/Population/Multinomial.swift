/// Exact multinomial draws `Multinomial(n, p)`: `n` independent categorical trials from `p`,
/// each one `AliasTable` lookup (one 64-bit word), tallied per category.
///
/// Cost `O(K + n)` for `K` categories; the table and the counts live in the struct and are
/// reused, so repeated draws allocate nothing.
public struct Multinomial: Sendable {
    private var table = AliasTable()
    /// Counts of the last draw; index = category; they sum to the last `trials`.
    public private(set) var counts: [Int32] = []

    public init() {}

    /// Draws `trials` trials from `probabilities` (weights as for `AliasTable.build(weights:)`)
    /// into `counts`. With 0 trials the counts are all zero and nothing is drawn.
    /// - Precondition: `0 <= trials <= Int32.max`.
    public mutating func draw<G: RandomNumberGenerator>(trials: Int, probabilities: [Double], using generator: inout G) {
        precondition(trials >= 0 && trials <= Int(Int32.max), "Multinomial needs 0 <= trials <= Int32.max, got \(trials)")
        if counts.count != probabilities.count {
            counts = [Int32](repeating: 0, count: probabilities.count)
        }
        counts.withUnsafeMutableBufferPointer { tally in
            tally.update(repeating: 0)
            guard trials > 0 else { return }
            table.build(weights: probabilities)
            table.tally(trials: trials, into: tally, using: &generator)
        }
    }
}
