/// The root `<svg>` element of one chart.
///
/// Writes `xmlns`, `width`/`height` and the matching `viewBox` (so CSS can scale the chart),
/// `role="img"`, a `<title>` (the accessible name, also shown as a tooltip) and an optional
/// `<desc>`, a white background `<rect class="chart-bg">`, and the default font on the root so
/// every `<text>` inherits it. Class names (`chart chart-<kind>`) let the report's CSS restyle charts.
/// No scripts, no external references, no `id`s (several charts share one HTML page).
/// `extra` attributes go on the root too (an x-y chart's ``PlotZoom`` data attributes).
struct ChartDocument {
    var writer = SVGWriter()

    init(size: ChartSize, kind: String, title: String, description: String?, extra: [SVGAttribute] = []) {
        let w = SVGNumber.format(size.width), h = SVGNumber.format(size.height)
        writer.open("svg", [
            SVGAttribute("xmlns", "http://www.w3.org/2000/svg"),
            SVGAttribute("class", "chart chart-" + kind),
            SVGAttribute("width", size.width),
            SVGAttribute("height", size.height),
            SVGAttribute("viewBox", "0 0 \(w) \(h)"),
            SVGAttribute("role", "img"),
            SVGAttribute("font-family", Theme.fontFamily),
            SVGAttribute("font-size", Theme.labelSize),
            SVGAttribute("fill", Palette.text.hexString),
        ] + extra)
        writer.element("title", [], text: title.isEmpty ? kind + " chart" : title)
        if let description, !description.isEmpty {
            writer.element("desc", [], text: description)
        }
        writer.element("rect", [
            SVGAttribute("class", "chart-bg"),
            SVGAttribute("width", size.width),
            SVGAttribute("height", size.height),
            SVGAttribute("fill", Palette.background.hexString),
        ])
    }

    /// Closes the root element and returns the document.
    mutating func finish() -> String {
        writer.close()
        return writer.finish()
    }
}
