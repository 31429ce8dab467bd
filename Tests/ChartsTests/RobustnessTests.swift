import Testing
@testable import Charts

@Suite("Robustness: escaping, empty and invalid data, determinism")
struct RobustnessTests {
    static let hostile = ChartFixtures.hostile

    @Test func titlesAndLegendLabelsAreEscaped() throws {
        let charts = [
            Histogram(title: Self.hostile, bins: ChartFixtures.bins, xLabel: Self.hostile,
                      referenceLines: [ReferenceLine(value: 15, label: Self.hostile)], caption: Self.hostile).svg(),
            ScatterPlot(title: Self.hostile, series: [ScatterSeries(name: Self.hostile, points: [ChartPoint(x: 1, y: 1)])],
                        markedPoints: [MarkedPoint(x: 1, y: 1, label: Self.hostile)]).svg(),
            LineChart(title: Self.hostile, series: [LineSeries(name: Self.hostile, points: [ChartPoint(x: 1, y: 1)])]).svg(),
            BarChart(title: Self.hostile, categories: [Self.hostile], series: [BarSeries(name: Self.hostile, values: [1])]).svg(),
            HeatmapTable(title: Self.hostile, rowLabels: [Self.hostile], columnLabels: [Self.hostile], values: [2]).svg(),
            DensityHeatmap(title: Self.hostile, xEdges: [0, 1], yEdges: [0, 1], counts: [1], colorLabel: Self.hostile).svg(),
        ]
        for svg in charts {
            #expect(!svg.contains(Self.hostile))
            #expect(!svg.contains("<script"))
            #expect(svg.contains("&lt;script&gt;&amp;&quot;&apos;"))
            let inspector = try #require(SVGInspector.parse(svg))
            // After parsing, the text is exactly what the caller wrote.
            #expect(inspector.texts.contains(Self.hostile))
        }
    }

    @Test func emptyDataRendersAFrameWithANote() throws {
        let charts = [
            Histogram(title: "h", bins: []).svg(),
            Histogram(title: "h", bins: [HistogramBin(lower: 0, upper: 1, count: 5)], logX: true).svg(),
            ScatterPlot(title: "s", series: []).svg(),
            ScatterPlot(title: "s", series: [ScatterSeries(name: "a", points: [])]).svg(),
            DensityHeatmap(title: "d", xEdges: [], yEdges: [], counts: []).svg(),
            DensityHeatmap(title: "d", xEdges: [0, 1], yEdges: [0, 1], counts: [0]).svg(),
            LineChart(title: "l", series: []).svg(),
            BarChart(title: "b", categories: [], series: []).svg(),
            HeatmapTable(title: "t", rowLabels: [], columnLabels: [], values: []).svg(),
        ]
        for svg in charts {
            let inspector = try #require(SVGInspector.parse(svg))
            #expect(inspector.count("text", class: "no-data") == 1)
            #expect(inspector.allText.contains("No data"))
        }
        // Frames still have axes.
        let empty = try #require(SVGInspector.parse(Histogram(title: "h", bins: []).svg()))
        #expect(empty.count("g", class: "axis-x") == 1 && empty.count("g", class: "axis-y") == 1)
    }

    @Test func nonFiniteValuesAreSkippedNeverWritten() throws {
        let nan = Double.nan, inf = Double.infinity
        let histogram = Histogram(title: "h", bins: [
            HistogramBin(lower: 0, upper: 1, count: 3), HistogramBin(lower: 1, upper: 2, count: nan),
            HistogramBin(lower: 2, upper: inf, count: 1), HistogramBin(lower: 3, upper: 4, count: 2),
        ], referenceLines: [ReferenceLine(value: nan, label: "bad"), ReferenceLine(value: 2, label: "ok")]).svg()
        let scatter = ScatterPlot(title: "s", series: [ScatterSeries(name: "a", points: [
            ChartPoint(x: 1, y: 1), ChartPoint(x: nan, y: 1), ChartPoint(x: 2, y: -inf), ChartPoint(x: 3, y: 2),
        ])], markedPoints: [MarkedPoint(x: nan, y: 0, label: "gone")]).svg()
        let line = LineChart(title: "l", series: [LineSeries(name: "a", points: [
            ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: nan), ChartPoint(x: 3, y: 2), ChartPoint(x: 4, y: 3),
        ])]).svg()
        let bars = BarChart(title: "b", categories: ["a", "b"], series: [BarSeries(name: "x", values: [nan, 2])]).svg()
        let density = DensityHeatmap(title: "d", xEdges: [0, 1, 2], yEdges: [0, 1], counts: [nan, 4]).svg()
        let table = HeatmapTable(title: "t", rowLabels: ["r"], columnLabels: ["a", "b", "c"], values: [nan, inf, 2]).svg()
        for svg in [histogram, scatter, line, bars, density, table] {
            #expect(SVGInspector.parse(svg) != nil)
            let lower = svg.lowercased()
            #expect(!lower.contains("nan") && !lower.contains("inf"))
        }
        let parsedHistogram = try #require(SVGInspector.parse(histogram))
        #expect(parsedHistogram.count("rect", class: "bar") == 2)
        #expect(parsedHistogram.count("line", inside: "reference-lines") == 1)
        let parsedScatter = try #require(SVGInspector.parse(scatter))
        #expect(parsedScatter.count("circle", inside: "series") == 2)
        #expect(parsedScatter.count("circle", class: "marked-point") == 0)
        // The NaN splits the line in two runs; only the run with two points is drawn as a polyline.
        let parsedLine = try #require(SVGInspector.parse(line))
        #expect(parsedLine.count("polyline", inside: "series") == 1)
        #expect(parsedLine.count("circle", inside: "series") == 3)
        let parsedBars = try #require(SVGInspector.parse(bars))
        #expect(parsedBars.count("rect", class: "bar") == 1)
        let parsedDensity = try #require(SVGInspector.parse(density))
        #expect(parsedDensity.count("rect", inside: "cells") == 1)
        let tableInspector = try #require(SVGInspector.parse(table))
        #expect(tableInspector.count("rect", class: "cell") == 3)
        #expect(tableInspector.texts.filter { $0 == "n/a" }.count == 2)
    }

    @Test func invalidGridEdgesAreReported() throws {
        let chart = DensityHeatmap(title: "d", xEdges: [0, 2, 1], yEdges: [0, 1], counts: [1, 2])
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        #expect(inspector.allText.contains("Invalid grid edges"))
        #expect(inspector.count("rect", inside: "cells") == 0)
    }

    @Test func outputIsDeterministic() {
        for ((name, first), (_, second)) in zip(ChartFixtures.all, ChartFixtures.all) {
            #expect(first == second, "\(name) differs between runs")
        }
    }

    @Test func numbersUseAtMostTwoDecimals() {
        let svg = ChartFixtures.scatter().svg() + ChartFixtures.elbow().svg()
        // No number in the output has more than two fraction digits.
        var digitsAfterPoint = 0, afterPoint = false
        var longest = 0
        for character in svg {
            if character == "." { afterPoint = true; digitsAfterPoint = 0; continue }
            if afterPoint && character.isNumber { digitsAfterPoint += 1; longest = max(longest, digitsAfterPoint) } else { afterPoint = false }
        }
        #expect(longest <= 2)
    }

    @Test func smallSizesStillLayOut() throws {
        let size = ChartSize(width: 200, height: 150)
        var chart = ChartFixtures.bars()
        chart.size = size
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        #expect(inspector.count("rect", class: "bar") == 6)
        #expect(!chart.svg().contains("height=\"-"))
    }
}
