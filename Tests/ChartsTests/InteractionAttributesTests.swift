import Foundation
import Testing
@testable import Charts

/// The data attributes the report's script reads: `data-plot` / `data-x-domain` / `data-x-scale`
/// must describe the scale the marks were really drawn with, and `data-series` must tie each
/// legend entry to its own marks.
@Suite("Interaction attributes")
struct InteractionAttributesTests {
    /// (plot x, plot width, domain lower, upper, log) from the root's attributes.
    func zoom(_ inspector: SVGInspector) throws -> (x: Double, width: Double, lower: Double, upper: Double, log: Bool) {
        let root = try #require(inspector.elements.first)
        let plot = try #require(root.attributes["data-plot"]).split(separator: " ").compactMap { Double($0) }
        let domain = try #require(root.attributes["data-x-domain"]).split(separator: " ").compactMap { Double($0) }
        try #require(plot.count == 4 && domain.count == 2)
        return (plot[0], plot[2], domain[0], domain[1], root.attributes["data-x-scale"] == "log")
    }

    /// Pixel of `value` by the formula the script uses (PlotZoom's documentation).
    func pixel(_ value: Double, _ z: (x: Double, width: Double, lower: Double, upper: Double, log: Bool)) -> Double {
        let t = z.log ? (log10(value) - log10(z.lower)) / (log10(z.upper) - log10(z.lower)) : (value - z.lower) / (z.upper - z.lower)
        return z.x + t * z.width
    }

    @Test(arguments: [false, true])
    func histogramBarsSitWhereTheDomainSays(logX: Bool) throws {
        let bins = ChartFixtures.bins.map { HistogramBin(lower: $0.lower + 1, upper: $0.upper + 1, count: $0.count) }
        let inspector = try #require(SVGInspector.parse(ChartFixtures.histogram(bins: bins, logX: logX).svg()))
        let z = try zoom(inspector)
        #expect(z.log == logX)
        let bars = inspector.elements.filter { $0.classes.contains("bar") }
        #expect(bars.count == bins.count)
        for (bar, bin) in zip(bars, bins) {
            let x = try #require(bar.attributes["x"].flatMap(Double.init))
            #expect(abs(x - pixel(bin.lower, z)) < 0.01, "bar at \(x), domain says \(pixel(bin.lower, z))")
        }
        let layer = try #require(inspector.elements.first { $0.classes.contains("bars") })
        #expect(layer.attributes["data-layer"] == "marks")
        #expect(!inspector.elements.contains { $0.classes.contains("reference-lines") && $0.attributes["data-layer"] != nil })
    }

    @Test func anAxisWithItsOwnLabelsHandsThemToTheZoom() throws {
        let plot = PlotRect(x: 10, y: 10, width: 300, height: 200)
        let plain = NumericAxis.linear(0, 1, count: 5, nice: true)
        #expect(!PlotZoom(plot: plot, axis: plain).attributes.contains { $0.name == "data-x-ticks" })
        let percent = plain.relabelled(.percent(decimals: 0))
        let attribute = try #require(PlotZoom(plot: plot, axis: percent).attributes.first { $0.name == "data-x-ticks" })
        let json = try #require(attribute.rendered.replacingOccurrences(of: "&quot;", with: "\"").data(using: .utf8))
        let pairs = try #require(try JSONSerialization.jsonObject(with: json) as? [[String]])
        #expect(pairs.map { $0[1] } == percent.labels)
        #expect(pairs.map { Double($0[0]) } == percent.ticks.values.map { Optional($0) })
    }

    @Test func densityCellsSitWhereTheDomainSays() throws {
        let chart = ChartFixtures.density()
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        let z = try zoom(inspector)
        let cells = inspector.elements.filter { $0.name == "rect" && $0.isInside("cells") }
        #expect(cells.count == chart.counts.filter { $0 > 0 }.count)
        let columns = chart.xEdges.count - 1
        for (cell, index) in zip(cells, chart.counts.indices.filter { chart.counts[$0] > 0 }) {
            let x = try #require(cell.attributes["x"].flatMap(Double.init))
            #expect(abs(x - pixel(chart.xEdges[index % columns], z)) < 0.01)
        }
    }

    @Test func lineMarkersSitWhereTheDomainSaysAndLegendNamesTheirSeries() throws {
        let chart = ChartFixtures.elbow()
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        let z = try zoom(inspector)
        for (index, line) in chart.series.enumerated() {
            let group = try #require(inspector.elements.first { $0.name == "g" && $0.attributes["data-series"] == "\(index)" && $0.classes.contains("series") })
            #expect(group.attributes["data-layer"] == "marks")
            let markers = inspector.elements.filter { $0.name == "circle" && $0.isInside("series-\(index)") }
            #expect(markers.count == line.points.count)
            for (marker, point) in zip(markers, line.points) {
                let cx = try #require(marker.attributes["cx"].flatMap(Double.init))
                #expect(abs(cx - pixel(point.x, z)) < 0.01)
            }
        }
        let legend = inspector.elements.filter { $0.classes.contains("legend-item") }.compactMap { $0.attributes["data-series"] }
        #expect(legend == ["0", "1"])
        #expect(inspector.elements.first?.attributes["data-x-integer"] == "1", "k is counted in whole numbers")
        var continuous = chart
        continuous.integerX = false
        #expect(SVGInspector.parse(continuous.svg())?.elements.first?.attributes["data-x-integer"] == nil)
    }

    @Test func everyBarAndValueLabelNamesItsSeriesAndABarChartHasNoXZoom() throws {
        let chart = ChartFixtures.bars(mode: .stacked)
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        #expect(inspector.elements.first?.attributes["data-plot"] == nil, "categories are not a numeric x axis")
        let bars = inspector.elements.filter { $0.classes.contains("bar") }
        #expect(!bars.isEmpty && bars.allSatisfy { $0.attributes["data-series"] != nil })
        let labels = inspector.elements.filter { $0.name == "text" && $0.isInside("value-labels") }
        #expect(!labels.isEmpty && labels.allSatisfy { $0.attributes["data-series"] != nil })
        let legend = Set(inspector.elements.filter { $0.classes.contains("legend-item") }.compactMap { $0.attributes["data-series"] })
        #expect(legend == Set(bars.compactMap { $0.attributes["data-series"] }))
        // The hidden series' bars: series 1 has a 0 in the middle category, still drawn (height 0).
        #expect(bars.filter { $0.attributes["data-series"] == "1" }.count == chart.categories.count)
    }

    @Test func scatterSeriesAreMarksLayersNamedByTheLegend() throws {
        let inspector = try #require(SVGInspector.parse(ChartFixtures.scatter().svg()))
        _ = try zoom(inspector)
        let groups = inspector.elements.filter { $0.name == "g" && $0.classes.contains("series") }
        #expect(groups.map { $0.attributes["data-series"] } == ["0", "1"])
        #expect(groups.allSatisfy { $0.attributes["data-layer"] == "marks" })
        #expect(!inspector.elements.contains { $0.classes.contains("marked-points") && $0.attributes["data-layer"] != nil })
    }
}
