/// Fixed typography and spacing of every chart, in SVG user units (pixels).
///
/// Fonts are the platform's own sans-serif (no web fonts): the page stays self-contained and
/// renders offline. Sizes are chosen for a 640 px wide chart read at 100 % zoom.
enum Theme {
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, Noto Sans, DejaVu Sans, sans-serif"
    static let titleSize = 15.0
    static let labelSize = 12.0
    static let tickSize = 11.0
    static let captionSize = 11.0
    static let legendSize = 12.0

    /// Outer padding between the chart edge and anything drawn.
    static let padding = 12.0
    static let tickLength = 5.0
    static let tickPadding = 3.0
    /// Height of one caption or annotation-label line.
    static let lineHeight = 14.0
    /// Height of one legend row.
    static let legendRowHeight = 18.0
    /// Side of a legend swatch.
    static let swatchSize = 11.0
}
