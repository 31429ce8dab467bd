/// One legend item: a symbol in `color` and a label.
struct LegendEntry: Sendable {
    enum Symbol: Sendable {
        /// A filled square (bars, histogram, cells).
        case swatch
        /// A filled circle (scatter series).
        case dot
        /// A short line with a dot (line series); dashed when `dashed`.
        case line(dashed: Bool)
    }

    let label: String
    let color: RGBColor
    let symbol: Symbol
    /// Index of the series this entry names; written as `data-series` on the item, as on the
    /// series' marks, so the report's script can hide and show the series from its legend.
    var series: Int? = nil
}

/// A horizontal legend that wraps into rows, placed under the title.
///
/// Each item is `symbol (≈ 16 px) + 5 px + label + 16 px gap`; items flow left to right starting at
/// the plot's left edge and wrap when the next item would pass `maxX`. Row height
/// ``Theme/legendRowHeight``.
struct Legend {
    struct Placement {
        let entry: LegendEntry
        let x: Double
        let row: Int
    }

    let placements: [Placement]
    let rowCount: Int

    static let symbolWidth = 16.0
    static let gap = 16.0

    init(entries: [LegendEntry], minX: Double, maxX: Double) {
        var placements: [Placement] = []
        var x = minX
        var row = 0
        for entry in entries {
            let label = TextMetrics.truncate(entry.label, maxWidth: max(40, maxX - minX - Self.symbolWidth - 5), fontSize: Theme.legendSize)
            let itemWidth = Self.symbolWidth + 5 + TextMetrics.width(label, fontSize: Theme.legendSize)
            if x > minX && x + itemWidth > maxX {
                row += 1
                x = minX
            }
            placements.append(Placement(entry: LegendEntry(label: label, color: entry.color, symbol: entry.symbol, series: entry.series), x: x, row: row))
            x += itemWidth + Self.gap
        }
        self.placements = placements
        rowCount = entries.isEmpty ? 0 : row + 1
    }

    var height: Double { Double(rowCount) * Theme.legendRowHeight }

    /// Draws the legend with its first row's centre line at `top + rowHeight/2`.
    func draw(_ writer: inout SVGWriter, top: Double) {
        guard !placements.isEmpty else { return }
        writer.open("g", [SVGAttribute("class", "legend"), SVGAttribute("font-size", Theme.legendSize)])
        for placement in placements {
            let midY = top + (Double(placement.row) + 0.5) * Theme.legendRowHeight
            let color = placement.entry.color.hexString
            writer.open("g", [SVGAttribute("class", "legend-item")] + (placement.entry.series.map { [SVGAttribute("data-series", "\($0)")] } ?? []))
            switch placement.entry.symbol {
            case .swatch:
                let s = Theme.swatchSize
                writer.element("rect", [
                    SVGAttribute("x", placement.x + (Self.symbolWidth - s) / 2), SVGAttribute("y", midY - s / 2),
                    SVGAttribute("width", s), SVGAttribute("height", s), SVGAttribute("fill", color),
                ])
            case .dot:
                writer.element("circle", [
                    SVGAttribute("cx", placement.x + Self.symbolWidth / 2), SVGAttribute("cy", midY),
                    SVGAttribute("r", 4.5), SVGAttribute("fill", color),
                ])
            case .line(let dashed):
                var attributes = [
                    SVGAttribute("x1", placement.x), SVGAttribute("y1", midY),
                    SVGAttribute("x2", placement.x + Self.symbolWidth), SVGAttribute("y2", midY),
                    SVGAttribute("stroke", color), SVGAttribute("stroke-width", 2),
                ]
                if dashed { attributes.append(SVGAttribute("stroke-dasharray", "4 2")) }
                writer.element("line", attributes)
                writer.element("circle", [
                    SVGAttribute("cx", placement.x + Self.symbolWidth / 2), SVGAttribute("cy", midY),
                    SVGAttribute("r", 3), SVGAttribute("fill", color),
                ])
            }
            writer.element("text", [
                SVGAttribute("x", placement.x + Self.symbolWidth + 5),
                SVGAttribute("y", midY + Theme.legendSize * 0.35),
            ], text: placement.entry.label)
            writer.close()
        }
        writer.close()
    }
}
