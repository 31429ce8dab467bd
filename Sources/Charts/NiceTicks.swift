import Foundation

/// A set of round tick values spaced `step` apart (`step` drives label precision).
public struct TickSet: Sendable, Equatable {
    /// Tick values in increasing order.
    public let values: [Double]
    /// Distance between neighbouring ticks (for log ticks: the smallest gap, used for labels).
    public let step: Double

    public init(values: [Double], step: Double) {
        self.values = values
        self.step = step
    }
}

/// Round tick values covering `lower…upper`: Heckbert's "nice numbers for graph labels"
/// (Graphics Gems, 1990), loose labelling.
///
/// `step = nice((upper − lower) / (count − 1))`, where `nice` rounds to the closest of 1, 2, 5 or 10
/// times a power of ten (thresholds 1.5, 3, 7 on the mantissa); the ticks are the multiples of
/// `step` from ⌊lower/step⌋·step to ⌈upper/step⌉·step, so the first tick is ≤ `lower` and the last
/// ≥ `upper`. (Heckbert first rounds the range up to a nice number too; skipping that step, as d3
/// does, avoids domains up to twice too wide, e.g. −10…10 for data in −6…7.)
/// `count` is a target, not a promise: `0…1, 5` → `0, 0.2, …, 1` (6 ticks); `0…97, 5` →
/// `0, 20, …, 100`.
///
/// Degenerate input never traps: bounds are swapped if reversed; a zero-width domain `v…v` is
/// widened to `v ± |v|/2` (or `0…1` for `v = 0`); non-finite bounds give no ticks; `count < 2` is
/// treated as 2. Tick values are built as `k·m·10ⁿ` from integers, so `0.1 + 0.2`-style drift
/// never appears (`0.6`, not `0.6000000000000001`).
public func niceTicks(lower: Double, upper: Double, count: Int = 5) -> [Double] {
    niceTickSet(lower: lower, upper: upper, count: count).values
}

/// ``niceTicks(lower:upper:count:)`` with the step, for label formatting.
public func niceTickSet(lower: Double, upper: Double, count: Int = 5) -> TickSet {
    guard lower.isFinite, upper.isFinite else { return TickSet(values: [], step: 1) }
    var low = min(lower, upper)
    var high = max(lower, upper)
    if high - low <= abs(high) * 1e-12 {
        if low == 0 {
            high = 1
        } else {
            let half = abs(low) / 2
            low -= half
            high += half
        }
    }
    let target = max(2, count)
    let step = NiceNumber.nice((high - low) / Double(target - 1), round: true)
    // Far from zero relative to the step, integer tick indices would overflow: keep the bounds.
    guard max(abs(low), abs(high)) / step.value < 1e15 else { return TickSet(values: [low, high], step: high - low) }
    // A small tolerance stops 0.6/0.2 = 2.9999… from adding a tick below 0.6.
    let first = Int(((low / step.value) + 1e-9).rounded(.down))
    let last = Int(((high / step.value) - 1e-9).rounded(.up))
    guard last >= first, last - first <= 1000 else { return TickSet(values: [low, high], step: high - low) }
    let values = (first...last).map { step.multiple($0) }
    return TickSet(values: values, step: step.value)
}

/// Integer ticks for a domain of integers (e.g. the number of clusters k): the nice step, but at
/// least 1, and only ticks inside `lower…upper`.
public func integerTicks(lower: Double, upper: Double, count: Int = 8) -> TickSet {
    guard lower.isFinite, upper.isFinite else { return TickSet(values: [], step: 1) }
    let low = min(lower, upper), high = max(lower, upper)
    let nice = niceTickSet(lower: low, upper: high, count: count)
    let step = max(1, nice.step.rounded(.up))
    let first = Int((low / step).rounded(.up)), last = Int((high / step).rounded(.down))
    guard last >= first, last - first <= 1000 else { return TickSet(values: [], step: step) }
    return TickSet(values: (first...last).map { Double($0) * step }, step: step)
}

/// Ticks for a log10 axis on `lower…upper` (both > 0): the powers of ten inside the domain; when the
/// domain spans at most two decades, also 2·10ⁿ and 5·10ⁿ. Long domains keep every k-th decade so
/// that at most about `count` + 1 ticks remain. If fewer than two ticks fall inside a very narrow
/// domain, linear nice ticks inside it are used instead. Non-positive or non-finite bounds → no ticks.
public func logTicks(lower: Double, upper: Double, count: Int = 6) -> TickSet {
    guard lower.isFinite, upper.isFinite, lower > 0, upper > 0 else { return TickSet(values: [], step: 1) }
    let low = min(lower, upper), high = max(lower, upper)
    // Decades whose 1·10ⁿ … 5·10ⁿ may fall inside the domain.
    let firstDecade = Int((log10(low) - 1e-9).rounded(.down))
    let lastDecade = Int((log10(high) + 1e-9).rounded(.down))
    guard lastDecade - firstDecade <= 700 else { return TickSet(values: [], step: 1) }
    let span = log10(high / low)
    let multipliers: [Double] = span <= 2.0001 ? [1, 2, 5] : [1]
    // Keep exponents that are multiples of the stride (1, 100, 10k, … for a stride of 2).
    let decadeStride = max(1, Int((Double(lastDecade - firstDecade) / Double(max(1, count))).rounded(.up)))
    var values: [Double] = []
    var decade = firstDecade
    while decade <= lastDecade {
        if ((decade % decadeStride) + decadeStride) % decadeStride == 0 || multipliers.count > 1 {
            for multiplier in multipliers {
                let value = multiplier * NumberFormat.pow10(decade)
                if value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9) { values.append(value) }
            }
        }
        decade += 1
    }
    if values.count < 2 {
        let linear = niceTickSet(lower: low, upper: high, count: 4)
        let inside = linear.values.filter { $0 >= low * (1 - 1e-9) && $0 <= high * (1 + 1e-9) }
        return TickSet(values: inside, step: linear.step)
    }
    let gaps = zip(values, values.dropFirst()).map { $1 - $0 }
    return TickSet(values: values, step: gaps.min() ?? values[0])
}

/// Heckbert's nice numbers: a positive number as m·10ⁿ with m ∈ {1, 2, 5, 10}.
enum NiceNumber {
    /// m·10ⁿ kept as integers so multiples can be built exactly.
    struct Decomposed {
        let mantissa: Int
        let exponent: Int
        var value: Double { multiple(1) }

        /// k·m·10ⁿ, computed as an integer times (or divided by) an exact power of ten.
        func multiple(_ k: Int) -> Double {
            let integer = Double(k * mantissa)
            return exponent >= 0 ? integer * NumberFormat.pow10(exponent) : integer / NumberFormat.pow10(-exponent)
        }
    }

    /// The nice number near `x` (> 0): with `round`, the closest of 1, 2, 5, 10 (thresholds 1.5, 3,
    /// 7); without, the smallest that is ≥ the fraction (ceiling).
    static func nice(_ x: Double, round: Bool) -> Decomposed {
        guard x.isFinite, x > 0 else { return Decomposed(mantissa: 1, exponent: 0) }
        let exponent = Int(log10(x).rounded(.down))
        let fraction = x / NumberFormat.pow10(exponent)
        let mantissa: Int
        if round {
            mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return mantissa == 10 ? Decomposed(mantissa: 1, exponent: exponent + 1) : Decomposed(mantissa: mantissa, exponent: exponent)
    }
}
