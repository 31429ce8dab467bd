/// One histogram bin: the half-open interval `[lower, upper)` and how many items fall in it.
public struct HistogramBin: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let count: Double
    /// The bar's tooltip; nil → `lower–upper: count`. Lets a density histogram still name its
    /// bin's count in users.
    public let tooltip: String?

    public init(lower: Double, upper: Double, count: Double, tooltip: String? = nil) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.tooltip = tooltip
    }
}

/// A histogram of pre-binned counts, with an optional log10 x axis (labelled in plain numbers:
/// 1, 10, 100, 1,000) and labelled reference lines (mean, median, …).
///
/// Marks: one `<rect class="bar">` per valid bin, spanning `x(lower)…x(upper)` horizontally and
/// `y(0)…y(count)` vertically (with a 1 px gap when bars are wider than 4 px), each with a
/// `<title>` tooltip `lower–upper: count`. The y axis starts at 0 and ends at a nice number.
/// The root carries ``PlotZoom``'s attributes and the bars' group is its marks layer, so the
/// report's script can zoom the x axis.
///
/// Invalid bins are skipped: non-finite edges or counts, `upper <= lower`, `count < 0`, and on a log
/// axis bins with `lower <= 0` (log10 is undefined there; such bins are reported in the caption, so
/// callers should bin zeros separately or use edges starting at 1). With no valid bin the frame is
/// drawn with a "No data" note.
public struct Histogram: Sendable {
    public var title: String
    public var bins: [HistogramBin]
    public var xLabel: String
    public var yLabel: String
    public var logX: Bool
    public var referenceLines: [ReferenceLine]
    public var caption: String?
    public var size: ChartSize
    public var color: RGBColor
    /// A log10 count axis, for counts that span decades (one bar holding nearly everyone): from
    /// half the smallest positive count (so it still shows as a bar) to the largest, labelled in
    /// plain numbers (1, 10, 100, 1,000); bars rise from the axis floor and empty bins have none.
    public var logY = false

    public init(title: String, bins: [HistogramBin], xLabel: String = "", yLabel: String = "Count",
                logX: Bool = false, referenceLines: [ReferenceLine] = [], caption: String? = nil,
                size: ChartSize = .standard, color: RGBColor = Palette.categorical(3)) {
        self.title = title
        self.bins = bins
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logX = logX
        self.referenceLines = referenceLines
        self.caption = caption
        self.size = size
        self.color = color
    }

    /// The chart as a standalone SVG document (also valid inline in HTML).
    public func svg() -> String {
        let valid = bins.filter { bin in
            bin.lower.isFinite && bin.upper.isFinite && bin.count.isFinite && bin.upper > bin.lower && bin.count >= 0
                && (!logX || bin.lower > 0)
        }
        var captionText = caption
        if logX {
            let hidden = bins.filter { $0.lower.isFinite && $0.upper.isFinite && $0.count.isFinite && $0.lower <= 0 }
            if !hidden.isEmpty {
                let total = hidden.reduce(0) { $0 + max(0, $1.count) }
                let note = "Not shown on the log axis: \(hidden.count) bin\(hidden.count == 1 ? "" : "s") at or below 0 (count \(NumberFormat.grouped(total)))."
                captionText = captionText.map { $0 + " " + note } ?? note
            }
        }

        let xCount = ChartFrame.xTickCount(size)
        let yCount = ChartFrame.yTickCount(size)
        let xAxis = logX
            ? NumericAxis.log(valid.map(\.lower).min(), valid.map(\.upper).max(), count: xCount, nice: false).relabelled(.plain)
            : NumericAxis.linear(valid.map(\.lower).min(), valid.map(\.upper).max(), count: xCount, nice: false)
        let positive = valid.map(\.count).filter { $0 > 0 }
        let yAxis = logY
            ? NumericAxis.log(positive.min().map { $0 / 2 }, positive.max(), count: yCount, nice: false).relabelled(.plain)
            : NumericAxis.linear(0, valid.map(\.count).max().map { $0 > 0 ? $0 : 1 }, count: yCount, nice: true)
        let xSpec = AxisSpec(labels: xAxis.labels, title: xLabel)
        let ySpec = AxisSpec(labels: yAxis.labels, title: yLabel)

        // Lay out once to learn the plot's width, place the reference labels, then reserve their band.
        func layout(extraTop: Double) -> ChartFrame {
            ChartFrame(size: size, title: title, caption: captionText, bottom: xSpec, left: ySpec, extraTop: extraTop)
        }
        let draft = layout(extraTop: 0)
        let draftLines = ReferenceLineLayer(lines: referenceLines, scale: xAxis.scale(draft.plot.x, draft.plot.maxX), plot: draft.plot, chartWidth: size.width)
        let frame = layout(extraTop: draftLines.bandHeight)
        let plot = frame.plot
        let x = xAxis.scale(plot.x, plot.maxX)
        let y = yAxis.scale(plot.maxY, plot.y)
        let lines = ReferenceLineLayer(lines: referenceLines, scale: x, plot: plot, chartWidth: size.width)

        var document = ChartDocument(size: size, kind: "histogram", title: title, description: captionText,
                                     extra: PlotZoom(plot: plot, axis: xAxis).attributes)
        frame.drawHeader(&document.writer)
        let xTicks = x.ticks(xAxis), yTicks = y.ticks(yAxis)
        AxisRenderer.drawGrid(&document.writer, plot: plot, vertical: [], horizontal: yTicks)
        if !valid.isEmpty {
            document.writer.open("g", [SVGAttribute("class", "bars"), SVGAttribute("fill", color.hexString), PlotZoom.marksLayer])
            let baseline = y.map(0) ?? plot.maxY
            for bin in valid where !logY || bin.count > 0 {
                guard let left = x.map(bin.lower), let right = x.map(bin.upper), let top = y.map(bin.count) else { continue }
                let gap = right - left > 4 ? 1.0 : 0
                document.writer.element("rect", [
                    SVGAttribute("class", "bar"), SVGAttribute("x", left), SVGAttribute("y", top),
                    SVGAttribute("width", max(0, right - left - gap)), SVGAttribute("height", max(0, baseline - top)),
                ], tooltip: bin.tooltip ?? "\(NumberFormat.compact(bin.lower))–\(NumberFormat.compact(bin.upper)): \(Self.countText(bin.count))")
            }
            document.writer.close()
        }
        lines.draw(&document.writer, frame: frame)
        AxisRenderer.draw(&document.writer, edge: .bottom, ticks: xTicks, frame: frame)
        AxisRenderer.draw(&document.writer, edge: .left, ticks: yTicks, frame: frame)
        frame.drawCaption(&document.writer)
        if valid.isEmpty { frame.drawNoData(&document.writer) }
        return document.finish()
    }

    /// Integer counts with thousands separators, fractional ones (densities) compactly.
    static func countText(_ count: Double) -> String {
        count == count.rounded() ? NumberFormat.grouped(count) : NumberFormat.compact(count)
    }
}
