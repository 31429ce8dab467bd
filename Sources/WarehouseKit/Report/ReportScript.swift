/// The report page's one inline script: interaction over charts the server already drew.
///
/// Written for this project, no library, no network, ES5-compatible. It reads `REPORT_DATA`
/// (`ReportData`), then:
/// - shows a tooltip for every SVG mark with a `<title>` (bars, cells, centroids);
/// - replaces each `figure[data-widget]`'s static scatter with an interactive one drawn at the
///   figure's own width: hover a point for its user id, age, likes per category, favourite
///   category and segment; wheel or buttons zoom, drag (mouse or finger) pans, Reset restores; legend buttons hide
///   or show a category or segment; on the PCA maps a switcher picks PC1×PC2, PC1×PC3, PC2×PC3 and
///   a checkbox draws the loadings as a biplot (arrows scaled to 85% of the shorter half-axis);
/// - a click (or Enter) on a row of the segment table highlights that segment on both maps.
/// When done it sets `window.reportReady = true` and `data-ready` on `<body>` (the browser tests
/// wait for it). The static SVGs (desktop and phone) stay in the page (hidden), so the page is whole with scripts off.
enum ReportScript {
    /// The whole script: one function, its body in five fragments (one file each), in order.
    static let source = ["(function () {", tooltip, helpers, scatter, render, wiring, "})();"].joined(separator: "\n")
}
