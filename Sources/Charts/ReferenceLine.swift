/// A labelled vertical line at a data value on the x axis: a mean or median on a histogram, the
/// suggested or chosen k on an elbow chart. Drawn dashed, with its label above the plot.
public struct ReferenceLine: Sendable, Equatable {
    public let value: Double
    public let label: String
    /// `nil` → the next of vermillion, black, reddish purple, blue.
    public let color: RGBColor?

    public init(value: Double, label: String, color: RGBColor? = nil) {
        self.value = value
        self.label = label
        self.color = color
    }

    static let defaultColors: [RGBColor] = [RGBColor(hex: 0xD55E00), RGBColor(hex: 0x222222), RGBColor(hex: 0xCC79A7), RGBColor(hex: 0x0072B2)]
}

/// Places and draws reference lines: each label is centred over its line (kept inside the chart)
/// in the first of up to three rows where it does not overlap an earlier label; labels that fit in
/// no row go to the last row. Rows sit in the band that ``ChartFrame`` reserves above the plot.
struct ReferenceLineLayer {
    struct Placed {
        let x: Double
        let label: String
        let labelX: Double
        let row: Int
        let color: RGBColor
    }

    static let maxRows = 3
    let placed: [Placed]
    var rowCount: Int { (placed.map(\.row).max() ?? -1) + 1 }

    /// Reference lines whose value maps to a pixel inside `plot` horizontally.
    init(lines: [ReferenceLine], scale: PositionScale, plot: PlotRect, chartWidth: Double) {
        var placed: [Placed] = []
        var rowEnds = Array(repeating: -Double.infinity, count: Self.maxRows)
        for (index, line) in lines.enumerated() {
            guard let x = scale.map(line.value), x >= plot.x - 0.5, x <= plot.maxX + 0.5 else { continue }
            let width = TextMetrics.width(line.label, fontSize: Theme.tickSize)
            let labelX = min(max(x, Theme.padding + width / 2), chartWidth - Theme.padding - width / 2)
            let row = rowEnds.firstIndex { $0 + 6 <= labelX - width / 2 } ?? (Self.maxRows - 1)
            rowEnds[row] = labelX + width / 2
            let color = line.color ?? ReferenceLine.defaultColors[index % ReferenceLine.defaultColors.count]
            placed.append(Placed(x: x, label: line.label, labelX: labelX, row: row, color: color))
        }
        self.placed = placed
    }

    /// Band height the labels need above the plot.
    var bandHeight: Double { Double(rowCount) * Theme.lineHeight }

    func draw(_ writer: inout SVGWriter, frame: ChartFrame) {
        guard !placed.isEmpty else { return }
        let plot = frame.plot
        writer.open("g", [SVGAttribute("class", "reference-lines"), SVGAttribute("font-size", Theme.tickSize)])
        for item in placed {
            // Row 0 is the one nearest the plot.
            let baseline = plot.y - 8 - Double(item.row) * Theme.lineHeight - 3
            writer.element("line", [
                SVGAttribute("x1", item.x), SVGAttribute("y1", baseline + 3), SVGAttribute("x2", item.x), SVGAttribute("y2", plot.maxY),
                SVGAttribute("stroke", item.color.hexString), SVGAttribute("stroke-width", 1.5), SVGAttribute("stroke-dasharray", "5 3"),
            ])
            writer.element("text", [
                SVGAttribute("x", item.labelX), SVGAttribute("y", baseline), SVGAttribute("text-anchor", "middle"),
                SVGAttribute("fill", item.color.hexString), SVGAttribute("stroke", Palette.background.hexString),
                SVGAttribute("stroke-width", 3), SVGAttribute("paint-order", "stroke"),
            ], text: item.label)
        }
        writer.close()
    }
}
