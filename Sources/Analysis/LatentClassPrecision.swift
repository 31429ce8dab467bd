#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The precision half of the α M-step. Write one component's α = s·m with m on the simplex (the
/// component's mean shares) and s = Σ_j α_j its precision. With weights r_i the M-step maximises
///
///     f(s, m) = Σ_i r_i [lnΓ(s) − lnΓ(n_i + s)] + Σ_j Σ_i r_i [lnΓ(x_ij + s·m_j) − lnΓ(s·m_j)].
///
/// Why a separate step: for counts with no over-dispersion (multinomial rows), expanding
/// lnΓ(x + α) − lnΓ(α) = x ln α + x(x − 1)/(2α) + O(α⁻²) gives
///
///     f(s, m) ≈ f(∞, m) + D/(2s),   D = Σ_i r_i [Σ_j x_ij(x_ij − 1)/m_j − n_i(n_i − 1)],
///
/// and E[D] = 0 for multinomial rows (E[x_j(x_j − 1)] = n(n − 1)m_j²): f is flat in s, its
/// maximum at s = ∞ whenever sampling noise makes D < 0. Minka's joint fixed point
/// (`updateAlpha`) then creeps: each step raises s by a roughly constant amount, so EM never meets
/// its relative-change rule. In u = ln s, f ≈ f∞ + (D/2)e^{−u} has f′ = −f″, so one Newton step in
/// u multiplies s by e: large s is reached geometrically (Minka 2000, "Estimating a Dirichlet
/// distribution", §3-4, the fixed-mean precision update, here for the Dirichlet-multinomial).
///
/// The step: Newton in u with m fixed, |Δu| ≤ `maximumLogStep`, moving uphill by the gradient's
/// sign when f is not concave in u there, halving Δu until f does not decrease (else s stays),
/// s kept in [J·`LatentClass.minimumAlpha`, `maximumPrecision`].
enum LatentClassPrecision {
    /// Upper bound on s = Σ_j α_j. By the expansion above, at s the log-likelihood differs from the
    /// multinomial limit (s = ∞) by about Σ_i n_i(n_i − 1)/(2s) at most in size (the scale of D):
    /// for the hobbies example (2,426 users with likes, Σ_i n_i(n_i − 1)/2 = 684,374) that is
    /// ≤ 0.68 nats at 1e6, below BIC's ln(n)/2 ≈ 3.9 nats per parameter and a likelihood-ratio
    /// test's 1.92 nats (5 %, one parameter): the DM at 1e6 is indistinguishable from the
    /// multinomial there. (For far larger per-user counts the bound would deserve raising.)
    static let maximumPrecision = 1e6
    /// Precision steps per M-step and component (after the first fixed-point sweeps): up to a
    /// factor e^(2·3) ≈ 400 in s per EM iteration, so the bound is reached in a few iterations,
    /// while the steps' log evaluations stay a small part of an M-step.
    static let stepsPerMStep = 3
    /// Largest Newton move in ln s per step (a factor of e² ≈ 7.4 in s).
    static let maximumLogStep = 2.0

    /// Σ_{t=a}^{b−1} ln(α + t) = lnΓ(α + b) − lnΓ(α + a): summed for short runs, by `lgamma` otherwise.
    @inline(__always)
    static func logRun(_ alpha: Double, from a: Int, to b: Int) -> Double {
        if b - a <= 24 {
            var sum = 0.0
            for t in a..<b { sum += log(alpha + Double(t)) }
            return sum
        }
        return lgamma(alpha + Double(b)) - lgamma(alpha + Double(a))
    }

    /// Σ_{t=a}^{b−1} 1/(α + t)² (the trigamma difference ψ′(α + a) − ψ′(α + b)), summed directly;
    /// for long runs by ψ′(x) ≈ 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) on x = α + a ≥ 10 terms
    /// (error below 1e-9 relative), else directly.
    @inline(__always)
    static func squaredReciprocalRun(_ alpha: Double, from a: Int, to b: Int) -> Double {
        if b - a <= 24 || alpha + Double(a) < 10 {
            var sum = 0.0
            for t in a..<b {
                let x = alpha + Double(t)
                sum += 1 / (x * x)
            }
            return sum
        }
        return trigammaTail(alpha + Double(a)) - trigammaTail(alpha + Double(b))
    }

    /// ψ′(x) for x ≥ 10 by its asymptotic series.
    @inline(__always)
    static func trigammaTail(_ x: Double) -> Double {
        let i = 1 / x, i2 = i * i
        return i + i2 / 2 + i2 * i / 6 - i2 * i2 * i / 30 + i2 * i2 * i2 * i / 42
    }

    /// f(α) for component c (the M-step objective above), from the tail sums.
    static func objective(alpha: ArraySlice<Double>, c: Int, groups: CountGroups, tails: [Double], totalTails: [Double]) -> Double {
        let J = groups.columnStarts.count - 1
        let valueCount = groups.columnValues.count, totalCount = groups.totalValues.count
        let base = alpha.startIndex
        var concentration = 0.0
        for j in 0..<J { concentration += alpha[base + j] }
        var value = 0.0
        var previous = 0
        for i in 0..<totalCount {
            let v = Int(groups.totalValues[i])
            value -= totalTails[c * totalCount + i] * logRun(concentration, from: previous, to: v)
            previous = v
        }
        for j in 0..<J {
            let a = alpha[base + j]
            previous = 0
            for i in groups.columnValueStarts[j]..<groups.columnValueStarts[j + 1] {
                let v = Int(groups.columnValues[i])
                value += tails[c * valueCount + i] * logRun(a, from: previous, to: v)
                previous = v
            }
        }
        return value
    }

    /// df/du and d²f/du² at u = ln s with m fixed (f′(u) = s·g, f″(u) = s·g + s²·g′ where g = ∂f/∂s).
    static func derivatives(
        precision s: Double, mean m: [Double], c: Int, groups: CountGroups, tails: [Double], totalTails: [Double]
    ) -> (first: Double, second: Double) {
        let J = groups.columnStarts.count - 1
        let valueCount = groups.columnValues.count, totalCount = groups.totalValues.count
        var g = 0.0, gPrime = 0.0
        var previous = 0
        for i in 0..<totalCount {
            let v = Int(groups.totalValues[i]), weight = totalTails[c * totalCount + i]
            g -= weight * reciprocalRun(s, from: previous, to: v)
            gPrime += weight * squaredReciprocalRun(s, from: previous, to: v)
            previous = v
        }
        for j in 0..<J {
            let a = s * m[j]
            var first = 0.0, second = 0.0
            previous = 0
            for i in groups.columnValueStarts[j]..<groups.columnValueStarts[j + 1] {
                let v = Int(groups.columnValues[i]), weight = tails[c * valueCount + i]
                first += weight * reciprocalRun(a, from: previous, to: v)
                second += weight * squaredReciprocalRun(a, from: previous, to: v)
                previous = v
            }
            g += m[j] * first
            gPrime -= m[j] * m[j] * second
        }
        return (s * g, s * g + s * s * gPrime)
    }

    /// Scales component c's α down to s = `maximumPrecision` when a fixed-point sweep took it
    /// above (mean kept; on the flat ridge this costs f about D/(2s) differences, ~1e-6 nats);
    /// returns the relative change of s (0 when within the bound).
    static func bound(alpha: inout [Double], c: Int, columns J: Int) -> Double {
        var s = 0.0
        for j in 0..<J { s += alpha[c * J + j] }
        guard s > maximumPrecision else { return 0 }
        for j in 0..<J { alpha[c * J + j] = max(alpha[c * J + j] * (maximumPrecision / s), LatentClass.minimumAlpha) }
        return (s - maximumPrecision) / s
    }

    /// One safeguarded Newton step on component c's precision (see the type's comment), in place.
    /// Never lowers f; returns the relative change of s.
    @discardableResult
    static func step(alpha: inout [Double], c: Int, groups: CountGroups, tails: [Double], totalTails: [Double]) -> Double {
        let J = groups.columnStarts.count - 1
        let range = (c * J)..<((c + 1) * J)
        var s = 0.0
        for index in range { s += alpha[index] }
        guard s > 0, s.isFinite else { return 0 }
        let m = alpha[range].map { $0 / s }
        let lowest = Double(J) * LatentClass.minimumAlpha
        if s > maximumPrecision {
            // Only reachable from the joint fixed point: bring s back within the bound first.
            for (offset, index) in range.enumerated() { alpha[index] = max(maximumPrecision * m[offset], LatentClass.minimumAlpha) }
            s = maximumPrecision
        }
        let current = objective(alpha: alpha[range], c: c, groups: groups, tails: tails, totalTails: totalTails)
        let (first, second) = derivatives(precision: s, mean: m, c: c, groups: groups, tails: tails, totalTails: totalTails)
        guard first.isFinite, second.isFinite, first != 0 else { return 0 }
        var delta = second < 0 ? -first / second : (first > 0 ? 1 : -1)
        delta = min(max(delta, -maximumLogStep), maximumLogStep)
        let u = log(s)
        for _ in 0..<20 {
            let candidate = min(max(exp(u + delta), lowest), maximumPrecision)
            if candidate == s { return 0 }
            var trial = alpha
            for (offset, index) in range.enumerated() { trial[index] = max(candidate * m[offset], LatentClass.minimumAlpha) }
            let value = objective(alpha: trial[range], c: c, groups: groups, tails: tails, totalTails: totalTails)
            if value >= current {
                for index in range { alpha[index] = trial[index] }
                return abs(candidate - s) / s
            }
            delta /= 2
        }
        return 0
    }
}
