/// What the report's script needs to zoom and pan an x-y chart along its x axis: the plot's
/// rectangle in SVG user units and the x scale's data domain, written as data attributes on the
/// chart's root `<svg>`.
///
/// - `data-plot="x y width height"`: the plot rectangle (user units, y down).
/// - `data-x-domain="lower upper"`: the data values at the plot's left and right edges.
/// - `data-x-scale="linear"` or `"log"`: pixel = x + (v − lower)/(upper − lower)·width, or the same
///   in log₁₀ v (both bounds > 0).
///
/// The script moves every root child marked `data-layer="marks"` into a nested `<svg>` viewport
/// over the plot rectangle (it clips without any `url(#…)` reference), zooms by narrowing that
/// viewport's `viewBox` along x, and redraws the x ticks from the domain. Static charts carry
/// no script: without it the attributes do nothing.
struct PlotZoom: Sendable {
    let plot: PlotRect
    let lower: Double
    let upper: Double
    let logarithmic: Bool

    init(plot: PlotRect, axis: NumericAxis) {
        self.plot = plot
        lower = axis.lower
        upper = axis.upper
        logarithmic = axis.logarithmic
    }

    /// The root's data attributes; none when the domain is not finite (nothing to zoom).
    var attributes: [SVGAttribute] {
        guard lower.isFinite, upper.isFinite, upper > lower, !logarithmic || lower > 0 else { return [] }
        let rect = [plot.x, plot.y, plot.width, plot.height].map { SVGNumber.format($0) }.joined(separator: " ")
        return [
            SVGAttribute("data-plot", rect),
            SVGAttribute("data-x-domain", "\(lower) \(upper)"),
            SVGAttribute("data-x-scale", logarithmic ? "log" : "linear"),
        ]
    }

    /// The attribute that marks a root child as drawn inside the plot (moved into the zoom viewport).
    static let marksLayer = SVGAttribute("data-layer", "marks")
}
