/// The natural size of a chart in SVG user units (= CSS pixels at 100 % zoom). The SVG carries it as
/// `width`/`height` and as its `viewBox`, so a page can scale the chart with CSS
/// (`svg.chart { max-width: 100%; height: auto; }`).
public struct ChartSize: Sendable, Equatable {
    public let width: Double
    public let height: Double

    /// - Precondition: both finite, `width >= 200` and `height >= 150` (room for a frame).
    public init(width: Double, height: Double) {
        precondition(width.isFinite && width >= 200, "width=\(width) should be finite and >= 200")
        precondition(height.isFinite && height >= 150, "height=\(height) should be finite and >= 150")
        self.width = width
        self.height = height
    }

    /// 640 × 400, the default for every chart.
    public static let standard = ChartSize(width: 640, height: 400)
}
