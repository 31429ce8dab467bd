import Testing
@testable import Charts

@Suite("Chart output")
struct ChartOutputTests {
    @Test func everyChartIsWellFormedSVG() throws {
        for (name, svg) in ChartFixtures.all {
            let inspector = try #require(SVGInspector.parse(svg), "\(name) is not well-formed XML")
            let root = try #require(inspector.elements.first)
            #expect(root.name == "svg", "\(name)")
            #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(root.attributes["viewBox"] == "0 0 640 \(root.attributes["height"] ?? "?")", "\(name)")
            #expect(inspector.elements.dropFirst().first?.name == "title", "\(name): <title> should come first")
            #expect(!svg.contains("<script"), "\(name)")
            #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"), "\(name)")
        }
    }

    @Test func histogramDrawsOneBarPerBin() throws {
        let inspector = try #require(SVGInspector.parse(ChartFixtures.histogram().svg()))
        #expect(inspector.count("rect", class: "bar") == ChartFixtures.bins.count)
        #expect(inspector.count("line", inside: "reference-lines") == 2)
        #expect(inspector.allText.contains("median") && inspector.allText.contains("mean"))
        #expect(inspector.count("text", class: "caption") == 1)
        #expect(inspector.count("tspan", inside: "caption") >= 2)
    }

    @Test func logHistogramSkipsNonPositiveBinsAndSaysSo() throws {
        let inspector = try #require(SVGInspector.parse(ChartFixtures.histogram(logX: true).svg()))
        #expect(inspector.count("rect", class: "bar") == ChartFixtures.bins.count - 1)
        #expect(inspector.allText.contains("Not shown on the log axis: 1 bin at or below 0 (count 5)."))
    }

    @Test func scatterDrawsEveryFinitePointAndCentroids() throws {
        let inspector = try #require(SVGInspector.parse(ChartFixtures.scatter().svg()))
        #expect(inspector.count("circle", inside: "series") == 5)
        #expect(inspector.count("circle", class: "marked-point") == 2)
        #expect(inspector.count("g", class: "legend-item") == 2)
    }

    @Test func densityDrawsPositiveCellsAndAColourBar() throws {
        let inspector = try #require(SVGInspector.parse(ChartFixtures.density().svg()))
        #expect(inspector.count("rect", inside: "cells") == 4)
        #expect(inspector.count("rect", inside: "color-bar") == 48)
    }

    @Test func lineChartHasMarkersAndTwoAxes() throws {
        let inspector = try #require(SVGInspector.parse(ChartFixtures.elbow().svg()))
        #expect(inspector.count("circle", inside: "series") == 14)
        #expect(inspector.count("polyline", inside: "series") == 2)
        #expect(inspector.count("g", class: "axis-y2") == 1)
        #expect(inspector.allText.contains("Silhouette (right axis)"))
        #expect(inspector.count("line", inside: "reference-lines") == 2)
    }

    @Test func barChartsDrawOneBarPerFiniteValue() throws {
        for mode in [BarMode.grouped, .stacked] {
            let inspector = try #require(SVGInspector.parse(ChartFixtures.bars(mode: mode).svg()))
            #expect(inspector.count("rect", class: "bar") == 6)
            #expect(inspector.count("g", class: "legend-item") == 2)
        }
        let share = try #require(SVGInspector.parse(ChartFixtures.bars(mode: .stackedShare).svg()))
        #expect(share.count("rect", class: "bar") == 6)
        #expect(share.allText.contains("100%"))
    }

    @Test func stackedBarsStackNegativesDownwards() {
        let chart = ChartFixtures.bars(mode: .stacked, values: [[10, -5, 3], [4, -2, 0]])
        let segments = chart.segments()
        let negatives = segments.filter { $0.category == 1 }
        #expect(negatives.map(\.low) == [-5, -7])
        #expect(negatives.map(\.high) == [0, -5])
    }

    @Test func stackedShareSumsToOne() {
        let segments = ChartFixtures.bars(mode: .stackedShare).segments()
        for category in 0..<3 {
            let total = segments.filter { $0.category == category }.reduce(0) { $0 + $1.shown }
            #expect(abs(total - 1) < 1e-12)
        }
    }

    @Test func heatmapTableDrawsEveryCellWithItsValue() throws {
        let inspector = try #require(SVGInspector.parse(ChartFixtures.table().svg()))
        #expect(inspector.count("rect", class: "cell") == 6)
        #expect(inspector.count("text", inside: "cell-values") == 6)
        #expect(inspector.allText.contains("1.25") && inspector.allText.contains("4.00"))
        // Lift 1 is the neutral midpoint colour.
        let neutral = inspector.elements.first { $0.classes.contains("cell") }
        #expect(neutral?.attributes["fill"] == "#f7f7f7")
    }

    @Test func longColumnLabelsAreRotated() throws {
        let labels = (0..<12).map { "Subcategory number \($0)" }
        let chart = HeatmapTable(title: "Wide", rowLabels: ["S1"], columnLabels: labels, values: Array(repeating: 1.5, count: 12))
        let inspector = try #require(SVGInspector.parse(chart.svg()))
        let columnTexts = inspector.elements.filter { $0.name == "text" && $0.isInside("column-labels") }
        #expect(columnTexts.count == 12)
        #expect(columnTexts.allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(-45") == true })
    }
}
