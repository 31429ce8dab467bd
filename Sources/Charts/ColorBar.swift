/// A vertical colour legend to the right of the plot: a stack of `colors.count` bands from the
/// plot's bottom (first colour, low values) to its top (last colour, high values), ticks with
/// labels on its right and a rotated title at the chart's right edge.
///
/// Geometry (SVG user units): 16 px gap after the plot, a 12 px wide bar, 5 px tick, labels, then
/// the title. ``reservedWidth`` is what ``ChartFrame`` must keep free on the right (`extraRight`).
struct ColorBar {
    /// Colours from low (index 0) to high.
    let colors: [RGBColor]
    /// Ticks as fractions 0…1 of the bar height from the bottom, with labels.
    let ticks: [(fraction: Double, label: String)]
    let title: String

    static let gap = 16.0
    static let barWidth = 12.0

    var reservedWidth: Double {
        let labels = ticks.map { TextMetrics.width($0.label, fontSize: Theme.tickSize) }.max() ?? 0
        return Self.gap + Self.barWidth + Theme.tickLength + Theme.tickPadding + labels + (title.isEmpty ? 0 : Theme.labelSize + 10)
    }

    func draw(_ writer: inout SVGWriter, plot: PlotRect, chartWidth: Double) {
        guard !colors.isEmpty else { return }
        let x = plot.maxX + Self.gap
        let band = plot.height / Double(colors.count)
        writer.open("g", [SVGAttribute("class", "color-bar"), SVGAttribute("font-size", Theme.tickSize)])
        writer.open("g", [SVGAttribute("shape-rendering", "crispEdges")])
        for (index, color) in colors.enumerated() {
            let top = plot.maxY - Double(index + 1) * band
            // Bands overlap by half a pixel so no hairline seams show between them.
            writer.element("rect", [SVGAttribute("x", x), SVGAttribute("y", top), SVGAttribute("width", Self.barWidth),
                                    SVGAttribute("height", band + 0.5), SVGAttribute("fill", color.hexString)])
        }
        writer.close()
        for tick in ticks where tick.fraction >= -1e-9 && tick.fraction <= 1 + 1e-9 {
            let y = plot.maxY - tick.fraction * plot.height
            writer.element("line", [SVGAttribute("x1", x + Self.barWidth), SVGAttribute("y1", y),
                                    SVGAttribute("x2", x + Self.barWidth + Theme.tickLength), SVGAttribute("y2", y),
                                    SVGAttribute("stroke", Palette.axis.hexString)])
            writer.element("text", [SVGAttribute("x", x + Self.barWidth + Theme.tickLength + Theme.tickPadding),
                                    SVGAttribute("y", y + Theme.tickSize * 0.35)], text: tick.label)
        }
        if !title.isEmpty {
            let titleX = chartWidth - Theme.padding - 3
            writer.element("text", [SVGAttribute("class", "axis-title"), SVGAttribute("x", titleX), SVGAttribute("y", plot.midY),
                                    SVGAttribute("text-anchor", "middle"), SVGAttribute("font-size", Theme.labelSize),
                                    SVGAttribute("transform", "rotate(-90 \(SVGNumber.format(titleX)) \(SVGNumber.format(plot.midY)))")],
                           text: TextMetrics.truncate(title, maxWidth: plot.height, fontSize: Theme.labelSize))
        }
        writer.close()
    }
}
