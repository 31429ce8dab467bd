/// The report page's one inline script: interaction over charts the server already drew.
///
/// Written for this project, no library, no network, ES5-compatible. It reads `REPORT_DATA`
/// (`ReportData`), then:
/// - shows a tooltip for every SVG mark with a `<title>` (bars, cells, centroids); printed values
///   on marks let the pointer through (CSS), so hovering a cell's number shows the cell's tooltip;
/// - gives every server-drawn x-y chart zoom and pan along x (+, −, Reset, Ctrl/Shift + wheel,
///   drag) with redrawn ticks, makes every static legend entry hide or show its series, and puts
///   "Save as PNG" and "Save as SVG" under every chart (these work without run data too);
/// - replaces each `figure[data-widget]`'s static scatter with an interactive one drawn at the
///   figure's own width: hover near a point (within 6 px) for its user id, age, likes per category, favourite
///   category and segment; wheel or buttons zoom, drag (mouse or finger) pans, Reset restores; legend buttons hide
///   or show a category or segment; "Select" or Shift + drag draws a box that counts the users in it
///   and lists their segments; on the PCA maps a switcher picks PC1×PC2, PC1×PC3, PC2×PC3 and
///   a checkbox draws the loadings as a biplot (arrows scaled to 85% of the shorter half-axis);
/// - a click (or Enter) on a row of the segment table highlights that segment on both maps.
/// When done it sets `window.reportReady = true` and `data-ready` on `<body>` (the browser tests
/// wait for it). The static SVGs (desktop and phone) stay in the page (hidden), so the page is whole with scripts off.
enum ReportScript {
    /// The whole script: one function, its body in fragments (one file each), in order. The
    /// fragments before `runData` need no run data; function declarations are hoisted, so they
    /// may call helpers defined further down.
    static let source = ["(function () {", tooltip, chartZoom, legendToggle, chartTools, runData, helpers, labelLayout, scatter, scatterPick, render, wiring,
                         "})();"].joined(separator: "\n")

    /// Stops here, page ready, when the page has no segmentation run to draw.
    static let runData = "  if (!D) { ready(); return; }\n"
}
