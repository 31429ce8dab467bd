import Charts

/// Number formats of the report's tables: locale-independent (via `Charts.NumberFormat`), with
/// trailing zeros kept so that a column's decimals line up; "n/a" for a missing value.
enum ReportFormat {
    /// 1234567 → "1,234,567".
    static func count(_ value: Int) -> String {
        NumberFormat.grouped(Double(value))
    }

    /// `fixed(2.5, 2)` → "2.50".
    static func fixed(_ value: Double?, _ decimals: Int) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return NumberFormat.fixed(value, decimals: decimals, trimZeros: false)
    }

    /// A share in 0…1 as a percentage: `percent(0.26, 1)` → "26.0%".
    static func percent(_ share: Double?, _ decimals: Int = 1) -> String {
        guard let share, share.isFinite else { return "n/a" }
        return NumberFormat.fixed(share * 100, decimals: decimals, trimZeros: false) + "%"
    }
}
