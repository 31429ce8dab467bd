/// A tick the caller places and names, e.g. the first day of a month labelled "Mar 2026" on an
/// axis of day numbers.
public struct LabelledTick: Sendable, Equatable {
    /// Where the tick is, in data units.
    public let value: Double
    public let label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

extension NumericAxis {
    /// A linear axis over the data extent padded by `padding` (data units) each side, with the
    /// caller's `ticks` that fall inside it; when more than `count` fall inside, every n-th is kept
    /// (n the smallest that leaves at most `count`), starting with the first.
    static func labelled(_ ticks: [LabelledTick], dataMin: Double?, dataMax: Double?, count: Int, padding: Double) -> NumericAxis {
        var low = dataMin ?? 0, high = dataMax ?? 1
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if low > high { swap(&low, &high) }
        if low == high { low -= 1; high += 1 }
        low -= padding
        high += padding
        let inside = ticks.filter { $0.value.isFinite && $0.value >= low && $0.value <= high }.sorted { $0.value < $1.value }
        let stride = max(1, (inside.count + max(1, count) - 1) / max(1, count))
        let kept = inside.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        let step = kept.count >= 2 ? kept[1].value - kept[0].value : high - low
        return NumericAxis(lower: low, upper: high, ticks: TickSet(values: kept.map(\.value), step: step), logarithmic: false,
                           labels: kept.map(\.label))
    }
}
