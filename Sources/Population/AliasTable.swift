/// Walker's alias table (Vose's stable construction) for O(1) draws from a categorical
/// distribution over `0..<count`.
///
/// With `q_i = count · p_i`, column `j` keeps its own category with probability `q_j` (after
/// pairing) and otherwise yields `alias[j]`; Vose's pairing of under-full (`q < 1`) with over-full
/// columns makes the mass of category `i` over all columns exactly `q_i / count = p_i`.
/// Probabilities are stored as 63-bit thresholds `t_j = ⌊q_j · 2⁶³⌋` (full columns alias
/// themselves, so their threshold never matters).
///
/// A draw uses one word `w`: the high half of `w · count` is the column (bias below
/// `count / 2⁶⁴`), the top 63 bits of the low half are compared with `t_j` (resolution 2⁻⁶³),
/// and the choice between column and alias is made without a branch. Building is branch-free
/// except where a large column runs out. Storage is reused between builds, so a table rebuilt per
/// user allocates only when the category count grows.
public struct AliasTable: Sendable {
    private var thresholds: [UInt64] = []
    private var aliases: [Int32] = []
    private var scaled: [Double] = []
    private var worklist: [Int32] = []

    /// Number of categories of the last build (0 before the first).
    public private(set) var count = 0

    public init() {}

    /// Rebuilds the table for `weights` (non-negative, not all zero, need not sum to 1).
    /// - Precondition: a positive finite sum and at most `Int32.max` categories.
    public mutating func build(weights: [Double]) {
        let n = weights.count
        precondition(n > 0 && n <= Int(Int32.max), "AliasTable needs 1…Int32.max weights, got \(n)")
        if thresholds.count != n {
            thresholds = [UInt64](repeating: 0, count: n)
            aliases = [Int32](repeating: 0, count: n)
            scaled = [Double](repeating: 0, count: n)
            worklist = [Int32](repeating: 0, count: n)
        }
        count = n
        var total = 0.0
        var smallest = 0.0
        for w in weights {
            total += w
            smallest = min(smallest, w)
        }
        precondition(smallest >= 0 && total > 0 && total.isFinite, "AliasTable needs non-negative weights with a positive finite sum, got sum \(total), minimum \(smallest)")
        let factor = Double(n) / total
        thresholds.withUnsafeMutableBufferPointer { threshold in
            aliases.withUnsafeMutableBufferPointer { alias in
                scaled.withUnsafeMutableBufferPointer { q in
                    worklist.withUnsafeMutableBufferPointer { work in
                        // Small columns (q < 1) go to a queue at the front of `work`, large ones
                        // to a stack at the back. Both slots receive `i` (they coincide only for
                        // the last column) and the class only moves the ends: no branch to
                        // mispredict on random weights.
                        var smallCount = 0
                        var largeStart = n
                        for i in 0..<n {
                            let value = weights[i] * factor
                            q[i] = value
                            alias[i] = Int32(truncatingIfNeeded: i)
                            threshold[i] = 1 << 63
                            // 1 iff value < 1: the sign bit of value − 1 (arithmetic, not a branch).
                            let isSmall = Int(truncatingIfNeeded: (value - 1).bitPattern >> 63)
                            work[smallCount] = Int32(truncatingIfNeeded: i)
                            work[largeStart &- 1] = Int32(truncatingIfNeeded: i)
                            smallCount &+= isSmall
                            largeStart &-= 1 &- isSmall
                        }
                        // Fill each small column from the current large one, whose remaining mass
                        // stays in a register; when it drops below 1 it joins the small queue
                        // (behind the slot just consumed, so the queue never meets the stack).
                        var next = 0
                        var large = largeStart
                        if large < n {
                            var l = Int(work[large])
                            var remaining = q[l]
                            while next < smallCount {
                                let s = Int(work[next])
                                next &+= 1
                                let qs = q[s]
                                threshold[s] = Self.threshold(qs)
                                alias[s] = Int32(truncatingIfNeeded: l)
                                remaining += qs - 1
                                if remaining < 1 {
                                    q[l] = remaining
                                    work[smallCount] = Int32(truncatingIfNeeded: l)
                                    smallCount &+= 1
                                    large &+= 1
                                    if large == n { break }
                                    l = Int(work[large])
                                    remaining = q[l]
                                }
                            }
                        }
                        // Leftovers (mass ≈ 1 up to rounding) stay full: threshold 2⁶³, alias self.
                    }
                }
            }
        }
    }

    /// `⌊q · 2⁶³⌋` for `q ∈ [0, 1)`, the range of every under-full column: weights are ≥ 0 and
    /// a large column only turns small while its remaining mass is ≥ 0.
    private static func threshold(_ q: Double) -> UInt64 {
        UInt64(q * 0x1.0p63)
    }

    /// The column itself if `word`'s 63-bit fraction is below its threshold, else its alias;
    /// branch-free (the comparison becomes a mask).
    @inline(__always)
    private static func pick(column: Int, word: UInt64, threshold: UInt64, alias: Int32) -> Int {
        let keep = (word >> 1) < threshold
        let mask = Int(bitPattern: UInt(UInt8(keep ? 1 : 0))) &- 1 // 0 keeps, −1 takes the alias
        return column ^ ((column ^ Int(alias)) & mask)
    }

    /// One category index in `0..<count` (consumes exactly one word).
    /// - Precondition: the table has been built.
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        precondition(count > 0, "AliasTable.sample called before build(weights:)")
        let product = generator.next().multipliedFullWidth(by: UInt64(count))
        let column = Int(truncatingIfNeeded: product.high)
        return Self.pick(column: column, word: product.low, threshold: thresholds[column], alias: aliases[column])
    }

    /// Adds `trials` draws to `tally` (`tally[i] += 1` per draw of `i`), one word per draw.
    /// - Precondition: the table has been built and `tally.count == count`.
    public func tally<G: RandomNumberGenerator>(trials: Int, into tally: UnsafeMutableBufferPointer<Int32>, using generator: inout G) {
        precondition(count > 0 && tally.count == count, "AliasTable.tally needs a built table and \(count) counters, got \(tally.count)")
        let n = UInt64(count)
        thresholds.withUnsafeBufferPointer { threshold in
            aliases.withUnsafeBufferPointer { alias in
                for _ in 0..<trials {
                    let product = generator.next().multipliedFullWidth(by: n)
                    let column = Int(truncatingIfNeeded: product.high)
                    tally[Self.pick(column: column, word: product.low, threshold: threshold[column], alias: alias[column])] &+= 1
                }
            }
        }
    }
}
