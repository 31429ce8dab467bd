/// A labelled, emphasised point drawn over the data (e.g. a segment centroid "S1").
public struct MarkedPoint: Sendable, Equatable {
    public let x: Double
    public let y: Double
    public let label: String
    /// Fill colour; `nil` → near-black.
    public let color: RGBColor?

    public init(x: Double, y: Double, label: String, color: RGBColor? = nil) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
    }
}

/// Draws marked points as 6 px circles with a white ring and a thin dark outline (visible on light
/// and dark backgrounds and on points of the same colour), the label
/// to the upper right with a white halo (`paint-order="stroke"`). Points that map outside the plot
/// or have non-finite coordinates are skipped.
enum MarkedPointLayer {
    static func draw(_ writer: inout SVGWriter, points: [MarkedPoint], x: PositionScale, y: PositionScale, plot: PlotRect) {
        let visible = points.compactMap { point -> (MarkedPoint, Double, Double)? in
            guard let px = x.map(point.x), let py = y.map(point.y),
                  px >= plot.x - 0.5, px <= plot.maxX + 0.5, py >= plot.y - 0.5, py <= plot.maxY + 0.5 else { return nil }
            return (point, px, py)
        }
        guard !visible.isEmpty else { return }
        writer.open("g", [SVGAttribute("class", "marked-points")])
        for (point, px, py) in visible {
            let fill = (point.color ?? Palette.text).hexString
            writer.element("circle", [SVGAttribute("cx", px), SVGAttribute("cy", py), SVGAttribute("r", 8), SVGAttribute("fill", Palette.text.hexString)])
            writer.element("circle", [
                SVGAttribute("class", "marked-point"), SVGAttribute("cx", px), SVGAttribute("cy", py), SVGAttribute("r", 6),
                SVGAttribute("fill", fill), SVGAttribute("stroke", Palette.background.hexString), SVGAttribute("stroke-width", 2),
            ], tooltip: point.label)
        }
        for (point, px, py) in visible where !point.label.isEmpty {
            writer.element("text", [
                SVGAttribute("x", px + 10), SVGAttribute("y", py - 7), SVGAttribute("font-weight", "700"),
                SVGAttribute("stroke", Palette.background.hexString), SVGAttribute("stroke-width", 3),
                SVGAttribute("paint-order", "stroke"),
            ], text: point.label)
        }
        writer.close()
    }
}
