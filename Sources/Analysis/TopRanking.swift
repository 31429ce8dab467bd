/// The first `count` columns of a ranking by score, highest first, ties broken by a second score
/// (higher first), then by the lower column index: a total order, so the ranking is the same
/// whatever the thread or the machine.
///
/// Selection by insertion into a list of `count` (O(J · count) per row, no allocation beyond
/// `into`): for the handful of columns a campaign looks at, cheaper than a sort of every column.
public enum TopRanking {
    /// Writes the top columns (at most `count`; fewer when fewer are `eligible`) into `into` and
    /// returns how many. `eligible`: nil for every column, else a mask (`true` = may be ranked).
    /// - Precondition: `scores.count == tieBreak.count`, `into.count >= count`.
    @inline(__always)
    public static func top(_ scores: [Double], tieBreak: [Double], eligible: [Bool]?, count: Int, into: inout [Int32]) -> Int {
        guard count > 0 else { return 0 }
        var filled = 0
        for j in 0..<scores.count {
            if let eligible, !eligible[j] { continue }
            if filled == count && !precedes(j, Int(into[count - 1]), scores, tieBreak) { continue }
            var position = min(filled, count - 1)
            if filled < count { filled += 1 }
            while position > 0 && precedes(j, Int(into[position - 1]), scores, tieBreak) {
                into[position] = into[position - 1]
                position -= 1
            }
            into[position] = Int32(j)
        }
        return filled
    }

    /// Whether column a ranks before column b.
    @inline(__always)
    static func precedes(_ a: Int, _ b: Int, _ scores: [Double], _ tieBreak: [Double]) -> Bool {
        if scores[a] != scores[b] { return scores[a] > scores[b] }
        if tieBreak[a] != tieBreak[b] { return tieBreak[a] > tieBreak[b] }
        return a < b
    }
}
