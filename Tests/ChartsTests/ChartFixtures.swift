@testable import Charts

/// Small hand-made inputs for every chart, plus hostile labels.
enum ChartFixtures {
    static let hostile = "<script>&\"'"

    static let bins = [
        HistogramBin(lower: 0, upper: 10, count: 5),
        HistogramBin(lower: 10, upper: 20, count: 12),
        HistogramBin(lower: 20, upper: 30, count: 7),
        HistogramBin(lower: 30, upper: 40, count: 0),
        HistogramBin(lower: 40, upper: 50, count: 2),
    ]

    static func histogram(bins: [HistogramBin] = bins, logX: Bool = false) -> Histogram {
        Histogram(title: "Liked posts", bins: bins, xLabel: "Posts", yLabel: "Users", logX: logX,
                  referenceLines: [ReferenceLine(value: 18, label: "median"), ReferenceLine(value: 21, label: "mean")],
                  caption: String(repeating: "A caption long enough to wrap onto several lines. ", count: 4))
    }

    static func scatter(series: [ScatterSeries]? = nil) -> ScatterPlot {
        ScatterPlot(title: "PCA", series: series ?? [
            ScatterSeries(name: "S1", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 2), ChartPoint(x: 2, y: 1)]),
            ScatterSeries(name: "S2", points: [ChartPoint(x: -1, y: -2), ChartPoint(x: -2, y: -1)]),
        ], xLabel: "PC1", yLabel: "PC2",
        markedPoints: [MarkedPoint(x: 1, y: 1, label: "S1"), MarkedPoint(x: -1.5, y: -1.5, label: "S2")])
    }

    static func density(counts: [Double] = [0, 3, 10, 1, 0, 200]) -> DensityHeatmap {
        DensityHeatmap(title: "Density", xEdges: [0, 1, 2, 3], yEdges: [0, 5, 10], counts: counts, xLabel: "x", yLabel: "y")
    }

    static func elbow(series: [LineSeries]? = nil) -> LineChart {
        LineChart(title: "Elbow", series: series ?? [
            LineSeries(name: "Inertia", points: (2...8).map { ChartPoint(x: Double($0), y: 1000 / Double($0)) }),
            LineSeries(name: "Silhouette", points: (2...8).map { ChartPoint(x: Double($0), y: 0.3 + 0.01 * Double($0)) }, axis: .right),
        ], xLabel: "k", yLabel: "Inertia", rightYLabel: "Silhouette",
        referenceLines: [ReferenceLine(value: 4, label: "suggested k"), ReferenceLine(value: 5, label: "chosen k")])
    }

    static func bars(mode: BarMode = .grouped, values: [[Double]]? = nil) -> BarChart {
        let rows = values ?? [[10, 20, 30], [5, 0, 15]]
        return BarChart(title: "Favourites", categories: ["18–24", "25–34", "35+"],
                        series: rows.enumerated().map { BarSeries(name: "Series \($0)", values: $1) },
                        mode: mode, xLabel: "Age", yLabel: "Users", showValues: true)
    }

    static func table(values: [Double] = [1, 2, 0.5, 1.25, 0.8, 4]) -> HeatmapTable {
        HeatmapTable(title: "Lift", rowLabels: ["S1", "S2"], columnLabels: ["Football", "Jazz", "Hiking"], values: values,
                     colorLabel: "Lift")
    }

    /// Every chart kind, for properties that hold for all of them.
    static var all: [(String, String)] {
        [
            ("histogram", histogram().svg()),
            ("histogram-log", histogram(bins: bins.map { HistogramBin(lower: $0.lower + 1, upper: $0.upper + 1, count: $0.count) }, logX: true).svg()),
            ("scatter", scatter().svg()),
            ("density", density().svg()),
            ("line", elbow().svg()),
            ("bar-grouped", bars().svg()),
            ("bar-stacked", bars(mode: .stacked).svg()),
            ("bar-share", bars(mode: .stackedShare).svg()),
            ("table", table().svg()),
        ]
    }
}
