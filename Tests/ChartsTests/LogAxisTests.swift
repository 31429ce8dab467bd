import Foundation
import Testing
@testable import Charts

/// Log count axes in plain numbers: a heatmap over liked posts 1…1,000 and a histogram whose one
/// bar holds nearly everyone (issue 23).
@Suite struct LogAxisTests {
    /// The `<text>` labels of the y (or x) axis group.
    private func yLabels(_ svg: String, axis: String = "axis-y") -> [String] {
        guard let start = svg.range(of: "class=\"axis \(axis)\""),
              let end = svg.range(of: "</g>", range: start.upperBound..<svg.endIndex) else { return [] }
        return svg[start.upperBound..<end.lowerBound].components(separatedBy: "<text").dropFirst().compactMap { piece in
            piece.split(separator: ">", maxSplits: 1).last?.components(separatedBy: "</text").first
        }
    }

    @Test func aLogYHeatmapPlacesRowsByValueAndLabelsThemInPlainNumbers() throws {
        var chart = DensityHeatmap(title: "d", xEdges: [0, 1, 2], yEdges: [1, 10, 100, 1_000],
                                   counts: [5, 1, 40, 2_000, 3, 7], xLabel: "x", yLabel: "Liked posts")
        chart.logY = true
        let svg = chart.svg()
        let inspector = try #require(SVGInspector.parse(svg))
        #expect(yLabels(svg) == ["1", "10", "100", "1,000"], "\(yLabels(svg))")
        // Each decade row is equally tall on the log axis.
        let heights = inspector.elements.filter { $0.name == "rect" && $0.isInside("cells") }.compactMap { Double($0.attributes["height"] ?? "") }
        #expect(heights.count == 6)
        #expect(heights.allSatisfy { abs($0 - heights[0]) < 0.02 }, "\(heights)")
        // The colour bar names whole counts in plain numbers.
        #expect(inspector.allText.contains("2,000") || inspector.allText.contains("1,000"))
        #expect(!inspector.allText.contains("10k") && !inspector.allText.contains("log"))
        // Edges at or below 0 cannot be on a log axis: no cells, a note.
        var invalid = chart
        invalid.yEdges = [0, 10, 100, 1_000]
        let refused = try #require(SVGInspector.parse(invalid.svg()))
        #expect(refused.count("rect", inside: "cells") == 0)
    }

    @Test func aLogYHistogramShowsTheSmallBarsBesideTheHugeOne() throws {
        let counts: [Double] = [3, 0, 12, 40, 21_000]
        var chart = Histogram(title: "h", bins: counts.enumerated().map {
            HistogramBin(lower: Double($0.offset) * 0.2, upper: Double($0.offset + 1) * 0.2, count: $0.element)
        }, yLabel: "Users")
        chart.logY = true
        let svg = chart.svg()
        let inspector = try #require(SVGInspector.parse(svg))
        let bars = inspector.elements.filter { $0.name == "rect" && $0.classes.contains("bar") }
        #expect(bars.count == 4, "the empty bin has no bar")
        let heights = bars.compactMap { Double($0.attributes["height"] ?? "") }
        // The smallest bar is visible, and the huge one is not 7,000 times as tall as it: on the log axis
        // the ratio of heights is far below the ratio of counts.
        #expect(heights.min() ?? 0 > 5, "\(heights)")
        #expect((heights.max() ?? 0) / (heights.min() ?? 1) < 20, "\(heights)")
        #expect(yLabels(svg).contains("1,000") && yLabels(svg).contains("10"), "\(yLabels(svg))")
        // On a linear axis the same smallest bar is under a pixel.
        chart.logY = false
        let linear = try #require(SVGInspector.parse(chart.svg()))
        let linearHeights = linear.elements.filter { $0.name == "rect" && $0.classes.contains("bar") }.compactMap { Double($0.attributes["height"] ?? "") }
        #expect(linearHeights.filter { $0 > 0 }.min() ?? 0 < 1)
    }

    @Test func logAxesAreLabelledInPlainNumbers() throws {
        #expect([1, 10, 1_000, 100_000, 0.5, 0.01].map(ValueFormat.plain.format) == ["1", "10", "1,000", "100,000", "0.5", "0.01"])
        let chart = Histogram(title: "h", bins: [HistogramBin(lower: 1, upper: 2, count: 3), HistogramBin(lower: 2_000, upper: 3_000, count: 1)],
                              logX: true)
        let labels = yLabels(chart.svg(), axis: "axis-x")
        #expect(labels.contains("1,000") && !labels.contains { $0.hasSuffix("k") }, "\(labels)")
    }
}
