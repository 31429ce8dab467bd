/// Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011) for a decreasing convex curve such as
/// k-means inertia against k.
///
/// 1. Normalise both axes to [0, 1]: xₙ = (x − x_min)/(x_max − x_min), yₙ likewise.
/// 2. Turn the elbow into a knee: y′ = 1 − yₙ (increasing, concave).
/// 3. Difference curve D = y′ − xₙ: how far the curve bows above the chord joining its ends
///    (D = 0 at both ends and everywhere on a straight line).
/// 4. The candidate knee is the first maximum of D.
/// 5. Kneedle's threshold: the knee is confirmed only if D later drops below
///    T = D_max − S · mean(Δxₙ), with sensitivity S (the paper's default S = 1). Since D returns
///    to 0 at the last point, this asks that the curve bows above its chord by more than S
///    average x-steps, i.e. D_max > S/(n − 1) for evenly spaced x (0.111 for k = 1…10): an
///    elbow must stand out by more than one k-step's share of the normalised range. Anything
///    flatter is reported as "no clear knee".
///
/// - Returns: the index of the knee in `x`, or nil when there are fewer than 3 points, y is
///   constant, the curve never bows above its chord, or the bulge is below the threshold.
/// - Precondition: `x.count == y.count`, x strictly increasing, all values finite, S ≥ 0.
public func findKnee(x: [Double], y: [Double], sensitivity: Double = 1.0) -> Int? {
    precondition(x.count == y.count, "x has \(x.count) values, y \(y.count)")
    precondition(sensitivity >= 0, "sensitivity must be >= 0, got \(sensitivity)")
    let n = x.count
    guard n >= 3 else { return nil }
    for i in 1..<n {
        precondition(x[i] > x[i - 1], "x must be strictly increasing (x[\(i - 1)]=\(x[i - 1]), x[\(i)]=\(x[i]))")
    }
    guard let yMin = y.min(), let yMax = y.max(), yMax > yMin else { return nil }
    let xMin = x[0], xRange = x[n - 1] - x[0]
    let yRange = yMax - yMin
    let difference = (0..<n).map { i in (1 - (y[i] - yMin) / yRange) - (x[i] - xMin) / xRange }
    var knee = 0
    for i in 1..<n where difference[i] > difference[knee] { knee = i }
    guard difference[knee] > 0 else { return nil }
    // mean(Δxₙ) over the n − 1 steps is exactly 1/(n − 1) after normalisation.
    let threshold = difference[knee] - sensitivity / Double(n - 1)
    for i in (knee + 1)..<n where difference[i] < threshold { return knee }
    return nil
}
