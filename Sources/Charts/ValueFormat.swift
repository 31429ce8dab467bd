/// How a chart writes data values in labels, cells and tooltips.
public enum ValueFormat: Sendable, Equatable {
    /// `1.2k`, `3.4M`, `0.25` (three significant digits, see ``NumberFormat/compact(_:)``).
    case compact
    /// A fixed number of decimals, trailing zeros dropped (`1.5`, `2`).
    case fixed(decimals: Int)
    /// Fixed decimals, trailing zeros kept (`1.50`, `2.00`), for aligned table cells.
    case fixedPadded(decimals: Int)
    /// A share in 0…1 as a percentage (`0.256` → `26%` with 0 decimals).
    case percent(decimals: Int)
    /// An integer count with thousands separators (`1,234,567`).
    case grouped
    /// Plain numbers for log axes: whole values from 1 up grouped (`1`, `10`, `1,000`, `100,000`),
    /// others compact (`0.5`, `0.01`), never an exponent or a `k` a reader must decode.
    case plain

    public func format(_ value: Double) -> String {
        switch self {
        case .compact: return NumberFormat.compact(value)
        case .fixed(let decimals): return NumberFormat.fixed(value, decimals: min(9, max(0, decimals)))
        case .fixedPadded(let decimals): return NumberFormat.fixed(value, decimals: min(9, max(0, decimals)), trimZeros: false)
        case .percent(let decimals): return NumberFormat.percent(value, decimals: min(7, max(0, decimals)))
        case .grouped: return NumberFormat.grouped(value)
        case .plain: return value >= 1 && value == value.rounded() ? NumberFormat.grouped(value) : NumberFormat.compact(value)
        }
    }
}
