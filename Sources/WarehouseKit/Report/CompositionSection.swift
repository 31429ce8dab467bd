import Charts
import Population
import WarehouseSupport
import WarehouseTables

/// The report's "Who the segments are": each segment's members by age group, by gender and by
/// country (`SegmentComposition`, one grouped query over the run's members still in `users`, those
/// the report's user filter passes). Each is a chart of shares (stacked bars, one per segment)
/// and a table of users and shares.
///
/// Members who gave no gender are "not disclosed", members with no country "no country": a
/// warehouse without demographics shows every member there (a full grey bar, said in the caption),
/// never an empty chart. Countries: the `topCountries` with the most members over all segments
/// (ties to the lower code) by name, the rest as "other countries".
enum CompositionSection {
    static let ageTitle = "Age groups per segment"
    static let genderTitle = "Gender per segment"
    static let countryTitle = "Countries per segment"
    /// Countries named in the chart and table; the rest are grouped.
    static let topCountries = 8
    static let grey = RGBColor(hex: 0xAAAAAA)

    static func render(_ composition: SegmentComposition, k: Int, filter: UserFilter, into page: inout ReportPage) {
        let members = (1...max(1, k)).map { $0 <= composition.k ? composition.members(of: $0) : 0 }
        let total = members.reduce(0, +)
        let who = filter.isEmpty ? "every member" : "the members passing \(filter)"
        page.section(id: "composition", title: "Who the segments are",
                     intro: "Each segment's \(who), \(Format.count(total)) users in all, by age group, gender and country: "
                        + "shares of the segment (bars) and users (tables). Not disclosed: no gender given; no country: none given.")
        let segments = (1...max(1, k)).map(RunCharts.segmentName)
        let noun = filter.isEmpty ? "members" : "members passing the filter"

        // Ages.
        let groups = AgeGroup.all
        let ageSeries = groups.map { group in
            BarSeries(name: group.label, values: (0..<segments.count).map { Double(count(composition.ageGroups, $0, group.index)) },
                      color: CategoryPalette.category(group.index))
        }
        page.chart(id: "fig-segment-ages", title: ageTitle,
                   chart: BarChart(title: ageTitle, categories: segments, series: ageSeries, mode: .stackedShare,
                                   xLabel: "Segment", yLabel: "Share of the segment's \(noun)", showValues: true,
                                   caption: "Age groups as in user_profiles (years, at the warehouse's ages)."))
        page.table(id: "tbl-segment-ages", title: "Age groups per segment: users and shares", wide: true,
                   table(columns: groups.map(\.label), counts: { s in groups.map { count(composition.ageGroups, s, $0.index) } },
                         members: members, footnote: "Users (share of the segment's \(noun))."))

        // Genders.
        let genderNames = SegmentComposition.genderColumns.map { $0?.rawValue ?? "not disclosed" }
        let genderColors = [CategoryPalette.hues[0], CategoryPalette.hues[1], CategoryPalette.hues[2], grey]
        let genderSeries = genderNames.indices.map { column in
            BarSeries(name: genderNames[column], values: (0..<segments.count).map { Double(count(composition.genders, $0, column)) },
                      color: genderColors[column % genderColors.count])
        }
        let undisclosed = (0..<segments.count).reduce(0) { $0 + count(composition.genders, $1, genderNames.count - 1) }
        page.chart(id: "fig-segment-genders", title: genderTitle,
                   chart: BarChart(title: genderTitle, categories: segments, series: genderSeries, mode: .stackedShare,
                                   xLabel: "Segment", yLabel: "Share of the segment's \(noun)", showValues: true,
                                   caption: disclosureNote(undisclosed, of: total, what: "gave no gender")))
        page.table(id: "tbl-segment-genders", title: "Gender per segment: users and shares",
                   table(columns: genderNames, counts: { s in genderNames.indices.map { count(composition.genders, s, $0) } },
                         members: members, footnote: "Users (share of the segment's \(noun)). " + disclosureNote(undisclosed, of: total, what: "gave no gender")))

        // Countries.
        let named = countryColumns(composition)
        var countryNames = named.map { code in Country(code: code).map { "\($0.name) (\(code))" } ?? code }
        countryNames += ["other countries", "no country"]
        let countryCounts = { (s: Int) -> [Int] in
            guard s < composition.k else { return [Int](repeating: 0, count: named.count + 2) }
            let byCode = composition.countries[s]
            let shown = named.map { byCode[$0] ?? 0 }
            let rest = byCode.values.reduce(0, +) - shown.reduce(0, +)
            return shown + [rest, composition.noCountry[s]]
        }
        // Legend labels stay short enough for a phone's column: a long name is shown by its code.
        let legendNames = countryNames.enumerated().map { column, name in
            column < named.count && name.count > 24 ? named[column] : name
        }
        let countrySeries = countryNames.indices.map { column in
            BarSeries(name: legendNames[column], values: (0..<segments.count).map { Double(countryCounts($0)[column]) },
                      color: column < named.count ? CategoryPalette.category(column)
                        : (column == named.count ? CategoryPalette.other : grey))
        }
        let none = (0..<segments.count).reduce(0) { $0 + countryCounts($1)[named.count + 1] }
        let countryNote = "The \(Format.count(named.count)) countries with the most \(noun) by name, the rest as other countries. "
            + disclosureNote(none, of: total, what: "gave no country")
        page.chart(id: "fig-segment-countries", title: countryTitle,
                   chart: BarChart(title: countryTitle, categories: segments, series: countrySeries, mode: .stackedShare,
                                   xLabel: "Segment", yLabel: "Share of the segment's \(noun)", showValues: named.count <= 4,
                                   caption: countryNote))
        page.table(id: "tbl-segment-countries", title: "Countries per segment: users and shares", wide: true,
                   table(columns: countryNames, counts: countryCounts, members: members, footnote: "Users (share of the segment's \(noun)). " + countryNote))
    }

    /// `table[segment][column]`, 0 for a segment the composition does not hold.
    private static func count(_ table: [[Int]], _ segment: Int, _ column: Int) -> Int {
        table.indices.contains(segment) && table[segment].indices.contains(column) ? table[segment][column] : 0
    }

    /// The codes with the most members over all segments, at most `topCountries` (ties: lower code).
    static func countryColumns(_ composition: SegmentComposition) -> [String] {
        var totals: [String: Int] = [:]
        for segment in composition.countries { for (code, users) in segment { totals[code, default: 0] += users } }
        return totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(topCountries).map(\.key)
    }

    /// What a caption says of the members without a value: all, some or none of them.
    static func disclosureNote(_ missing: Int, of total: Int, what: String) -> String {
        if total > 0 && missing == total { return "Every one of the \(Format.count(total)) users \(what): the warehouse holds no such value for them." }
        if missing == 0 { return "" }
        return "\(Format.count(missing)) of \(Format.count(total)) users (\(Format.percent(Double(missing) / Double(total), 1))) \(what)."
    }

    /// Segment, members, then per column "users (share)"; each row's largest cell highlighted.
    private static func table(columns: [String], counts: (Int) -> [Int], members: [Int], footnote: String) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("Segment", numeric: false), HTMLTable.Column("Users")] + columns.map { HTMLTable.Column($0) },
                              footnote: footnote)
        for (index, size) in members.enumerated() {
            let row = counts(index)
            let best = row.max() ?? 0
            var cells = [HTMLTable.Cell(RunCharts.segmentName(index + 1)), HTMLTable.Cell(Format.count(size))]
            for value in row {
                let share = size > 0 ? Format.percent(Double(value) / Double(size), 1) : "n/a"
                cells.append(HTMLTable.Cell("\(Format.count(value)) (\(share))", emphasis: value == best && best > 0))
            }
            table.append(cells)
        }
        return table
    }
}
