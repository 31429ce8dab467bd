extension BarChart {
    /// The lowest and highest finite interval bound of any series (grouped mode); nil when none.
    func whiskerExtent() -> ClosedRange<Double>? {
        guard mode == .grouped else { return nil }
        let bounds = series.compactMap(\.intervals).joined().compactMap { $0 }
            .filter { $0.lowerBound.isFinite && $0.upperBound.isFinite }
        guard let low = bounds.map(\.lowerBound).min(), let high = bounds.map(\.upperBound).max() else { return nil }
        return low...high
    }

    /// Each finite interval as a whisker centred on its bar: a vertical line from the lower to the
    /// upper bound with caps a third of the bar's width, in the text colour, in `<g class="whiskers">`,
    /// each with a `<title>` "category · series: 95% interval lower…upper" and its series' index as
    /// `data-series` (a legend click hides the whiskers with their bars).
    func drawWhiskers(_ writer: inout SVGWriter, bands: BandScale, subWidth: Double, gap: Double, y: PositionScale) {
        var marks: [(series: Int, x: Double, top: Double, bottom: Double, cap: Double, tooltip: String)] = []
        for (index, item) in series.enumerated() {
            guard let intervals = item.intervals else { continue }
            for category in categories.indices where category < intervals.count {
                guard let interval = intervals[category], let top = y.map(interval.upperBound), let bottom = y.map(interval.lowerBound) else { continue }
                let left = bands.start(category) + Double(index) * subWidth
                let width = max(0, subWidth - gap)
                let name = item.name.isEmpty ? categories[category] : "\(categories[category]) · \(item.name)"
                marks.append((index, left + width / 2, top, bottom, max(2, width / 6),
                              "\(name): 95% interval \(valueFormat.format(interval.lowerBound))…\(valueFormat.format(interval.upperBound))"))
            }
        }
        guard !marks.isEmpty else { return }
        writer.open("g", [SVGAttribute("class", "whiskers"), SVGAttribute("stroke", Palette.text.hexString), SVGAttribute("stroke-width", 1.5),
                          SVGAttribute("fill", "none")])
        for mark in marks {
            let path = "M\(SVGNumber.format(mark.x)),\(SVGNumber.format(mark.bottom))V\(SVGNumber.format(mark.top))"
                + "M\(SVGNumber.format(mark.x - mark.cap)),\(SVGNumber.format(mark.top))H\(SVGNumber.format(mark.x + mark.cap))"
                + "M\(SVGNumber.format(mark.x - mark.cap)),\(SVGNumber.format(mark.bottom))H\(SVGNumber.format(mark.x + mark.cap))"
            writer.element("path", [SVGAttribute("class", "whisker"), SVGAttribute("d", path), SVGAttribute("data-series", "\(mark.series)")],
                           tooltip: mark.tooltip)
        }
        writer.close()
    }
}
