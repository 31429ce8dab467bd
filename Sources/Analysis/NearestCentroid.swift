/// Branch-free nearest-centroid search for two rows at a time, the inner step of every k-means
/// pass.
///
/// The two rows occupy the two lanes of a `SIMD2<Double>`; each centroid coordinate is stored
/// pre-broadcast to both lanes (`lanes[j·d + t] = (c_jt, c_jt)`). For every centroid the lanes
/// get Σₜ (xₜ − c_jt)² (coordinate order, separate multiply and add: bit-identical to
/// `squaredDistance`), and a running minimum with its index is kept with vector compares and
/// bit-mask blends. No branch depends on the data: on shuffled rows the nearest centroid is
/// unpredictable and a branchy argmin mispredicts on most rows (measured at d = 3, k = 4:
/// 11–20 ns per row branchy, ~5.5 ns branch-free in pairs, single thread).
///
/// The scan is in centroid order with a strict `<`, so ties go to the lowest centroid index,
/// as in scikit-learn.
struct BroadcastCentroids {
    let k: Int
    let d: Int
    /// k · d pairs, see the type's documentation, followed by k pairs (j, j) for j = 0..<k: the
    /// centroid indices, as Doubles (exact), ready for the branch-free argmin.
    let lanes: [SIMD2<Double>]

    /// - Parameter centroids: k × d row-major.
    init(_ centroids: [Double], k: Int, d: Int) {
        precondition(k >= 1 && centroids.count == k * d, "need k >= 1 centroids of d coordinates")
        self.k = k
        self.d = d
        self.lanes = centroids.map { SIMD2(repeating: $0) } + (0..<k).map { SIMD2(repeating: Double($0)) }
    }
}

/// Squared distances of rows `a` (lane 0) and `b` (lane 1) to the centroid at `centroid`.
@inline(__always)
private func pairDistance<D: Dimension>(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ centroid: UnsafePointer<SIMD2<Double>>, _ dimension: D
) -> SIMD2<Double> {
    var sum = SIMD2<Double>(repeating: 0)
    for t in 0..<dimension.count {
        let diff = SIMD2(a[t], b[t]) - centroid[t]
        sum = sum + diff * diff
    }
    return sum
}

/// `mask ? a : b` lane-wise with bit operations (the standard library's `replacing(with:where:)`
/// and `pointwiseMin`/`pointwiseMax` are lowered lane by lane with branches); the optimiser
/// turns the patterns below into `minpd`/`maxpd`.
@inline(__always)
private func blend(_ mask: SIMDMask<SIMD2<Int64>>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
    let m = unsafeBitCast(mask, to: SIMD2<Int64>.self)
    let ai = unsafeBitCast(a, to: SIMD2<Int64>.self), bi = unsafeBitCast(b, to: SIMD2<Int64>.self)
    return unsafeBitCast((ai & m) | (bi & ~m), to: SIMD2<Double>.self)
}

/// Bitwise AND of a Double vector with a compare mask (all-ones or all-zeros lanes).
@inline(__always)
private func masked(_ value: SIMD2<Double>, _ mask: SIMDMask<SIMD2<Int64>>) -> SIMD2<Double> {
    let bits = unsafeBitCast(value, to: SIMD2<Int64>.self) & unsafeBitCast(mask, to: SIMD2<Int64>.self)
    return unsafeBitCast(bits, to: SIMD2<Double>.self)
}

/// The nearest centroid of row `a` (lane 0) and of row `b` (lane 1), with the squared distances.
/// Pass `b == a` for a lone last row. `lanes` points at `BroadcastCentroids.lanes`; `k` ≥ 1.
///
/// Per centroid j ≥ 1: `take = distance < best` (strict, so ties keep the lower index), then
/// `best = take ? distance : best` (a min) and `index = max(index, take ? j : 0)`, which equals
/// `take ? j : index` because every earlier index is < j. Indices are exact small Doubles so all
/// of this is three SSE2 instructions per centroid and lane pair.
@inline(__always)
func nearestCentroids<D: Dimension>(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
    _ lanes: UnsafePointer<SIMD2<Double>>, k: Int, _ dimension: D
) -> (indices: SIMD2<Int64>, squaredDistances: SIMD2<Double>) {
    let d = dimension.count
    let indexLanes = lanes + k &* d
    var best = pairDistance(a, b, lanes, dimension)
    var index = SIMD2<Double>(repeating: 0)
    var j = 1
    while j < k {
        let distance = pairDistance(a, b, lanes + j &* d, dimension)
        let take = distance .< best
        best = blend(take, distance, best)
        let candidate = masked(indexLanes[j], take)
        index = blend(candidate .> index, candidate, index)
        j &+= 1
    }
    // Exact small integer → Int64 without the range checks of Int64(_:): adding 2⁵² puts the
    // integer in the low mantissa bits.
    let shifted = unsafeBitCast(index + SIMD2(repeating: 0x1p52), to: SIMD2<Int64>.self)
    return (shifted & SIMD2(repeating: 0xF_FFFF_FFFF_FFFF), best)
}
