/// One series of a bar chart: a value per category (same order as the chart's categories).
public struct BarSeries: Sendable, Equatable {
    public let name: String
    public let values: [Double]
    /// `nil` → the series' Okabe–Ito colour by position.
    public let color: RGBColor?
    /// Per category, an interval drawn as a whisker over the bar (grouped mode only), e.g. a 95%
    /// confidence interval; nil entries (or nil) draw none.
    public let intervals: [ClosedRange<Double>?]?

    public init(name: String, values: [Double], color: RGBColor? = nil, intervals: [ClosedRange<Double>?]? = nil) {
        self.name = name
        self.values = values
        self.color = color
        self.intervals = intervals
    }
}

/// How a bar chart arranges several series within a category.
public enum BarMode: Sendable, Equatable {
    /// Side by side; bars start at 0 (negative values go down).
    case grouped
    /// On top of each other; positive values stack up from 0, negative values down from 0.
    case stacked
    /// Stacked and normalised so each category sums to 100 % (negative values are ignored);
    /// the y axis shows percentages.
    case stackedShare
}

/// A vertical bar chart over categories × series, grouped or stacked (e.g. favourite category by
/// age group, as counts or as shares).
///
/// Layout: categories on a band scale (inner padding 20 %, outer 10 %); in grouped mode each band
/// is split evenly between the series (5 % gap). Marks: one `<rect class="bar">` per drawn value
/// with a `<title>` tooltip `category · series: value`. Non-finite values are skipped; in
/// ``BarMode/stackedShare`` so are negative values and categories whose total is 0. Optional value
/// labels (``showValues``) go above grouped bars and inside stacked segments, and are left out
/// where they would not fit. Category labels are rotated when wider than their band. Bars, value
/// labels and legend entries carry their series' index as `data-series` (the report's script
/// hides a series from its legend).
public struct BarChart: Sendable {
    public var title: String
    public var categories: [String]
    public var series: [BarSeries]
    public var mode: BarMode
    public var xLabel: String
    public var yLabel: String
    public var showValues: Bool
    /// Format of value labels and tooltips (in ``BarMode/stackedShare`` they show percentages).
    public var valueFormat: ValueFormat
    public var caption: String?
    public var size: ChartSize

    /// - Precondition: every series has exactly one value per category.
    public init(title: String, categories: [String], series: [BarSeries], mode: BarMode = .grouped,
                xLabel: String = "", yLabel: String = "", showValues: Bool = false, valueFormat: ValueFormat = .compact,
                caption: String? = nil, size: ChartSize = .standard) {
        for item in series {
            precondition(item.values.count == categories.count,
                         "series \"\(item.name)\" has \(item.values.count) values for \(categories.count) categories")
        }
        self.title = title
        self.categories = categories
        self.series = series
        self.mode = mode
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.showValues = showValues
        self.valueFormat = valueFormat
        self.caption = caption
        self.size = size
    }

    /// One bar segment in data units.
    struct Segment {
        let category: Int
        let series: Int
        let low: Double
        let high: Double
        /// The value shown in labels and tooltips.
        let shown: Double
        /// The series' own value when `shown` is a share (the tooltip gives both); nil otherwise.
        var raw: Double? = nil
    }

    /// Segments in data units for the current mode.
    func segments() -> [Segment] {
        var out: [Segment] = []
        for category in categories.indices {
            var up = 0.0, down = 0.0
            let total = series.reduce(0.0) { sum, item in
                let value = item.values[category]
                return value.isFinite && value > 0 ? sum + value : sum
            }
            for (index, item) in series.enumerated() {
                let value = item.values[category]
                guard value.isFinite else { continue }
                switch mode {
                case .grouped:
                    out.append(Segment(category: category, series: index, low: min(0, value), high: max(0, value), shown: value))
                case .stacked:
                    if value >= 0 {
                        out.append(Segment(category: category, series: index, low: up, high: up + value, shown: value))
                        up += value
                    } else {
                        out.append(Segment(category: category, series: index, low: down + value, high: down, shown: value))
                        down += value
                    }
                case .stackedShare:
                    guard value >= 0, total > 0 else { continue }
                    let share = value / total
                    out.append(Segment(category: category, series: index, low: up, high: up + share, shown: share, raw: value))
                    up += share
                }
            }
        }
        return out
    }

    public func svg() -> String {
        let segments = segments()
        let yCount = ChartFrame.yTickCount(size)
        let yAxis: NumericAxis
        if mode == .stackedShare {
            yAxis = NumericAxis.linear(0, 1, count: yCount, nice: true).relabelled(.percent(decimals: 0))
        } else {
            let whiskers = whiskerExtent()
            let low = ([segments.map(\.low).min(), whiskers?.lowerBound].compactMap { $0 }).min()
            let high = ([segments.map(\.high).max(), whiskers?.upperBound].compactMap { $0 }).max()
            yAxis = NumericAxis.linear(low, high, count: yCount, nice: true, includeZero: true)
        }
        let colors = series.indices.map { series[$0].color ?? Palette.categorical($0) }
        let legend = series.indices.filter { !series[$0].name.isEmpty }
            .map { LegendEntry(label: series[$0].name, color: colors[$0], symbol: .swatch, series: $0) }
        let frame = ChartFrame(size: size, title: title, caption: caption, legend: legend,
                               bottom: AxisSpec(labels: categories, title: xLabel),
                               left: AxisSpec(labels: yAxis.labels, title: yLabel), bottomSlots: max(1, categories.count))
        let plot = frame.plot
        let bands = BandScale(count: categories.count, range: (plot.x, plot.maxX))
        let y = yAxis.scale(plot.maxY, plot.y)
        let yTicks = y.ticks(yAxis)
        let xTicks = categories.indices.map { AxisTick(position: bands.center($0), label: categories[$0]) }
        let groupCount = mode == .grouped ? max(1, series.count) : 1
        let subWidth = bands.bandwidth / Double(groupCount)
        let gap = groupCount > 1 ? subWidth * 0.05 : 0
        let shownFormat: ValueFormat = mode == .stackedShare ? .percent(decimals: 0) : valueFormat

        var document = ChartDocument(size: size, kind: "bar", title: title, description: caption)
        frame.drawHeader(&document.writer)
        AxisRenderer.drawGrid(&document.writer, plot: plot, vertical: [], horizontal: yTicks)
        var labels: [(x: Double, y: Double, text: String, color: RGBColor, series: Int)] = []
        if !segments.isEmpty {
            document.writer.open("g", [SVGAttribute("class", "bars")])
            for segment in segments {
                guard let top = y.map(segment.high), let bottom = y.map(segment.low) else { continue }
                let left = bands.start(segment.category) + (mode == .grouped ? Double(segment.series) * subWidth : 0)
                let width = max(0, subWidth - gap)
                let text = shownFormat.format(segment.shown)
                let seriesName = series[segment.series].name
                let rawText = segment.raw.map { " (\(valueFormat.format($0)))" } ?? ""
                let tooltip = (seriesName.isEmpty ? "\(categories[segment.category]): \(text)"
                    : "\(categories[segment.category]) · \(seriesName): \(text)") + rawText
                document.writer.element("rect", [
                    SVGAttribute("class", "bar"), SVGAttribute("x", left), SVGAttribute("y", top),
                    SVGAttribute("width", width), SVGAttribute("height", max(0, bottom - top)),
                    SVGAttribute("fill", colors[segment.series].hexString), SVGAttribute("data-series", "\(segment.series)"),
                ], tooltip: tooltip)
                guard showValues else { continue }
                let textWidth = TextMetrics.width(text, fontSize: 10)
                if mode == .grouped {
                    guard textWidth <= subWidth + 6 else { continue }
                    let above = segment.shown >= 0
                    labels.append((left + width / 2, above ? top - 4 : bottom + 11, text, Palette.text, segment.series))
                } else {
                    guard textWidth <= width - 2, bottom - top >= 13 else { continue }
                    labels.append((left + width / 2, (top + bottom) / 2 + 3.5, text, colors[segment.series].contrastingText, segment.series))
                }
            }
            document.writer.close()
        }
        if mode == .grouped { drawWhiskers(&document.writer, bands: bands, subWidth: subWidth, gap: gap, y: y) }
        if !labels.isEmpty {
            document.writer.open("g", [SVGAttribute("class", "value-labels"), SVGAttribute("font-size", 10), SVGAttribute("text-anchor", "middle")])
            for label in labels {
                document.writer.element("text", [SVGAttribute("x", label.x), SVGAttribute("y", label.y),
                                                 SVGAttribute("fill", label.color.hexString),
                                                 SVGAttribute("data-series", "\(label.series)")], text: label.text)
            }
            document.writer.close()
        }
        AxisRenderer.draw(&document.writer, edge: .bottom, ticks: xTicks, frame: frame)
        AxisRenderer.draw(&document.writer, edge: .left, ticks: yTicks, frame: frame)
        frame.drawCaption(&document.writer)
        if segments.isEmpty { frame.drawNoData(&document.writer) }
        return document.finish()
    }
}
