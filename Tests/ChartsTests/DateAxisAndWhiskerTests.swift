import Testing
@testable import Charts

/// A line chart's caller-placed x ticks (dates) and a bar chart's interval whiskers.
@Suite("Labelled x ticks and whiskers")
struct DateAxisAndWhiskerTests {
    static let months = (0..<12).map { LabelledTick(value: Double($0 * 30), label: "M\($0 + 1)") }

    @Test func labelledTicksReplaceNumbersAndAreThinnedToFit() throws {
        var chart = LineChart(title: "t", series: [LineSeries(name: "a", points: (0...330).map { ChartPoint(x: Double($0), y: Double($0 % 7)) })],
                              integerX: false)
        chart.xTicks = Self.months
        chart.xText = { "day \(Int($0))" }
        chart.yFormat = .grouped
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        let shown = Self.months.map(\.label).filter { label in inspector.texts.contains(label) }
        #expect(shown.first == "M1" && shown.count >= 2, "\(shown)")
        let step = shown.count >= 2 ? (Int(shown[1].dropFirst()) ?? 0) - 1 : 0
        #expect(shown.enumerated().allSatisfy { $0.element == "M\($0.offset * step + 1)" }, "every n-th tick, from the first: \(shown)")
        #expect(!inspector.texts.contains("300"), "no numeric x label")
        #expect(chart.svg().contains("a at day 165: 4"))
        // At the phone width fewer ticks fit, never more than at the desktop width.
        chart.size = ChartSize(width: 360, height: 380)
        let phone = try #require(SVGInspector.parse(chart.svg()))
        #expect(Self.months.filter { phone.texts.contains($0.label) }.count <= shown.count)
    }

    @Test func whiskersSpanTheirIntervalsAndWidenTheAxis() throws {
        let chart = BarChart(title: "t", categories: ["a", "b", "c"],
                             series: [BarSeries(name: "s", values: [0.2, 0.5, 0.4], intervals: [0.1...0.3, nil, 0.35...1.7])])
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        #expect(inspector.count("path", class: "whisker") == 2)
        let top = inspector.texts.compactMap(Double.init).max() ?? 0
        #expect(top >= 1.7 && top < 2.5, "the y axis reaches the upper bound 1.7: \(inspector.texts)")
        #expect(chart.svg().contains("c · s: 95% interval 0.35…1.7"))
        let stacked = BarChart(title: "t", categories: ["a"], series: [BarSeries(name: "s", values: [1], intervals: [0...2])], mode: .stacked)
        #expect(SVGInspector.parse(stacked.svg())?.count("path", class: "whisker") == 0, "stacked bars draw no whisker")
    }
}
