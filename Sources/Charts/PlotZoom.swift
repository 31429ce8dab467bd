import Foundation

/// What the report's script needs to zoom and pan an x-y chart along its x axis: the plot's
/// rectangle in SVG user units and the x scale's data domain, written as data attributes on the
/// chart's root `<svg>`.
///
/// - `data-plot="x y width height"`: the plot rectangle (user units, y down).
/// - `data-x-domain="lower upper"`: the data values at the plot's left and right edges.
/// - `data-x-scale="linear"` or `"log"`: pixel = x + (v − lower)/(upper − lower)·width, or the same
///   in log₁₀ v (both bounds > 0).
///
/// - `data-x-integer="1"` when the axis counts whole things (k): zoomed ticks stay whole numbers.
/// - `data-x-ticks='[["value","label"],…]'` (JSON), only when the axis writes its own labels (dates,
///   percentages, names) instead of plain numbers: the zoomed axis then shows those of these ticks
///   that are in view, since the script cannot write such labels for new tick values.
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
    /// The axis' own ticks when its labels are not the plain numbers the script would write; else empty.
    let labelledTicks: [(value: Double, label: String)]
    let integer: Bool

    init(plot: PlotRect, axis: NumericAxis, integer: Bool = false) {
        self.integer = integer
        self.plot = plot
        lower = axis.lower
        upper = axis.upper
        logarithmic = axis.logarithmic
        let plain = NumericAxis(lower: axis.lower, upper: axis.upper, ticks: axis.ticks, logarithmic: axis.logarithmic).labels
        labelledTicks = axis.labels == plain ? [] : zip(axis.ticks.values, axis.labels).map { ($0, $1) }
    }

    /// The root's data attributes; none when the domain is not finite (nothing to zoom).
    var attributes: [SVGAttribute] {
        guard lower.isFinite, upper.isFinite, upper > lower, !logarithmic || lower > 0 else { return [] }
        let rect = [plot.x, plot.y, plot.width, plot.height].map { SVGNumber.format($0) }.joined(separator: " ")
        var attributes = [
            SVGAttribute("data-plot", rect),
            SVGAttribute("data-x-domain", "\(lower) \(upper)"),
            SVGAttribute("data-x-scale", logarithmic ? "log" : "linear"),
        ]
        if integer { attributes.append(SVGAttribute("data-x-integer", "1")) }
        let pairs = labelledTicks.filter(\.value.isFinite).map { ["\($0.value)", $0.label] }
        if !pairs.isEmpty, let json = try? JSONEncoder().encode(pairs), let text = String(data: json, encoding: .utf8) {
            attributes.append(SVGAttribute("data-x-ticks", text))
        }
        return attributes
    }

    /// The attribute that marks a root child as drawn inside the plot (moved into the zoom viewport).
    static let marksLayer = SVGAttribute("data-layer", "marks")
}
