import Charts

/// Every report chart is drawn twice: at its desktop size and at a phone size whose natural width
/// is the phone column's, so a phone shows it at scale ≈ 1 and its text keeps its drawn size
/// (ticks 11 px, value labels 10 px). The page's CSS shows one of the two (`ReportPage.css`).
///
/// Phone width: a 390 px viewport less the body's 2 × 10 px padding and the figure's 2 × 4 px
/// padding and 2 × 1 px border = 360 px. On a 360 px phone the scale is 330 / 360 ≈ 0.92, so 11 px
/// ticks render at ≈ 10.1 px.
enum PhoneChart {
    static let width = 360.0
    /// Taller than wide: captions and legends wrap onto more lines at 360 px.
    static let size = ChartSize(width: width, height: 380)
    /// The phone copy of a scatter plot keeps at most this many points (every n-th of each
    /// series): it shows only with scripts off (the script draws the whole sample), and the page
    /// must stay under 3 MB at `--sample 15000` (1,500 points gave 3.08 MB at 1M users; 500: see README).
    static let scatterPoints = 500
}

/// A chart whose natural size can be changed before it is drawn.
protocol ResizableChart {
    func svg() -> String
    /// The same chart drawn at the phone size.
    func phoneSVG() -> String
}

extension BarChart: ResizableChart {
    func phoneSVG() -> String { var chart = self; chart.size = PhoneChart.size; return chart.svg() }
}

extension Histogram: ResizableChart {
    func phoneSVG() -> String { var chart = self; chart.size = PhoneChart.size; return chart.svg() }
}

extension LineChart: ResizableChart {
    func phoneSVG() -> String { var chart = self; chart.size = PhoneChart.size; return chart.svg() }
}

extension DensityHeatmap: ResizableChart {
    func phoneSVG() -> String { var chart = self; chart.size = PhoneChart.size; return chart.svg() }
}

extension HeatmapTable: ResizableChart {
    /// Phone width, the height still following the rows (`size == nil`); cell values at 10 px or not at all.
    func phoneSVG() -> String {
        var chart = self
        chart.minimumValueFontSize = 10
        if let size { chart.size = ChartSize(width: PhoneChart.width, height: size.height) } else { chart.width = PhoneChart.width }
        return chart.svg()
    }
}

extension ScatterPlot: ResizableChart {
    /// Phone size, with every n-th point of each series so that at most `PhoneChart.scatterPoints`
    /// remain in all (the interactive view, drawn by the script, shows the whole sample).
    func phoneSVG() -> String {
        var chart = self
        chart.size = PhoneChart.size
        let total = series.reduce(0) { $0 + $1.points.count }
        let stride = max(1, (total + PhoneChart.scatterPoints - 1) / PhoneChart.scatterPoints)
        if stride > 1 {
            chart.series = series.map { one in
                ScatterSeries(name: one.name, points: one.points.enumerated().filter { $0.offset % stride == 0 }.map(\.element),
                              color: one.color)
            }
        }
        return chart.svg()
    }
}
