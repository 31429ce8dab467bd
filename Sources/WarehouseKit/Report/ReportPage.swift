import Charts

/// Assembles the report page: sections of charts, tables and notes, then the whole HTML document.
///
/// The document is HTML5 that is also well-formed XML (every element closed, attributes quoted,
/// no named entities besides the five of XML), so it can be checked with an XML parser. It holds
/// one inline `<script>` (``ReportScript``: interaction only; every chart is already drawn as SVG,
/// so the page is complete with scripts off), no web font and no external reference: the only
/// URL is the SVG namespace.
struct ReportPage {
    private(set) var body = ""
    private(set) var figures: [ReportFigure] = []

    /// Starts a section with an `<h2>` heading.
    mutating func section(id: String, title: String, intro: String? = nil) {
        if !body.isEmpty { body += "</section>\n" }
        body += "<section id=\"\(XMLEscape.escape(id))\">\n<h2>\(XMLEscape.escape(title))</h2>\n"
        if let intro { body += "<p class=\"intro\">\(XMLEscape.escape(intro))</p>\n" }
    }

    /// Starts a column that stacks the next blocks vertically in one cell of the section's grid.
    mutating func beginStack() {
        body += "<div class=\"stack\">\n"
    }

    mutating func endStack() {
        body += "</div>\n"
    }

    /// The data the page's script draws from (a JSON object, see `ReportData`); nil: no run.
    private(set) var data: String?

    /// A chart, drawn twice: at its desktop size and at the phone size (`PhoneChart`); the CSS
    /// shows one (`.chart-desk` / `.chart-phone`). Each SVG carries its own title, legend and
    /// caption. `widget` names the interactive view the script builds over it ("pca", "segments",
    /// "likes-age"); the SVGs stay the page's content when scripts are off.
    mutating func chart(id: String, title: String, chart: some ResizableChart, widget: String? = nil) {
        figures.append(ReportFigure(id: id, title: title, kind: .chart))
        let attribute = widget.map { " data-widget=\"\(XMLEscape.escape($0))\"" } ?? ""
        body += "<figure class=\"chart-figure\" id=\"\(XMLEscape.escape(id))\"\(attribute)>\n"
        body += "<div class=\"chart-view chart-desk\">\(chart.svg())</div>\n<div class=\"chart-view chart-phone\">\(chart.phoneSVG())</div>\n</figure>\n"
    }

    /// A block of markup built (and escaped) by a section itself, e.g. the segment cards.
    mutating func html(_ fragment: String) {
        body += fragment
    }

    /// Sets the JSON the script reads.
    mutating func script(_ json: String) {
        data = json
    }

    /// A table under an `<h3>` title; `wide` tables span the whole row. A `collapsed` table is
    /// analyst detail: a `<details>` element, closed, whose summary is the title (a click opens it).
    mutating func table(id: String, title: String, wide: Bool = false, collapsed: Bool = false, _ table: HTMLTable) {
        figures.append(ReportFigure(id: id, title: title, kind: .table))
        let classes = "table-block\(wide ? " wide" : "")", heading = "<h3>\(XMLEscape.escape(title))</h3>"
        if collapsed {
            body += "<details class=\"\(classes) detail\" id=\"\(XMLEscape.escape(id))\">\n<summary>\(heading)</summary>\n\(table.html())</details>\n"
        } else {
            body += "<div class=\"\(classes)\" id=\"\(XMLEscape.escape(id))\">\n\(heading)\n\(table.html())</div>\n"
        }
    }

    /// A row-wide block of terms and their one-sentence meanings (`ReportGlossary`).
    mutating func glossary(id: String, title: String, entries: [ReportGlossary.Entry]) {
        guard !entries.isEmpty else { return }
        figures.append(ReportFigure(id: id, title: title, kind: .note))
        body += ReportGlossary.html(id: id, title: title, entries: entries)
    }

    /// A highlighted message, shown as "title: text", e.g. that there is no run yet. `code` spans
    /// are written between backticks in `text`.
    mutating func note(id: String, title: String, text: String) {
        figures.append(ReportFigure(id: id, title: title, kind: .note))
        body += "<div class=\"note\" id=\"\(XMLEscape.escape(id))\"><strong>\(XMLEscape.escape(title)):</strong> \(Self.inlineCode(text))</div>\n"
    }

    /// A one-line reading, in plain words, of the chart or table just before it (`p.reading`).
    mutating func reading(id: String, _ text: String) {
        body += "<p class=\"reading\" id=\"\(XMLEscape.escape(id))\">\(Self.inlineCode(text))</p>\n"
    }

    /// Escapes `text` and turns `…` spans into `<code>` elements.
    static func inlineCode(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        return parts.enumerated().map { index, part in
            let escaped = XMLEscape.escape(String(part))
            return index % 2 == 1 && index < parts.count - 1 ? "<code>\(escaped)</code>" : escaped
        }.joined()
    }

    /// The complete document. `facts` are the header's label–value pairs.
    func document(title: String, facts: [(label: String, value: String)]) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(XMLEscape.escape(title))</title>\n<style>\n\(Self.css + TableFit.css + SegmentCards.css + TimeSection.css + ReportInteractionStyle.css + ReportGlossary.css)</style>\n</head>\n<body>\n<header>\n"
        out += "<h1>\(XMLEscape.escape(title))</h1>\n<dl class=\"facts\">\n"
        for fact in facts {
            out += "<div><dt>\(XMLEscape.escape(fact.label))</dt><dd>\(XMLEscape.escape(fact.value))</dd></div>\n"
        }
        out += "</dl>\n</header>\n<main>\n"
        out += body
        if !body.isEmpty { out += "</section>\n" }
        out += "</main>\n<div id=\"tooltip\" role=\"status\" hidden=\"hidden\"></div>\n"
        // One inline script, XML-safe (CDATA inside JS comments; the JSON escapes <, > and &).
        out += "<script>//<![CDATA[\nvar REPORT_DATA = \(data ?? "null");\n\(ReportScript.source)\n//]]></script>\n"
        out += "</body>\n</html>\n"
        return out
    }

    /// Page style: system fonts only, charts two to a row when the window is wide enough.
    static let css = """
    :root { color-scheme: light; }
    body { margin: 0; padding: 24px 28px 48px; background: #f6f6f4; color: #222222;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    header, main { max-width: 1320px; margin: 0 auto; }
    h1 { font-size: 24px; margin: 0 0 8px; }
    h2 { font-size: 19px; margin: 32px 0 6px; padding-top: 12px; border-top: 2px solid #d8d8d4; }
    h3 { font-size: 14px; margin: 0 0 6px; }
    .facts { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 0; }
    .facts div { display: flex; gap: 6px; }
    .facts dt { color: #555555; }
    .facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
    section { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 600px), 1fr)); gap: 16px; align-items: start; }
    section > h2, section > p.intro, section > .note, section > .wide { grid-column: 1 / -1; }
    .stack { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
    p.intro { margin: 0; color: #444444; max-width: 900px; }
    figure.chart-figure { margin: 0; background: #ffffff; border: 1px solid #e0e0dc; border-radius: 6px; padding: 4px; }
    svg.chart { display: block; max-width: 100%; height: auto; margin: 0 auto; }
    .table-block { background: #ffffff; border: 1px solid #e0e0dc; border-radius: 6px; padding: 10px 12px; overflow-x: auto; }
    table.data { border-collapse: collapse; font-size: 13px; width: 100%; }
    table.data th, table.data td { padding: 3px 6px; border-bottom: 1px solid #ececea; text-align: left; white-space: nowrap; }
    table.data thead th { border-bottom: 2px solid #cfcfca; color: #444444; }
    table.data tbody th { font-weight: 600; }
    table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
    table.data .max { font-weight: 700; background: #fff1dc; }
    p.footnote { margin: 6px 0 0; color: #555555; font-size: 12px; }
    .note { background: #fff7e0; border: 1px solid #e6c86e; border-radius: 6px; padding: 10px 14px; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f0efe9; padding: 0 3px; border-radius: 3px; }
    html { overflow-x: hidden; }
    section > * { min-width: 0; }
    figure.chart-figure { overflow-x: auto; }
    figure.enhanced > .chart-view { display: none; }
    .chart-phone { display: none; }
    .widget { font-size: 13px; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 6px 8px; align-items: center; padding: 4px 6px; }
    .widget-title { font-size: 15px; margin-right: auto; }
    .toolbar button, .toolbar select { font: inherit; padding: 2px 9px; border: 1px solid #b9b9b3; border-radius: 4px; background: #fafaf8; color: #222222; }
    svg.iscatter { display: block; max-width: 100%; height: auto; cursor: crosshair; touch-action: pan-y; }
    .legend-buttons { display: flex; flex-wrap: wrap; gap: 4px 6px; padding: 4px 6px; max-height: 9em; overflow-y: auto; }
    .legend-item { font: inherit; display: inline-flex; align-items: center; gap: 5px; border: 1px solid #d4d4cf; border-radius: 12px; background: #ffffff; padding: 1px 9px; cursor: pointer; color: #222222; }
    .legend-item[aria-pressed="false"] { opacity: 0.45; text-decoration: line-through; }
    .legend-item .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; }
    .widget-help { margin: 2px 6px 4px; color: #555555; font-size: 12px; }
    tr[data-key] { cursor: pointer; }
    tr[data-key].selected th, tr[data-key].selected td { background: #e4eefa; }
    #tooltip { position: fixed; z-index: 10; max-width: min(360px, 90vw); pointer-events: none; background: #222222; color: #ffffff; font-size: 12px; line-height: 1.35; padding: 6px 8px; border-radius: 4px; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.25); }
    #tooltip[hidden] { display: none; }
    #tooltip .tip-head { font-weight: 700; }
    @media (max-width: 640px) {
      body { padding: 12px 10px 32px; font-size: 15px; }
      h1 { font-size: 21px; }
      .facts { gap: 2px 14px; }
      section { grid-template-columns: minmax(0, 1fr); }
      .chart-desk { display: none; }
      .chart-phone { display: block; }
      figure.enhanced > .chart-view { display: none; }
      table.data { font-size: 13px; }
    }


    """
}
