import Foundation

/// A 2-D histogram: the x–y density of many points (up to millions of users), pre-binned by the
/// caller into a grid of counts.
///
/// Grid: `xEdges` (n + 1 increasing values) and `yEdges` (m + 1) bound n × m cells; `counts` is
/// row-major with row 0 the lowest y band: `counts[row * n + column]`. Cells with count ≤ 0 or a
/// non-finite count are not drawn (the white background shows). Colour: the sequential scale at
/// `t = log10(c / cmin) / log10(cmax / cmin)` (``logColor``, default: densities span decades) or
/// `t = c / cmax`, where cmin/cmax are the smallest/largest positive counts. A colour bar on the
/// right shows the scale. Marks: one `<rect>` per drawn cell in `<g class="cells">`, the marks
/// layer of ``PlotZoom``'s attributes on the root (the report's script zooms along x).
/// Size: about 60 bytes per drawn cell, so a 60 × 40 grid stays under 150 KB; keep grids to a few
/// thousand cells.
///
/// An empty grid, or edges that are not finite and strictly increasing, render the frame with a
/// note instead of cells.
public struct DensityHeatmap: Sendable {
    public var title: String
    public var xEdges: [Double]
    public var yEdges: [Double]
    public var counts: [Double]
    public var xLabel: String
    public var yLabel: String
    public var colorLabel: String
    public var logColor: Bool
    public var colorScale: SequentialColorScale
    public var markedPoints: [MarkedPoint]
    public var caption: String?
    public var size: ChartSize
    /// Tooltip of each cell (same indexing as `counts`), e.g. its count in users when `counts`
    /// are densities; nil or missing entries → no tooltip.
    public var cellTooltips: [String]? = nil
    /// A log10 y axis: `yEdges` are then plain positive values (1, 2, …, 1,000), placed on a log
    /// scale and labelled in plain numbers (1, 10, 100, 1,000), so a reader never sees exponents.
    /// Edges ≤ 0 make the grid invalid.
    public var logY = false

    /// - Precondition: `counts.count == (xEdges.count − 1) × (yEdges.count − 1)` (0 for an empty grid).
    public init(title: String, xEdges: [Double], yEdges: [Double], counts: [Double], xLabel: String = "",
                yLabel: String = "", colorLabel: String = "Count", logColor: Bool = true,
                colorScale: SequentialColorScale = .viridis, markedPoints: [MarkedPoint] = [],
                caption: String? = nil, size: ChartSize = .standard) {
        let columns = max(0, xEdges.count - 1), rows = max(0, yEdges.count - 1)
        precondition(counts.count == columns * rows,
                     "counts.count=\(counts.count) should equal (xEdges.count-1)*(yEdges.count-1)=\(columns)*\(rows)")
        self.title = title
        self.xEdges = xEdges
        self.yEdges = yEdges
        self.counts = counts
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.colorLabel = colorLabel
        self.logColor = logColor
        self.colorScale = colorScale
        self.markedPoints = markedPoints
        self.caption = caption
        self.size = size
    }

    static func isIncreasing(_ edges: [Double]) -> Bool {
        edges.count >= 2 && edges.allSatisfy(\.isFinite) && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }
    }

    public func svg() -> String {
        let gridValid = Self.isIncreasing(xEdges) && Self.isIncreasing(yEdges) && (!logY || (yEdges.first ?? 0) > 0)
        let positive = gridValid ? counts.filter { $0.isFinite && $0 > 0 } : []
        let low = positive.min() ?? 1, high = positive.max() ?? 1

        let xAxis = NumericAxis.linear(gridValid ? xEdges.first : nil, gridValid ? xEdges.last : nil,
                                       count: max(5, ChartFrame.tickCount(forLength: size.width - 200)), nice: false)
        let yAxis = logY
            ? NumericAxis.log(gridValid ? yEdges.first : nil, gridValid ? yEdges.last : nil,
                              count: ChartFrame.yTickCount(size), nice: false).relabelled(.plain)
            : NumericAxis.linear(gridValid ? yEdges.first : nil, gridValid ? yEdges.last : nil,
                                 count: ChartFrame.yTickCount(size), nice: false)
        let bar = colorBar(low: low, high: high, hasData: !positive.isEmpty)
        let frame = ChartFrame(size: size, title: title, caption: caption,
                               bottom: AxisSpec(labels: xAxis.labels, title: xLabel),
                               left: AxisSpec(labels: yAxis.labels, title: yLabel), extraRight: bar.reservedWidth)
        let plot = frame.plot
        let x = xAxis.scale(plot.x, plot.maxX), y = yAxis.scale(plot.maxY, plot.y)

        var document = ChartDocument(size: size, kind: "density", title: title, description: caption,
                                     extra: PlotZoom(plot: plot, axis: xAxis).attributes)
        frame.drawHeader(&document.writer)
        if !positive.isEmpty {
            let columns = xEdges.count - 1
            document.writer.open("g", [SVGAttribute("class", "cells"), SVGAttribute("shape-rendering", "crispEdges"), PlotZoom.marksLayer])
            for (index, count) in counts.enumerated() where count.isFinite && count > 0 {
                let row = index / columns, column = index % columns
                guard let left = x.map(xEdges[column]), let right = x.map(xEdges[column + 1]),
                      let bottom = y.map(yEdges[row]), let top = y.map(yEdges[row + 1]) else { continue }
                document.writer.element("rect", [
                    SVGAttribute("x", left), SVGAttribute("y", top), SVGAttribute("width", right - left),
                    SVGAttribute("height", bottom - top), SVGAttribute("fill", colorScale.color(at: fraction(count, low: low, high: high)).hexString),
                ], tooltip: cellTooltips.flatMap { index < $0.count ? $0[index] : nil })
            }
            document.writer.close()
        }
        MarkedPointLayer.draw(&document.writer, points: markedPoints, x: x, y: y, plot: plot)
        AxisRenderer.draw(&document.writer, edge: .bottom, ticks: x.ticks(xAxis), frame: frame)
        AxisRenderer.draw(&document.writer, edge: .left, ticks: y.ticks(yAxis), frame: frame)
        bar.draw(&document.writer, plot: plot, chartWidth: size.width)
        frame.drawCaption(&document.writer)
        if !gridValid && !counts.isEmpty {
            frame.drawNoData(&document.writer, message: "Invalid grid edges")
        } else if positive.isEmpty {
            frame.drawNoData(&document.writer)
        }
        return document.finish()
    }

    /// Position of a positive count on the colour ramp, 0…1.
    func fraction(_ count: Double, low: Double, high: Double) -> Double {
        guard high > low else { return 1 }
        if logColor { return log10(count / low) / log10(high / low) }
        return count / high
    }

    func colorBar(low: Double, high: Double, hasData: Bool) -> ColorBar {
        let steps = 48
        let colors = (0..<steps).map { colorScale.color(at: (Double($0) + 0.5) / Double(steps)) }
        guard hasData else { return ColorBar(colors: colors, ticks: [], title: colorLabel) }
        let set: TickSet
        if logColor && high > low {
            set = logTicks(lower: low, upper: high, count: 5)
        } else {
            let nice = niceTickSet(lower: 0, upper: high, count: 5)
            set = TickSet(values: nice.values.filter { $0 <= high * (1 + 1e-9) }, step: nice.step)
        }
        let ticks = set.values.map { value -> (fraction: Double, label: String) in
            let t = logColor ? (high > low ? fraction(value, low: low, high: high) : 1) : value / high
            return (t, logColor ? ValueFormat.plain.format(value) : NumberFormat.tickLabel(value, step: set.step))
        }
        return ColorBar(colors: colors, ticks: ticks, title: colorLabel)
    }
}
