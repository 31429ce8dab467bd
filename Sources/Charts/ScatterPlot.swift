/// One coloured group of points in a scatter plot.
public struct ScatterSeries: Sendable, Equatable {
    public let name: String
    public let points: [ChartPoint]
    /// `nil` → the series' Okabe–Ito colour by position.
    public let color: RGBColor?

    public init(name: String, points: [ChartPoint], color: RGBColor? = nil) {
        self.name = name
        self.points = points
        self.color = color
    }
}

/// A scatter plot of several coloured series (already sampled by the caller: up to ~5k points in
/// all keeps a chart near 150 KB), with a legend and optional labelled marked points (centroids).
///
/// The root carries ``PlotZoom``'s attributes; each series' group is a marks layer with
/// `data-series`, as its legend entry (marked points stay outside: they hide while zoomed).
/// Marks: one `<circle>` per finite point inside `<g class="series">` (fill and opacity on the
/// group; coordinates with 0.1 px precision to keep files small). Series are drawn in order, so
/// later series are on top. Both axes are linear with nice domains covering every finite point and
/// marked point. Non-finite points are skipped. With no finite point the frame shows "No data".
public struct ScatterPlot: Sendable {
    public var title: String
    public var series: [ScatterSeries]
    public var xLabel: String
    public var yLabel: String
    public var markedPoints: [MarkedPoint]
    public var caption: String?
    public var size: ChartSize
    /// Point radius in px.
    public var pointRadius: Double
    /// Point fill opacity in 0…1 (overlaps look denser).
    public var opacity: Double

    public init(title: String, series: [ScatterSeries], xLabel: String = "", yLabel: String = "",
                markedPoints: [MarkedPoint] = [], caption: String? = nil, size: ChartSize = .standard,
                pointRadius: Double = 2.2, opacity: Double = 0.55) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.markedPoints = markedPoints
        self.caption = caption
        self.size = size
        self.pointRadius = pointRadius.isFinite ? min(20, max(0.5, pointRadius)) : 2.2
        self.opacity = opacity.isFinite ? min(1, max(0.05, opacity)) : 0.55
    }

    public func svg() -> String {
        let finite = series.map { $0.points.filter(\.isFinite) }
        let marked = markedPoints.filter { $0.x.isFinite && $0.y.isFinite }
        let xs = finite.joined().map(\.x) + marked.map(\.x)
        let ys = finite.joined().map(\.y) + marked.map(\.y)
        let xAxis = NumericAxis.linear(xs.min(), xs.max(), count: ChartFrame.xTickCount(size), nice: true)
        let yAxis = NumericAxis.linear(ys.min(), ys.max(), count: ChartFrame.yTickCount(size), nice: true)
        let colors = series.indices.map { series[$0].color ?? Palette.categorical($0) }
        let legend = series.indices.filter { !series[$0].name.isEmpty }
            .map { LegendEntry(label: series[$0].name, color: colors[$0], symbol: .dot, series: $0) }
        let frame = ChartFrame(size: size, title: title, caption: caption, legend: legend,
                               bottom: AxisSpec(labels: xAxis.labels, title: xLabel),
                               left: AxisSpec(labels: yAxis.labels, title: yLabel))
        let plot = frame.plot
        let x = xAxis.scale(plot.x, plot.maxX), y = yAxis.scale(plot.maxY, plot.y)
        let xTicks = x.ticks(xAxis), yTicks = y.ticks(yAxis)

        var document = ChartDocument(size: size, kind: "scatter", title: title, description: caption,
                                     extra: PlotZoom(plot: plot, axis: xAxis).attributes)
        frame.drawHeader(&document.writer)
        AxisRenderer.drawGrid(&document.writer, plot: plot, vertical: xTicks, horizontal: yTicks)
        for (index, points) in finite.enumerated() where !points.isEmpty {
            document.writer.open("g", [
                SVGAttribute("class", "series series-\(index)"), SVGAttribute("fill", colors[index].hexString),
                SVGAttribute("fill-opacity", opacity), SVGAttribute("data-series", "\(index)"), PlotZoom.marksLayer,
            ])
            for point in points {
                guard let px = x.map(point.x), let py = y.map(point.y) else { continue }
                document.writer.element("circle", [
                    SVGAttribute("cx", px, decimals: 1), SVGAttribute("cy", py, decimals: 1), SVGAttribute("r", pointRadius, decimals: 1),
                ])
            }
            document.writer.close()
        }
        MarkedPointLayer.draw(&document.writer, points: marked, x: x, y: y, plot: plot)
        AxisRenderer.draw(&document.writer, edge: .bottom, ticks: xTicks, frame: frame)
        AxisRenderer.draw(&document.writer, edge: .left, ticks: yTicks, frame: frame)
        frame.drawCaption(&document.writer)
        if xs.isEmpty { frame.drawNoData(&document.writer) }
        return document.finish()
    }
}
