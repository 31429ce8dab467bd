/// Coordinates and lengths in SVG user units, written compactly.
///
/// One SVG user unit is one CSS pixel at the chart's natural size (`width`/`height` equal the
/// `viewBox`). Two decimals (1/100 px) are far below what a screen can show and keep files small;
/// point clouds use one decimal.
enum SVGNumber {
    /// `value` with at most `decimals` fraction digits and no trailing zeros.
    /// - Precondition: `value` is finite (the writer drops elements whose numbers are not).
    static func format(_ value: Double, decimals: Int = 2) -> String {
        precondition(value.isFinite, "SVG number must be finite, got \(value)")
        return NumberFormat.fixed(value, decimals: decimals)
    }
}
