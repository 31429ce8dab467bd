/// Which y axis a line series is measured on.
public enum YAxisSide: Sendable, Equatable {
    case left, right
}

/// One line of a line chart.
public struct LineSeries: Sendable, Equatable {
    public let name: String
    public let points: [ChartPoint]
    public let axis: YAxisSide
    /// `nil` → the series' Okabe–Ito colour by position.
    public let color: RGBColor?

    public init(name: String, points: [ChartPoint], axis: YAxisSide = .left, color: RGBColor? = nil) {
        self.name = name
        self.points = points
        self.axis = axis
        self.color = color
    }
}

/// A line chart with point markers, e.g. the elbow curve (inertia vs k on the left axis,
/// silhouette on the right axis) with reference lines for the suggested and chosen k.
///
/// The root carries ``PlotZoom``'s attributes (with `integerX`, whole-number ticks) and each
/// series' group is a marks layer with `data-series`, as its legend entry, for the report's script.
/// Each series is drawn in x order as `<polyline>`s (broken where a point is not finite) with a
/// `<circle>` marker per finite point in `<g class="series">`, with a `<title>` tooltip `name at x: y`. Series on the right axis are dashed
/// and get " (right axis)" in the legend when both axes are used. Y domains are nice and cover
/// each axis' own data (not forced to include 0). With `integerX` the x ticks are integers and the
/// domain is padded by half a step so end markers are not cut.
public struct LineChart: Sendable {
    public var title: String
    public var series: [LineSeries]
    public var xLabel: String
    public var yLabel: String
    public var rightYLabel: String
    public var referenceLines: [ReferenceLine]
    public var integerX: Bool
    public var caption: String?
    public var size: ChartSize
    /// When not empty, the x axis shows these ticks (thinned to fit, ``LabelledTick``) instead of
    /// numbers, over the data extent padded by 2 %; `integerX` is then ignored.
    public var xTicks: [LabelledTick] = []
    /// How a point's x is written in its tooltip (e.g. a day number as a date); nil: a number.
    public var xText: (@Sendable (Double) -> String)? = nil
    /// How a point's y is written in its tooltip.
    public var yFormat: ValueFormat = .compact

    public init(title: String, series: [LineSeries], xLabel: String = "", yLabel: String = "",
                rightYLabel: String = "", referenceLines: [ReferenceLine] = [], integerX: Bool = true,
                caption: String? = nil, size: ChartSize = .standard) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.rightYLabel = rightYLabel
        self.referenceLines = referenceLines
        self.integerX = integerX
        self.caption = caption
        self.size = size
    }

    public func svg() -> String {
        let finite = series.map { $0.points.filter(\.isFinite) }
        let allX = finite.joined().map(\.x)
        let leftY = series.indices.filter { series[$0].axis == .left }.flatMap { finite[$0].map(\.y) }
        let rightY = series.indices.filter { series[$0].axis == .right }.flatMap { finite[$0].map(\.y) }
        let hasRight = series.contains { $0.axis == .right }
        let bothAxes = hasRight && series.contains { $0.axis == .left }

        let xCount = ChartFrame.tickCount(forLength: size.width - 140, spacing: 50)
        let yCount = ChartFrame.yTickCount(size)
        let xAxis: NumericAxis
        if !self.xTicks.isEmpty {
            let span = (allX.max() ?? 1) - (allX.min() ?? 0)
            xAxis = NumericAxis.labelled(self.xTicks, dataMin: allX.min(), dataMax: allX.max(), count: max(2, xCount - 1),
                                         padding: max(0.5, span * 0.02))
        } else if integerX {
            let span = (allX.max() ?? 1) - (allX.min() ?? 0)
            xAxis = NumericAxis.integer(allX.min(), allX.max(), count: xCount, padding: max(0.4, span * 0.04))
        } else {
            xAxis = NumericAxis.linear(allX.min(), allX.max(), count: xCount, nice: true)
        }
        let leftAxis = NumericAxis.linear(leftY.min(), leftY.max(), count: yCount, nice: true)
        let rightAxis = NumericAxis.linear(rightY.min(), rightY.max(), count: yCount, nice: true)

        let colors = series.indices.map { series[$0].color ?? Palette.categorical($0) }
        let legend = series.indices.filter { !series[$0].name.isEmpty }.map { index in
            let isRight = series[index].axis == .right
            return LegendEntry(label: series[index].name + (bothAxes && isRight ? " (right axis)" : ""),
                               color: colors[index], symbol: .line(dashed: isRight), series: index)
        }
        let xSpec = AxisSpec(labels: xAxis.labels, title: xLabel)
        let leftSpec = AxisSpec(labels: leftAxis.labels, title: yLabel)
        let rightSpec = hasRight ? AxisSpec(labels: rightAxis.labels, title: rightYLabel) : nil
        func layout(extraTop: Double) -> ChartFrame {
            ChartFrame(size: size, title: title, caption: caption, legend: legend, bottom: xSpec, left: leftSpec,
                       right: rightSpec, extraTop: extraTop)
        }
        let draft = layout(extraTop: 0)
        let draftLines = ReferenceLineLayer(lines: referenceLines, scale: xAxis.scale(draft.plot.x, draft.plot.maxX), plot: draft.plot, chartWidth: size.width)
        let frame = layout(extraTop: draftLines.bandHeight)
        let plot = frame.plot
        let x = xAxis.scale(plot.x, plot.maxX)
        let yLeft = leftAxis.scale(plot.maxY, plot.y), yRight = rightAxis.scale(plot.maxY, plot.y)
        let bottomTicks = x.ticks(xAxis), leftTicks = yLeft.ticks(leftAxis)

        var document = ChartDocument(size: size, kind: "line", title: title, description: caption,
                                     extra: PlotZoom(plot: plot, axis: xAxis, integer: integerX).attributes)
        frame.drawHeader(&document.writer)
        AxisRenderer.drawGrid(&document.writer, plot: plot, vertical: bottomTicks, horizontal: leftTicks)
        ReferenceLineLayer(lines: referenceLines, scale: x, plot: plot, chartWidth: size.width).draw(&document.writer, frame: frame)
        for (index, line) in series.enumerated() {
            let y = line.axis == .left ? yLeft : yRight
            drawSeries(&document.writer, index: index, points: line.points, dashed: line.axis == .right, color: colors[index], x: x, y: y)
        }
        AxisRenderer.draw(&document.writer, edge: .bottom, ticks: bottomTicks, frame: frame)
        AxisRenderer.draw(&document.writer, edge: .left, ticks: leftTicks, frame: frame)
        if hasRight {
            AxisRenderer.draw(&document.writer, edge: .right, ticks: yRight.ticks(rightAxis), frame: frame)
        }
        frame.drawCaption(&document.writer)
        if allX.isEmpty { frame.drawNoData(&document.writer) }
        return document.finish()
    }

    private func drawSeries(_ writer: inout SVGWriter, index: Int, points: [ChartPoint], dashed: Bool, color: RGBColor,
                            x: PositionScale, y: PositionScale) {
        // Stable sort by x; non-finite points stay where they are relative to their neighbours' x.
        let ordered = points.enumerated().sorted { a, b in
            let ax = a.element.x.isFinite ? a.element.x : -Double.infinity
            let bx = b.element.x.isFinite ? b.element.x : -Double.infinity
            return ax != bx ? ax < bx : a.offset < b.offset
        }.map(\.element)
        var runs: [[(Double, Double)]] = [[]]
        var markers: [(Double, Double, ChartPoint)] = []
        for point in ordered {
            if let px = x.map(point.x), let py = y.map(point.y) {
                markers.append((px, py, point))
                runs[runs.count - 1].append((px, py))
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        let pixels = runs.joined()
        guard !pixels.isEmpty else { return }
        writer.open("g", [SVGAttribute("class", "series series-\(index)"), SVGAttribute("data-series", "\(index)"), PlotZoom.marksLayer])
        for run in runs where run.count >= 2 {
            let coordinates = run.map { SVGNumber.format($0.0) + "," + SVGNumber.format($0.1) }.joined(separator: " ")
            var attributes = [SVGAttribute("points", coordinates), SVGAttribute("fill", "none"),
                              SVGAttribute("stroke", color.hexString), SVGAttribute("stroke-width", 2),
                              SVGAttribute("stroke-linejoin", "round"), SVGAttribute("vector-effect", "non-scaling-stroke")]
            if dashed { attributes.append(SVGAttribute("stroke-dasharray", "6 3")) }
            writer.element("polyline", attributes)
        }
        writer.open("g", [SVGAttribute("fill", color.hexString), SVGAttribute("stroke", Palette.background.hexString),
                          SVGAttribute("stroke-width", 1.5)])
        let name = series[index].name
        for (px, py, point) in markers {
            writer.element("circle", [SVGAttribute("cx", px), SVGAttribute("cy", py), SVGAttribute("r", 3.8)],
                           tooltip: "\(name.isEmpty ? "" : name + " at ")\(xText?(point.x) ?? NumberFormat.compact(point.x)): \(yFormat.format(point.y))")
        }
        writer.close()
        writer.close()
    }
}
