import Foundation

/// One tick: its pixel position along the axis and its label.
struct AxisTick: Sendable {
    let position: Double
    let label: String
}

/// What an axis shows before layout: tick labels (to size the margins) and a title.
struct AxisSpec: Sendable {
    var labels: [String]
    var title: String
}

/// Which side of the plot an axis is on.
enum AxisEdge: Sendable {
    case bottom, left, right
}

/// Draws gridlines, axis lines, ticks, tick labels and axis titles around a ``PlotRect``.
///
/// Gridlines (light grey, behind the marks) come from the bottom and left ticks. The left and
/// bottom axis lines are always drawn; the right one only with a right axis. Tick marks point
/// outwards, ``Theme/tickLength`` long. Labels of a rotated bottom axis are anchored at their end
/// and turned by ``ChartFrame/rotatedLabelAngle``.
enum AxisRenderer {
    static func drawGrid(_ writer: inout SVGWriter, plot: PlotRect, vertical: [AxisTick], horizontal: [AxisTick]) {
        guard !vertical.isEmpty || !horizontal.isEmpty else { return }
        writer.open("g", [SVGAttribute("class", "grid"), SVGAttribute("stroke", Palette.grid.hexString), SVGAttribute("stroke-width", 1)])
        for tick in vertical where tick.position >= plot.x - 0.5 && tick.position <= plot.maxX + 0.5 {
            writer.element("line", [
                SVGAttribute("x1", tick.position), SVGAttribute("y1", plot.y),
                SVGAttribute("x2", tick.position), SVGAttribute("y2", plot.maxY),
            ])
        }
        for tick in horizontal where tick.position >= plot.y - 0.5 && tick.position <= plot.maxY + 0.5 {
            writer.element("line", [
                SVGAttribute("x1", plot.x), SVGAttribute("y1", tick.position),
                SVGAttribute("x2", plot.maxX), SVGAttribute("y2", tick.position),
            ])
        }
        writer.close()
    }

    static func draw(_ writer: inout SVGWriter, edge: AxisEdge, ticks: [AxisTick], frame: ChartFrame) {
        let plot = frame.plot
        let axisColor = Palette.axis.hexString
        let className: String
        switch edge {
        case .bottom: className = "axis axis-x"
        case .left: className = "axis axis-y"
        case .right: className = "axis axis-y2"
        }
        writer.open("g", [SVGAttribute("class", className), SVGAttribute("font-size", Theme.tickSize)])
        // Axis line.
        switch edge {
        case .bottom:
            writer.element("line", [SVGAttribute("x1", plot.x), SVGAttribute("y1", plot.maxY), SVGAttribute("x2", plot.maxX),
                                    SVGAttribute("y2", plot.maxY), SVGAttribute("stroke", axisColor)])
        case .left, .right:
            let x = edge == .left ? plot.x : plot.maxX
            writer.element("line", [SVGAttribute("x1", x), SVGAttribute("y1", plot.y), SVGAttribute("x2", x),
                                    SVGAttribute("y2", plot.maxY), SVGAttribute("stroke", axisColor)])
        }
        // Ticks and labels.
        let outer = Theme.tickLength + Theme.tickPadding
        for tick in ticks {
            switch edge {
            case .bottom:
                guard tick.position >= plot.x - 0.5 && tick.position <= plot.maxX + 0.5 else { continue }
                writer.element("line", [SVGAttribute("x1", tick.position), SVGAttribute("y1", plot.maxY),
                                        SVGAttribute("x2", tick.position), SVGAttribute("y2", plot.maxY + Theme.tickLength),
                                        SVGAttribute("stroke", axisColor)])
                if frame.bottomLabelsRotated {
                    let label = TextMetrics.truncate(tick.label, maxWidth: ChartFrame.maxRotatedLabelWidth, fontSize: Theme.tickSize)
                    let y = plot.maxY + outer + Theme.tickSize * 0.6
                    writer.element("text", [
                        SVGAttribute("x", tick.position), SVGAttribute("y", y), SVGAttribute("text-anchor", "end"),
                        SVGAttribute("transform", "rotate(\(SVGNumber.format(ChartFrame.rotatedLabelAngle)) \(SVGNumber.format(tick.position)) \(SVGNumber.format(y)))"),
                    ], text: label)
                } else {
                    writer.element("text", [SVGAttribute("x", tick.position), SVGAttribute("y", plot.maxY + outer + Theme.tickSize * 0.85),
                                            SVGAttribute("text-anchor", "middle")], text: tick.label)
                }
            case .left, .right:
                guard tick.position >= plot.y - 0.5 && tick.position <= plot.maxY + 0.5 else { continue }
                let x = edge == .left ? plot.x : plot.maxX
                let direction = edge == .left ? -1.0 : 1.0
                writer.element("line", [SVGAttribute("x1", x), SVGAttribute("y1", tick.position),
                                        SVGAttribute("x2", x + direction * Theme.tickLength), SVGAttribute("y2", tick.position),
                                        SVGAttribute("stroke", axisColor)])
                writer.element("text", [SVGAttribute("x", x + direction * outer), SVGAttribute("y", tick.position + Theme.tickSize * 0.35),
                                        SVGAttribute("text-anchor", edge == .left ? "end" : "start")], text: tick.label)
            }
        }
        writer.close()
        drawTitle(&writer, edge: edge, frame: frame)
    }

    private static func drawTitle(_ writer: inout SVGWriter, edge: AxisEdge, frame: ChartFrame) {
        let plot = frame.plot
        switch edge {
        case .bottom:
            guard let title = frame.bottom?.title, !title.isEmpty else { return }
            writer.element("text", [SVGAttribute("class", "axis-title"), SVGAttribute("x", plot.midX),
                                    SVGAttribute("y", frame.bottomTitleBaseline), SVGAttribute("text-anchor", "middle")], text: title)
        case .left, .right:
            let spec = edge == .left ? frame.left : frame.right
            guard let title = spec?.title, !title.isEmpty else { return }
            let x = edge == .left ? frame.leftTitleBaseline : frame.rightTitleBaseline
            let shown = TextMetrics.truncate(title, maxWidth: plot.height + 40, fontSize: Theme.labelSize)
            writer.element("text", [SVGAttribute("class", "axis-title"), SVGAttribute("x", x), SVGAttribute("y", plot.midY),
                                    SVGAttribute("text-anchor", "middle"),
                                    SVGAttribute("transform", "rotate(-90 \(SVGNumber.format(x)) \(SVGNumber.format(plot.midY)))")],
                           text: shown)
        }
    }
}
