import Foundation

/// A numeric axis before layout: its domain, ticks and whether it is logarithmic.
///
/// Built from the data's extent; turned into a ``PositionScale`` once the plot's pixel range is known.
struct NumericAxis: Sendable {
    let lower: Double
    let upper: Double
    let ticks: TickSet
    let logarithmic: Bool
    /// Tick labels, one per tick value.
    let labels: [String]

    /// Labels default to compact numbers with precision from the tick step (linear) or to
    /// ``NumberFormat/compact(_:)`` (log: 0.01, 1, 100, 10k).
    init(lower: Double, upper: Double, ticks: TickSet, logarithmic: Bool, labels: [String]? = nil) {
        self.lower = lower
        self.upper = upper
        self.ticks = ticks
        self.logarithmic = logarithmic
        self.labels = labels ?? ticks.values.map { logarithmic ? NumberFormat.compact($0) : NumberFormat.tickLabel($0, step: ticks.step) }
    }

    /// The same axis with labels written by `format`.
    func relabelled(_ format: ValueFormat) -> NumericAxis {
        NumericAxis(lower: lower, upper: upper, ticks: ticks, logarithmic: logarithmic, labels: ticks.values.map(format.format))
    }

    /// A linear axis over `dataMin…dataMax`. With `nice`, the domain grows to the outermost nice
    /// ticks (Heckbert); otherwise it is the data extent and only ticks inside it are kept.
    /// `includeZero` first widens the extent to contain 0 (bars, counts). Non-finite or missing
    /// extents fall back to 0…1.
    static func linear(_ dataMin: Double?, _ dataMax: Double?, count: Int, nice: Bool, includeZero: Bool = false) -> NumericAxis {
        var low = dataMin ?? 0, high = dataMax ?? 1
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if low > high { swap(&low, &high) }
        if includeZero { low = min(low, 0); high = max(high, 0) }
        if high == low && !nice {
            let set = niceTickSet(lower: low, upper: high, count: count)
            return NumericAxis(lower: set.values.first ?? low, upper: set.values.last ?? high + 1, ticks: set, logarithmic: false)
        }
        let set = niceTickSet(lower: low, upper: high, count: count)
        if nice, let first = set.values.first, let last = set.values.last, first < last {
            return NumericAxis(lower: first, upper: last, ticks: set, logarithmic: false)
        }
        let tolerance = (high - low) * 1e-9
        let inside = set.values.filter { $0 >= low - tolerance && $0 <= high + tolerance }
        return NumericAxis(lower: low, upper: high, ticks: TickSet(values: inside, step: set.step), logarithmic: false)
    }

    /// A log10 axis over the data extent (both bounds must be > 0; otherwise 1…10).
    /// With `nice`, the domain grows to whole decades.
    static func log(_ dataMin: Double?, _ dataMax: Double?, count: Int, nice: Bool) -> NumericAxis {
        var low = dataMin ?? 1, high = dataMax ?? 10
        if !(low.isFinite && high.isFinite && low > 0 && high > 0) { low = 1; high = 10 }
        if low > high { swap(&low, &high) }
        if high == low { low /= 10; high *= 10 }
        if nice {
            low = NumberFormat.pow10(Int(Foundation.log10(low).rounded(.down)))
            high = NumberFormat.pow10(Int(Foundation.log10(high).rounded(.up)))
        }
        return NumericAxis(lower: low, upper: high, ticks: logTicks(lower: low, upper: high, count: count), logarithmic: true)
    }

    /// A linear axis over integers (e.g. k) with integer ticks; the domain is padded by `padding`
    /// (in data units) on both sides so end markers are not cut by the frame.
    static func integer(_ dataMin: Double?, _ dataMax: Double?, count: Int, padding: Double) -> NumericAxis {
        var low = dataMin ?? 0, high = dataMax ?? 1
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if low > high { swap(&low, &high) }
        if low == high { low -= 1; high += 1 }
        let set = integerTicks(lower: low, upper: high, count: count)
        return NumericAxis(lower: low - padding, upper: high + padding, ticks: set, logarithmic: false)
    }

    /// The axis mapped onto pixels `start…end` (reversed for a y axis: start = plot bottom).
    func scale(_ start: Double, _ end: Double) -> PositionScale {
        if logarithmic, let log = LogScale(domain: (lower, upper), range: (start, end)) {
            return .log(log)
        }
        return .linear(LinearScale(domain: (lower, upper), range: (start, end)))
    }
}

/// A linear or logarithmic position scale.
enum PositionScale: Sendable {
    case linear(LinearScale)
    case log(LogScale)

    /// Pixel for `value`; `nil` for non-finite values and, on a log scale, values ≤ 0.
    func map(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .linear(let scale): return scale.map(value)
        case .log(let scale): return scale.map(value)
        }
    }

    /// Ticks positioned on this scale, labelled by `axis`.
    func ticks(_ axis: NumericAxis) -> [AxisTick] {
        zip(axis.ticks.values, axis.labels).compactMap { value, label in
            map(value).map { AxisTick(position: $0, label: label) }
        }
    }
}
