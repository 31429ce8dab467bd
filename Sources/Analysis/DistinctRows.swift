/// How many distinct rows a matrix has, counted up to a cap: a clustering into k segments needs
/// at least k distinct points, or some segment is empty (k-means) or a copy of another (a
/// mixture). The count stops at `cap`, so on real data (whose first rows already differ) it
/// costs a few rows, not a pass.
extension Matrix {
    /// min(distinct rows, `cap`). Rows compare by their exact values (`-0` equals `0`).
    public func distinctRowCount(upTo cap: Int) -> Int {
        var seen = Set<[Double]>()
        for row in 0..<rows {
            if seen.count >= cap { break }
            seen.insert(values[(row * columns)..<((row + 1) * columns)].map { $0 == 0 ? 0 : $0 })
        }
        return min(seen.count, cap)
    }
}

extension CountMatrix {
    /// min(distinct rows, `cap`): rows compare by their nonzero (column, count) pairs.
    public func distinctRowCount(upTo cap: Int) -> Int {
        var seen = Set<[Int64]>()
        for row in 0..<rows {
            if seen.count >= cap { break }
            var key: [Int64] = []
            for entry in rowStarts[row]..<rowStarts[row + 1] {
                key.append(Int64(columnIndices[entry]) << 32 | Int64(UInt32(bitPattern: counts[entry])))
            }
            seen.insert(key)
        }
        return min(seen.count, cap)
    }
}
