import Foundation

/// A table of coloured cells, rows × columns, each showing its value: e.g. the lift of each
/// interest subcategory within each segment.
///
/// Colour: a ``DivergingColorScale`` centred at ``midpoint`` (1.0 for lift), logarithmic by default
/// so ×2 and ×½ are equally strong; it saturates at ``limit`` (for the log scale a ratio > 1; `nil`
/// → the largest ratio or distance in the data). Non-finite values get a light grey cell with the
/// text "n/a" and are never written as numbers. Cell text is black or white, whichever contrasts
/// more, shrunk (11 → 9 px) or left out when the cell is too narrow. Column labels are rotated by
/// 45° when wider than a column. A vertical colour bar sits on the right.
///
/// Marks: one `<rect class="cell">` per cell, with a `<title>` tooltip `row · column: value`.
/// With `size == nil` the chart is `width` (640) wide and as tall as ~26 px rows need. Row labels are
/// cut at 160 px, or at a third of the chart's width on narrow charts.
public struct HeatmapTable: Sendable {
    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Row-major: `values[row * columnLabels.count + column]`.
    public var values: [Double]
    public var midpoint: Double
    public var logarithmic: Bool
    public var limit: Double?
    public var valueFormat: ValueFormat
    public var showValues: Bool
    public var colorLabel: String
    public var caption: String?
    public var size: ChartSize?
    /// Cell values shrink no further than this (px) before they are left out; the report's phone
    /// copies use 10 so no text renders below 10 px.
    public var minimumValueFontSize: Double = 9
    /// The natural width when `size == nil` (the height then follows the rows).
    public var width: Double = 640

    /// - Precondition: `values.count == rowLabels.count × columnLabels.count`; `midpoint` finite
    ///   (> 0 when `logarithmic`); `limit`, if given, finite and > 1 (log) or > 0 (linear).
    public init(title: String, rowLabels: [String], columnLabels: [String], values: [Double],
                midpoint: Double = 1, logarithmic: Bool = true, limit: Double? = nil,
                valueFormat: ValueFormat = .fixedPadded(decimals: 2), showValues: Bool = true,
                colorLabel: String = "", caption: String? = nil, size: ChartSize? = nil) {
        precondition(values.count == rowLabels.count * columnLabels.count,
                     "values.count=\(values.count) should equal rows*columns=\(rowLabels.count)*\(columnLabels.count)")
        precondition(midpoint.isFinite && (!logarithmic || midpoint > 0), "midpoint=\(midpoint) must be finite (and > 0 on a log scale)")
        if let limit {
            precondition(limit.isFinite && limit > (logarithmic ? 1 : 0), "limit=\(limit) must be finite and > \(logarithmic ? 1 : 0)")
        }
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.midpoint = midpoint
        self.logarithmic = logarithmic
        self.limit = limit
        self.valueFormat = valueFormat
        self.showValues = showValues
        self.colorLabel = colorLabel
        self.caption = caption
        self.size = size
    }

    static let rowHeight = 26.0
    static let maxRowLabelWidth = 160.0
    static let maxColumnLabelWidth = 110.0

    /// The colour scale: the given limit, or the data's largest ratio (log) or distance (linear)
    /// from the midpoint, at least ×1.25 or 0.05 so a flat table stays pale.
    var colorScale: DivergingColorScale {
        if let limit { return DivergingColorScale(midpoint: midpoint, limit: limit, logarithmic: logarithmic) }
        let finite = values.filter(\.isFinite)
        if logarithmic {
            let ratios = finite.filter { $0 > 0 }.map { max($0 / midpoint, midpoint / $0) }
            let largest = ratios.max() ?? 2
            return DivergingColorScale(midpoint: midpoint, limit: min(1e12, max(1.25, largest)), logarithmic: true)
        }
        let largest = finite.map { abs($0 - midpoint) }.max() ?? 1
        return DivergingColorScale(midpoint: midpoint, limit: min(1e300, max(0.05, largest)), logarithmic: false)
    }

    public func svg() -> String {
        let scale = colorScale
        let bar = colorBar(scale)
        let columns = columnLabels.count, rows = rowLabels.count
        let width = size?.width ?? max(200, self.width.isFinite ? self.width : 640)
        let rowLabelWidth = min(Self.maxRowLabelWidth, width / 3)
        let rowTexts = rowLabels.map { TextMetrics.truncate($0, maxWidth: rowLabelWidth, fontSize: Theme.tickSize) }
        let columnTexts = columnLabels.map { TextMetrics.truncate($0, maxWidth: Self.maxColumnLabelWidth, fontSize: Theme.tickSize) }
        let widest = columnTexts.map { TextMetrics.width($0, fontSize: Theme.tickSize) }.max() ?? 0

        // Column width is known before the vertical layout: the left margin depends only on row labels.
        let probe = ChartFrame(size: ChartSize(width: width, height: 2000), title: title, caption: caption,
                               bottom: nil, left: AxisSpec(labels: rowTexts, title: ""), extraTop: 0, extraRight: bar.reservedWidth)
        let cellWidth = probe.plot.width / Double(max(1, columns))
        let rotated = widest > cellWidth - 4
        let headerHeight = rotated ? widest * sin(Double.pi / 4) + 10 : Theme.tickSize + 8
        func frame(height: Double) -> ChartFrame {
            ChartFrame(size: ChartSize(width: width, height: height), title: title, caption: caption, bottom: nil,
                       left: AxisSpec(labels: rowTexts, title: ""), extraTop: headerHeight, extraRight: bar.reservedWidth)
        }
        let chartSize: ChartSize
        if let size {
            chartSize = size
        } else {
            let draft = frame(height: 2000)
            let chrome = 2000 - draft.plot.height
            chartSize = ChartSize(width: width, height: max(150, chrome + Double(max(1, rows)) * Self.rowHeight))
        }
        let layout = frame(height: chartSize.height)
        let plot = layout.plot
        let cellHeight = plot.height / Double(max(1, rows))

        var document = ChartDocument(size: chartSize, kind: "heatmap-table", title: title, description: caption)
        layout.drawHeader(&document.writer)
        if rows > 0 && columns > 0 {
            drawCells(&document.writer, plot: plot, cellWidth: cellWidth, cellHeight: cellHeight, scale: scale)
        }
        // Row labels, right-aligned against the table.
        document.writer.open("g", [SVGAttribute("class", "row-labels"), SVGAttribute("font-size", Theme.tickSize),
                                   SVGAttribute("text-anchor", "end")])
        for (row, text) in rowTexts.enumerated() {
            document.writer.element("text", [SVGAttribute("x", plot.x - 6),
                                             SVGAttribute("y", plot.y + (Double(row) + 0.5) * cellHeight + Theme.tickSize * 0.35)], text: text)
        }
        document.writer.close()
        // Column labels above the table.
        document.writer.open("g", [SVGAttribute("class", "column-labels"), SVGAttribute("font-size", Theme.tickSize),
                                   SVGAttribute("text-anchor", rotated ? "start" : "middle")])
        for (column, text) in columnTexts.enumerated() {
            let x = plot.x + (Double(column) + 0.5) * cellWidth
            let y = plot.y - 6
            var attributes = [SVGAttribute("x", x), SVGAttribute("y", y)]
            if rotated {
                attributes.append(SVGAttribute("transform", "rotate(-45 \(SVGNumber.format(x)) \(SVGNumber.format(y)))"))
            }
            document.writer.element("text", attributes, text: text)
        }
        document.writer.close()
        bar.draw(&document.writer, plot: plot, chartWidth: chartSize.width)
        layout.drawCaption(&document.writer)
        if rows == 0 || columns == 0 { layout.drawNoData(&document.writer) }
        return document.finish()
    }

    private func drawCells(_ writer: inout SVGWriter, plot: PlotRect, cellWidth: Double, cellHeight: Double, scale: DivergingColorScale) {
        let columns = columnLabels.count
        var texts: [(x: Double, y: Double, text: String, color: RGBColor, fontSize: Double)] = []
        writer.open("g", [SVGAttribute("class", "cells"), SVGAttribute("stroke", Palette.background.hexString), SVGAttribute("stroke-width", 1)])
        for (index, value) in values.enumerated() {
            let row = index / columns, column = index % columns
            let x = plot.x + Double(column) * cellWidth, y = plot.y + Double(row) * cellHeight
            let fill = scale.color(value) ?? Palette.missing
            let text = value.isFinite ? valueFormat.format(value) : "n/a"
            writer.element("rect", [
                SVGAttribute("class", "cell"), SVGAttribute("x", x), SVGAttribute("y", y),
                SVGAttribute("width", cellWidth), SVGAttribute("height", cellHeight), SVGAttribute("fill", fill.hexString),
            ], tooltip: "\(rowLabels[row]) · \(columnLabels[column]): \(text)")
            guard showValues else { continue }
            let fontSize = [11.0, 10, 9].filter({ $0 >= minimumValueFontSize }).first { TextMetrics.width(text, fontSize: $0) <= cellWidth - 4 && $0 <= cellHeight - 4 }
            guard let fontSize else { continue }
            let color = value.isFinite ? fill.contrastingText : Palette.mutedText
            texts.append((x + cellWidth / 2, y + cellHeight / 2 + fontSize * 0.35, text, color, fontSize))
        }
        writer.close()
        guard !texts.isEmpty else { return }
        writer.open("g", [SVGAttribute("class", "cell-values"), SVGAttribute("text-anchor", "middle")])
        for item in texts {
            writer.element("text", [SVGAttribute("x", item.x), SVGAttribute("y", item.y), SVGAttribute("font-size", item.fontSize),
                                    SVGAttribute("fill", item.color.hexString)], text: item.text)
        }
        writer.close()
    }

    private func colorBar(_ scale: DivergingColorScale) -> ColorBar {
        let steps = 48
        let colors = (0..<steps).compactMap { scale.color(scale.value(at: (Double($0) + 0.5) / Double(steps) * 2 - 1)) }
        let low = scale.value(at: -1), high = scale.value(at: 1)
        let set = logarithmic ? logTicks(lower: low, upper: high, count: 5) : niceTickSet(lower: low, upper: high, count: 5)
        let tolerance = (high - low) * 1e-9
        // `position` clamps to ±1, so ticks outside the saturating limit must be dropped first.
        let inside = set.values.filter { $0 >= low - tolerance && $0 <= high + tolerance }
        let ticks = inside.compactMap { value -> (fraction: Double, label: String)? in
            guard let t = scale.position(value) else { return nil }
            let fraction = (t + 1) / 2
            return (fraction, logarithmic ? NumberFormat.compact(value) : NumberFormat.tickLabel(value, step: set.step))
        }
        return ColorBar(colors: colors, ticks: ticks, title: colorLabel)
    }
}
