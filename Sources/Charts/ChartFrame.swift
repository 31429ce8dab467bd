import Foundation

/// Layout of one chart: margins around the plot computed from what surrounds it.
///
/// Top to bottom: padding, title, legend rows, `extraTop` (e.g. annotation labels), the plot,
/// tick labels, the x-axis title, the caption (word-wrapped), padding. Left to right: padding,
/// y-axis title (rotated), tick labels, ticks, the plot, right axis, `extraRight` (e.g. a colour
/// bar), padding. Text widths are estimates (``TextMetrics``). Invariant: the plot keeps at least
/// 40 % of the chart's width and height whatever the labels, so a chart never collapses.
struct ChartFrame {
    /// Angle of rotated bottom tick labels, in degrees (counter-clockwise on screen).
    static let rotatedLabelAngle = -40.0
    /// Longest rotated label, in user units; longer labels are truncated with "…".
    static let maxRotatedLabelWidth = 110.0

    let size: ChartSize
    let title: String
    let plot: PlotRect
    let legend: Legend
    let legendTop: Double
    let extraTop: Double
    let bottom: AxisSpec?
    let left: AxisSpec?
    let right: AxisSpec?
    let bottomLabelsRotated: Bool
    let bottomTitleBaseline: Double
    let leftTitleBaseline: Double
    let rightTitleBaseline: Double
    let captionLines: [String]

    /// - Parameters:
    ///   - bottomSlots: for a categorical bottom axis, the number of bands; labels wider than a band
    ///     are rotated. `nil` for numeric axes, whose labels never rotate.
    init(size: ChartSize, title: String, caption: String?, legend entries: [LegendEntry] = [],
         bottom: AxisSpec?, left: AxisSpec?, right: AxisSpec? = nil,
         extraTop: Double = 0, extraRight: Double = 0, bottomSlots: Int? = nil) {
        self.size = size
        self.title = title
        self.bottom = bottom
        self.left = left
        self.right = right
        self.extraTop = extraTop
        let pad = Theme.padding
        let tickOuter = Theme.tickLength + Theme.tickPadding

        // Horizontal margins.
        func maxWidth(_ labels: [String]) -> Double {
            labels.map { TextMetrics.width($0, fontSize: Theme.tickSize) }.max() ?? 0
        }
        var leftMargin = pad
        if let left {
            leftMargin += maxWidth(left.labels) + tickOuter
            if !left.title.isEmpty { leftMargin += Theme.labelSize + 8 }
        }
        var rightMargin = pad + extraRight
        if let right {
            rightMargin += maxWidth(right.labels) + tickOuter
            if !right.title.isEmpty { rightMargin += Theme.labelSize + 8 }
        }
        if let bottom, bottomSlots == nil {
            // Numeric end labels are centred on the plot edges and may overhang it.
            leftMargin = max(leftMargin, pad + TextMetrics.width(bottom.labels.first ?? "", fontSize: Theme.tickSize) / 2)
            rightMargin = max(rightMargin, pad + extraRight + TextMetrics.width(bottom.labels.last ?? "", fontSize: Theme.tickSize) / 2)
        }
        let maxHorizontal = size.width * 0.6
        if leftMargin + rightMargin > maxHorizontal {
            let shrink = maxHorizontal / (leftMargin + rightMargin)
            leftMargin *= shrink
            rightMargin *= shrink
        }
        var plotWidth = size.width - leftMargin - rightMargin

        // Rotation of categorical labels.
        var rotated = false
        var bottomLabelHeight = 0.0
        if let bottom {
            bottomLabelHeight = Theme.tickSize
            if let slots = bottomSlots, slots > 0 {
                let slotWidth = plotWidth / Double(slots)
                let widest = maxWidth(bottom.labels)
                if widest > slotWidth - 6 {
                    rotated = true
                    let radians = abs(Self.rotatedLabelAngle) * Double.pi / 180
                    let shown = min(widest, Self.maxRotatedLabelWidth)
                    bottomLabelHeight = shown * sin(radians) + Theme.tickSize * cos(radians)
                    // The first label hangs left of its band centre; keep it inside the chart.
                    let first = min(TextMetrics.width(bottom.labels.first ?? "", fontSize: Theme.tickSize), Self.maxRotatedLabelWidth)
                    let needed = min(maxHorizontal - rightMargin, pad + 6 + first * cos(radians) - slotWidth / 2)
                    if needed > leftMargin {
                        leftMargin = needed
                        plotWidth = size.width - leftMargin - rightMargin
                    }
                }
            }
        }
        let plotX = leftMargin
        bottomLabelsRotated = rotated

        // Vertical margins.
        var top = pad
        if !title.isEmpty { top += Theme.titleSize + 8 }
        legend = Legend(entries: entries, minX: plotX, maxX: size.width - pad)
        legendTop = top
        if legend.rowCount > 0 { top += legend.height + 6 }
        top += extraTop
        top += 8 // room for the top tick label, which is centred on the plot's top edge

        let captionWidth = size.width - 2 * pad
        captionLines = caption.map { TextMetrics.wrap($0, maxWidth: captionWidth, fontSize: Theme.captionSize) } ?? []
        var bottomMargin = pad
        if !captionLines.isEmpty { bottomMargin += Double(captionLines.count) * Theme.lineHeight + 6 }
        if let bottom {
            bottomMargin += tickOuter + bottomLabelHeight + 4
            if !bottom.title.isEmpty { bottomMargin += Theme.labelSize + 6 }
        } else {
            bottomMargin += 4
        }
        if top + bottomMargin > size.height * 0.6 {
            let shrink = size.height * 0.6 / (top + bottomMargin)
            top *= shrink
            bottomMargin *= shrink
        }
        plot = PlotRect(x: plotX, y: top, width: plotWidth, height: size.height - top - bottomMargin)
        bottomTitleBaseline = plot.maxY + tickOuter + bottomLabelHeight + 4 + Theme.labelSize
        leftTitleBaseline = pad + Theme.labelSize
        rightTitleBaseline = size.width - pad - extraRight - 3
    }

    /// Top of the band reserved by `extraTop` (just above the plot's headroom).
    var extraTopOrigin: Double { plot.y - 8 - extraTop }

    /// Title and legend.
    func drawHeader(_ writer: inout SVGWriter) {
        if !title.isEmpty {
            let shown = TextMetrics.truncate(title, maxWidth: size.width - 2 * Theme.padding, fontSize: Theme.titleSize)
            writer.element("text", [
                SVGAttribute("class", "chart-title"), SVGAttribute("x", Theme.padding),
                SVGAttribute("y", Theme.padding + Theme.titleSize * 0.8), SVGAttribute("font-size", Theme.titleSize),
                SVGAttribute("font-weight", "600"),
            ], text: shown)
        }
        legend.draw(&writer, top: legendTop)
    }

    /// The wrapped caption at the bottom-left, in a muted colour.
    func drawCaption(_ writer: inout SVGWriter) {
        guard !captionLines.isEmpty else { return }
        let firstBaseline = size.height - Theme.padding - Double(captionLines.count - 1) * Theme.lineHeight - 3
        writer.open("text", [SVGAttribute("class", "caption"), SVGAttribute("font-size", Theme.captionSize),
                             SVGAttribute("fill", Palette.mutedText.hexString)])
        for (index, line) in captionLines.enumerated() {
            writer.element("tspan", [SVGAttribute("x", Theme.padding), SVGAttribute("y", firstBaseline + Double(index) * Theme.lineHeight)], text: line)
        }
        writer.close()
    }

    /// A centred "No data" note in the plot (for empty or entirely invalid input).
    func drawNoData(_ writer: inout SVGWriter, message: String = "No data") {
        writer.element("text", [
            SVGAttribute("class", "no-data"), SVGAttribute("x", plot.midX), SVGAttribute("y", plot.midY),
            SVGAttribute("text-anchor", "middle"), SVGAttribute("fill", Palette.mutedText.hexString),
            SVGAttribute("font-size", 14),
        ], text: message)
    }

    /// Tick count that suits an axis `length` pixels long (one tick per `spacing` px), in 2…12.
    static func tickCount(forLength length: Double, spacing: Double = 75) -> Int {
        max(2, min(12, Int((length / spacing).rounded())))
    }

    /// Target x tick count for a chart (about one per 75 px of estimated plot width; 7 at 640 px).
    static func xTickCount(_ size: ChartSize) -> Int { tickCount(forLength: size.width - 120) }

    /// Target y tick count for a chart (about one per 55 px of estimated plot height; 5 at 400 px).
    static func yTickCount(_ size: ChartSize) -> Int { tickCount(forLength: size.height - 130, spacing: 55) }
}
