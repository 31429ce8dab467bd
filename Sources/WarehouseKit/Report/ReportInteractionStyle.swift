/// Page style for the script's interactions (``ReportScript``): printed values let the pointer
/// through to their mark, static legends are clickable, a zoomed chart hides what no longer
/// matches its x axis, and the per-figure toolbar and the selection summary stay small and wrap
/// at 390 px.
enum ReportInteractionStyle {
    static let css = """
    svg.chart .value-labels text, svg.chart .cell-values text, svg.chart .cell-values { pointer-events: none; }
    svg.chart g.legend-item[data-series] { cursor: pointer; }
    svg.chart g.legend-item[data-off="1"] { opacity: 0.35; }
    svg.chart[data-plot] { touch-action: pan-y; }
    svg.chart.zoomed { cursor: grab; }
    svg.chart.zoomed > g.axis-x, svg.chart.zoomed > g.reference-lines, svg.chart.zoomed > g.marked-points,
    svg.chart.zoomed g.grid > line.vgrid { display: none; }
    .chart-tools { display: flex; flex-wrap: wrap; gap: 4px 6px; align-items: center; justify-content: flex-end; padding: 2px 4px 0; font-size: 12px; }
    .chart-tools button, .toolbar button.save, .toolbar button.select { font: inherit; font-size: 12px; padding: 1px 7px; border: 1px solid #b9b9b3; border-radius: 4px; background: #fafaf8; color: #222222; }
    .toolbar button.select[aria-pressed="true"] { background: #dbe8f8; border-color: #005ab5; }
    .chart-tools .tools-help { color: #666666; margin-right: auto; }
    p.selection { margin: 2px 6px 6px; padding: 4px 8px; background: #eef4fb; border-radius: 4px; font-size: 13px; }
    p.selection[hidden] { display: none; }
    p.selection button { font: inherit; font-size: 12px; margin-left: 8px; padding: 0 6px; }
    @media (max-width: 640px) { .chart-tools .tools-help { display: none; } }

    """
}
