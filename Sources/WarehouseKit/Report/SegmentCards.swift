import Charts
import Population
import WarehouseTables

/// The report's first section when there is a run, "Segments at a glance": one card per segment in
/// plain words (`<article class="segment-card" id="card-S">`): who they are (size, age, gender,
/// countries, activity), what they over-like (the stored lift), what is rising for them lately
/// (`RisingInterests`), how to reach them (the exact `warehouse audience` command, the report's
/// filter included, so it writes the card's members), and three small charts
/// (`SegmentCardCharts`). What the warehouse does not hold is left out, never shown as "nan".
enum SegmentCards {
    static let sectionID = "segment-cards"
    static let title = "Segments at a glance"

    static func render(_ data: SegmentCardData, database: String, filter: UserFilter, into page: inout ReportPage) {
        let total = data.cards.reduce(0) { $0 + $1.members }
        let who = filter.isEmpty ? "" : " passing \(filter)"
        page.section(id: sectionID, title: title,
                     intro: "Run #\(data.runID): \(Format.plural(data.cards.count, "segment")) of \(Format.count(total)) users\(who). "
                        + "“Everyone” is every segmented user; “× as likely” is the lift: a segment's share of users liking an interest "
                        + "(shrunk toward everyone's by 100 users) over everyone's share.")
        page.html(data.cards.map { card(_: $0, data, database: database, filter: filter) }.joined())
    }

    /// `warehouse audience --db PATH --run R --segment S --out segment-S.csv` (and the filter's options).
    static func audienceCommand(database: String, run: Int64, segment: Int, filter: UserFilter) -> String {
        "warehouse audience --db \(Format.shellQuoted(database)) --run \(run) --segment \(segment)"
            + (filter.isEmpty ? "" : " " + filter.description) + " --out segment-\(segment).csv"
    }

    /// Plain-language lines of one card, as (label, text) pairs; `code` spans between backticks.
    static func lines(_ card: SegmentCardData.Card, _ data: SegmentCardData, database: String, filter: UserFilter) -> [(String, String)] {
        var lines: [(String, String)] = []
        lines.append(("Size", "\(Format.plural(card.members, "user")), \(Format.percent(card.share)) of the run"))
        if let median = card.medianAge {
            var age = "median \(Format.fixed(median, 0))" + (data.medianAge.map { " (everyone \(Format.fixed($0, 0)))" } ?? "")
            if let band = card.bandShare {
                age += "; \(Format.percent(band, 0)) are \(card.ageLabel)"
            } else if card.ageLabel.hasPrefix("skews") {
                age += "; \(card.ageLabel)"
            } else {
                age += "; spread over all ages"
            }
            lines.append(("Age", age))
        }
        if let genders = card.genderShares {
            var text = genders.filter { $0.share > 0 }.map { "\(Format.percent($0.share, 0)) \($0.label)" }.joined(separator: ", ")
            if card.undisclosedShare > 0 { text += ", \(Format.percent(card.undisclosedShare, 0)) not disclosed" }
            lines.append(("Gender", text))
        }
        if !card.countries.isEmpty {
            lines.append(("Countries", card.countries.map { "\($0.name) \(Format.percent($0.share, 0))" }.joined(separator: ", ")))
        }
        if let liked = card.medianLikedPosts {
            lines.append(("Activity", "median \(Format.fixed(liked, 0)) \(data.words.things) per user"
                          + (data.medianLikedPosts.map { " (everyone \(Format.fixed($0, 0)))" } ?? "")))
        }
        lines.append(("Over-likes", card.overLikes.isEmpty ? "nothing more than everyone does"
                      : card.overLikes.map { "\($0.name): \(Format.percent($0.reach, 0)) of them, \(Format.lift($0.lift)) as likely as everyone" }
                        .joined(separator: "\n")))
        if let rising = data.rising {
            switch rising.status {
            case .shortHistory(let first):
                lines.append(("Rising", "not compared: interactions start \(CivilCalendar.isoDate(ofDay: first / 86_400)), less than 90 days before \(CivilCalendar.isoDate(ofDay: rising.end / 86_400))"))
            case .compared:
                lines.append(("Rising", card.rising.isEmpty ? "nothing stands out"
                              : card.rising.map { "\(data.subcategoryNames[$0.subcategoryID] ?? "subcategory \($0.subcategoryID)") "
                                  + "(\(signed($0.growth)) vs the 60 days before, everyone \(signed($0.everyoneGrowth)))" }.joined(separator: "\n")))
            }
        }
        lines.append(("Reach them", "`\(audienceCommand(database: database, run: data.runID, segment: card.segment, filter: filter))` "
                      + "(CSV; `--format meta` or `--format google` for a customer list)"))
        return lines
    }

    /// "+35%", "−3%", "±0%" (what rounds to 0).
    static func signed(_ share: Double) -> String {
        let text = Format.percent(abs(share), 0)
        return (text == "0%" ? "±" : share > 0 ? "+" : "−") + text
    }

    private static func card(_ card: SegmentCardData.Card, _ data: SegmentCardData, database: String, filter: UserFilter) -> String {
        var out = "<article class=\"segment-card\" id=\"card-\(card.segment)\">\n"
        out += "<h3><span class=\"card-number\">Segment \(card.segment)</span> \(XMLEscape.escape(card.name))</h3>\n<div class=\"card-body\">\n<dl class=\"card-facts\">\n"
        for (label, text) in lines(card, data, database: database, filter: filter) {
            // One line per item where a fact lists several.
            let items = text.split(separator: "\n").map { ReportPage.inlineCode(String($0)) }
            let shown = items.count > 1 ? "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>" : items.joined()
            out += "<div><dt>\(XMLEscape.escape(label))</dt><dd>\(shown)</dd></div>\n"
        }
        out += "</dl>\n<div class=\"card-charts\">\n"
        for chart in SegmentCardCharts.charts(card, data) {
            out += "<figure class=\"card-chart\">\(chart.svg)</figure>\n"
        }
        out += "</div>\n</div>\n</article>\n"
        return out
    }

    /// Cards take the whole row; text beside the charts when wide, above them when narrow. Every
    /// text wraps (a command breaks anywhere), so nothing needs a sideways scroll.
    static let css = """
    article.segment-card { grid-column: 1 / -1; background: #ffffff; border: 1px solid #e0e0dc; border-left: 4px solid #0072b2; border-radius: 6px; padding: 10px 14px; min-width: 0; overflow-wrap: anywhere; }
    article.segment-card h3 { font-size: 17px; margin: 0 0 8px; }
    article.segment-card .card-number { display: inline-block; font-size: 12px; font-weight: 600; color: #555555; background: #f0efe9; border-radius: 10px; padding: 1px 8px; margin-right: 6px; vertical-align: 2px; }
    .card-body { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: flex-start; }
    dl.card-facts { flex: 1 1 340px; min-width: 0; margin: 0; }
    dl.card-facts div { display: grid; grid-template-columns: 7.5em minmax(0, 1fr); gap: 8px; padding: 2px 0; border-bottom: 1px solid #f0f0ec; }
    dl.card-facts dt { color: #555555; }
    dl.card-facts dd { margin: 0; min-width: 0; }
    dl.card-facts ul { margin: 0; padding-left: 1.1em; }
    dl.card-facts code { overflow-wrap: anywhere; word-break: break-all; }
    .card-charts { flex: 2 1 600px; min-width: 0; display: flex; flex-wrap: wrap; gap: 6px; }
    figure.card-chart { flex: 1 1 240px; max-width: 360px; min-width: 0; margin: 0; }
    figure.card-chart svg.chart { width: 100%; height: auto; }
    @media (max-width: 640px) {
      article.segment-card { padding: 8px 8px; }
      dl.card-facts div { grid-template-columns: minmax(0, 1fr); gap: 0; }
      dl.card-facts dt { font-weight: 600; }
      .card-charts { flex-basis: 100%; }
      figure.card-chart { flex-basis: 100%; max-width: 100%; }
    }

    """
}
