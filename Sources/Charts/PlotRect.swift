/// The plotting area inside a chart's margins, in SVG user units (y grows downwards).
struct PlotRect: Sendable, Equatable {
    let x: Double
    let y: Double
    let width: Double
    let height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
}
