/// Adjusted Rand index (Hubert & Arabie 1985) between two partitions of the same rows, as
/// scikit-learn's `adjusted_rand_score`.
///
/// From the pair confusion counts over ordered pairs of distinct rows — tp (together in both),
/// fp/fn (together in one only), tn (apart in both) — ARI = 2(tp·tn − fn·fp) /
/// ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)). It is 1 for identical partitions (up to renaming
/// labels), about 0 for independent ones, and can be negative. When fp = fn = 0 the partitions
/// agree and the result is 1.0 (this covers scikit-learn's special cases: both a single cluster,
/// both all singletons, and n ≤ 1).
///
/// Counts are exact integers; only the final ratio is floating point. Labels may be any values.
/// - Precondition: `a.count == b.count`.
public func adjustedRandIndex(_ a: [Int32], _ b: [Int32]) -> Double {
    precondition(a.count == b.count, "label arrays differ in length: \(a.count) vs \(b.count)")
    let n = a.count
    var joint: [UInt64: Int] = [:]
    var rowSizes: [Int32: Int] = [:]
    var columnSizes: [Int32: Int] = [:]
    for i in 0..<n {
        let key = UInt64(UInt32(bitPattern: a[i])) << 32 | UInt64(UInt32(bitPattern: b[i]))
        joint[key, default: 0] += 1
        rowSizes[a[i], default: 0] += 1
        columnSizes[b[i], default: 0] += 1
    }
    // Ordered pairs: Σ m(m − 1) over cells / rows / columns.
    func pairs(_ counts: Dictionary<some Hashable, Int>.Values) -> Int {
        counts.reduce(0) { $0 + $1 * ($1 - 1) }
    }
    let together = pairs(joint.values)
    let sameA = pairs(rowSizes.values)
    let sameB = pairs(columnSizes.values)
    let tp = together
    let fn = sameA - together
    let fp = sameB - together
    let tn = n * (n - 1) - tp - fn - fp
    if fn == 0 && fp == 0 { return 1.0 }
    let numerator = 2.0 * (Double(tp) * Double(tn) - Double(fn) * Double(fp))
    let denominator = Double(tp + fn) * Double(fn + tn) + Double(tp + fp) * Double(fp + tn)
    return numerator / denominator
}
