import Charts
import Population
import WarehouseTables

/// "Behaviour over time" (id `time`): activity per category per week, and the shown run's
/// segments over the comparable runs before it (sizes, and the flows between consecutive runs),
/// each chart with a one-line reading computed from its figures.
///
/// Activity is read over the last whole weeks only (`WeeklyActivity`, at most 26): a bounded
/// span keeps the report's added cost to one ordered scan of half a year's interactions. Every
/// interaction counts, of every kind; the population is everyone (a user filter does not apply).
enum TimeSection {
    /// The most categories drawn as lines (the most active in the span); the caption says so when
    /// there are more.
    static let maximumLines = 8

    static func render(_ view: TimeView, segmentColors: [RGBColor], filtered: Bool, into page: inout ReportPage) {
        page.section(id: "time", title: "Behaviour over time",
                     intro: "What users do week by week, and how the segments change from one run to the next.")
        renderActivity(view.activity, filtered: filtered, into: &page)
        renderSegments(view, colors: segmentColors, filtered: filtered, into: &page)
    }

    /// The categories drawn: the `maximumLines` with the most interactions in the span, in
    /// category order.
    static func shownCategories(_ activity: WeeklyActivity) -> [Int] {
        let totals = activity.counts.map { $0.reduce(0, +) }
        return Array(activity.categories.indices.filter { totals[$0] > 0 }
            .sorted { (totals[$0], -$0) > (totals[$1], -$1) }.prefix(maximumLines)).sorted()
    }

    static func renderActivity(_ activity: WeeklyActivity?, filtered: Bool, into page: inout ReportPage) {
        guard let activity else {
            page.note(id: "time-activity-missing", title: "No activity over time",
                      text: "the warehouse has no timestamped interactions (or less than a week of them): its likes carry no time. "
                      + "A seed with `warehouse seed --days 365`, or an import of interactions with timestamps, gives this chart.")
            return
        }
        let shown = shownCategories(activity)
        let first = activity.weekStarts.first ?? 0, last = (activity.weekStarts.last ?? 0) + 6
        let series = shown.map { category in
            LineSeries(name: activity.categories[category],
                       points: activity.weekStarts.indices.map { ChartPoint(x: Double(activity.weekStarts[$0]), y: Double(activity.counts[category][$0])) },
                       color: ReportColors.category(category))
        }
        var caption = "Interactions of every kind (likes, comments, shares, searches, or an import's kinds) per week, by the category "
            + "of what they were about; the last \(activity.weekStarts.count) whole weeks, to \(DateTicks.date(ofDay: last)) (a bounded span keeps the report quick)."
        if shown.count < activity.categories.count {
            caption += " The \(shown.count) most active of \(activity.categories.count) categories."
        }
        if filtered { caption += " All users: the filter does not apply here." }
        var chart = LineChart(title: "Activity per category, per week", series: series, xLabel: "Week starting",
                              yLabel: "Interactions per week", integerX: false, caption: caption)
        chart.xTicks = DateTicks.ticks(first: first, last: last, marks: activity.weekStarts)
        chart.xText = { "week of " + DateTicks.date(ofDay: Int64($0)) }
        chart.yFormat = .grouped
        page.beginStack()
        page.chart(id: "time-activity", title: "Activity per category, per week", chart: chart)
        page.reading(id: "time-activity-reading", TimeReadings.activity(activity, shown: shown))
        page.endStack()
    }

    static func renderSegments(_ view: TimeView, colors: [RGBColor], filtered: Bool, into page: inout ReportPage) {
        guard let shown = view.shown else { return }
        guard let trends = view.trends, view.chain.count >= 2 else {
            let lastActive = view.activity.flatMap { $0.weekStarts.last.map { $0 + 6 } }
            let end = shown.window.map { $0.asOf / CivilCalendar.secondsPerDay } ?? lastActive
            var text = shown.window == nil ? "run #\(shown.id) counts all-time likes, so it has no moment to follow. "
                : "run #\(shown.id) is the only run of its settings. "
            if let end {
                text += commands(shown, largestRunID: view.largestRunID, endDay: end)
            } else {
                text += "Without timestamped interactions the warehouse has no moments to follow segments at."
            }
            page.note(id: "time-segments-missing", title: "Segments over time", text: text)
            return
        }
        let days = view.chain.map { ($0.window?.asOf ?? 0) / CivilCalendar.secondsPerDay }
        let k = trends.points.map(\.segments.count).max() ?? 0
        let lastNames = trends.points.last?.segments ?? []
        let series = (1...max(1, k)).map { segment in
            LineSeries(name: "\(segment) \(lastNames.first { $0.segment == segment }?.name ?? "")",
                       points: zip(days, trends.points).compactMap { day, point in
                           point.segments.first { $0.segment == segment }.map { ChartPoint(x: Double(day), y: Double($0.users)) }
                       },
                       color: segment <= colors.count ? colors[segment - 1] : nil)
        }
        let firstDate = DateTicks.date(ofDay: days.first ?? 0), lastDate = DateTicks.date(ofDay: days.last ?? 0)
        var chart = LineChart(title: "Segment sizes over time", series: series, xLabel: "As of", yLabel: "Users in the segment",
                              integerX: false,
                              caption: "Each segment's members in \(view.chain.count) runs made the same way at different moments "
                                + "(runs \(view.chain.map { "#\($0.id)" }.joined(separator: ", "))); names as in the latest."
                                + (filtered ? " All members: the filter does not apply here." : ""))
        chart.xTicks = DateTicks.ticks(first: days.first ?? 0, last: days.last ?? 0, marks: days)
        chart.xText = { DateTicks.date(ofDay: Int64($0)) }
        chart.yFormat = .grouped
        page.beginStack()
        page.chart(id: "time-sizes", title: "Segment sizes over time", chart: chart)
        page.reading(id: "time-sizes-reading", TimeReadings.sizes(trends, firstDate: firstDate, lastDate: lastDate))
        page.endStack()

        var table = HTMLTable(columns: [HTMLTable.Column("From → to", numeric: false), HTMLTable.Column("Stayed"), HTMLTable.Column("Moved"),
                                        HTMLTable.Column("Entered"), HTMLTable.Column("Left"),
                                        HTMLTable.Column("Largest moves (users: from → to)", numeric: false)],
                              footnote: "Stayed: in the same segment at both moments; moved: in another; entered: segmented only at the later "
                                + "moment (new users, or newly active); left: only at the earlier.")
        for (index, flow) in trends.flows.enumerated() {
            let moves = flow.moved.prefix(3).map { "\(Format.count($0.users)): \($0.from) → \($0.to)" }.joined(separator: "; ")
            table.append([DateTicks.span(from: days[index], to: days[index + 1]) + (flow.aligned ? "" : " (not aligned)"),
                          Format.count(flow.stayed.reduce(0, +)), Format.count(flow.moved.reduce(0) { $0 + $1.users }),
                          Format.count(flow.entered.reduce(0, +)), Format.count(flow.left.reduce(0, +)), moves.isEmpty ? "none" : moves])
        }
        page.table(id: "time-flows", title: "Flows between consecutive runs", wide: true, table)
        page.reading(id: "time-flows-reading", TimeReadings.flows(trends, fromDate: DateTicks.date(ofDay: days[days.count - 2]), toDate: lastDate))
    }

    /// The exact commands that make three runs of the shown run's settings a month apart, ending on
    /// `end` (its moment's day, or the last interaction's for an all-time run), each aligned to the one before
    /// (k-means; `--align-to` is refused for latent-class runs), then the report.
    static func commands(_ shown: RunRecord, largestRunID: Int64, endDay end: Int64) -> String {
        let window = shown.window
        var settings = "--k \(shown.k)"
        if shown.method == .latentClass { settings = "--method latent-class " + settings }
        if let covariates = shown.covariates { settings += " --covariates \(covariates.rawValue)" }
        settings += " --window \(window?.windowSeconds.map(TimeText.durationText) ?? "90d")"
        if let halfLife = window?.halfLifeSeconds { settings += " --half-life \(TimeText.durationText(halfLife))" }
        if let window, window.weights != InteractionWindow.defaultWeights { settings += " --weights \(window.weightsText)" }
        var lines: [String] = []
        for step in 0..<3 {
            let moment = " --as-of \(CivilCalendar.isoDate(ofDay: end - Int64(30 * (2 - step))))"
            let align = step > 0 && shown.method == .kmeans ? " --align-to \(largestRunID + Int64(step))" : ""
            lines.append("`warehouse run-segmentation \(settings)\(moment)\(align)`")
        }
        let aligned = shown.method == .kmeans ? ", each aligned to the one before" : ""
        return "To follow segments over time, make runs a month apart\(aligned): "
            + lines.joined(separator: ", then ") + ", then `warehouse report`."
    }

    /// The readings' style; the time and evaluation tables wrap their cells so they fit a phone.
    static let css = """
    p.reading { margin: 0; padding: 6px 10px; background: #eef4fb; border-left: 3px solid #5b8fc7; border-radius: 3px; color: #222222; }
    section > p.reading { grid-column: 1 / -1; max-width: 900px; }
    #time-flows table.data th, #time-flows table.data td, #evaluation-table table.data th, #evaluation-table table.data td,
    #evaluation-table-new table.data th, #evaluation-table-new table.data td { white-space: normal; }

    """
}
