import Charts
import Foundation
import Population
import WarehouseTables

/// The population part of the report: age and liked-posts distributions, liked posts by age, and
/// the favourite category by age group. Everything is computed over all users of the warehouse
/// (those the report's user filter passes, when it has one).
enum PopulationSection {
    static func render(_ population: PopulationAggregates, filter: UserFilter = UserFilter(), words: DataWords = .seededWords,
                       into page: inout ReportPage) {
        page.section(id: "population", title: "Population",
                     intro: "\(Format.plural(population.users, "user"))\(filter.isEmpty ? "" : " passing \(filter)"). Means and medians are marked on the histograms; "
                        + "skewness says how lopsided a distribution is: 0 when it is symmetric, above 0 when a few users have far more than most "
                        + "(its formula is in the statistics below).")
        if let note = words.kindsNote(likes: population.categoryLikes.reduce(0, +)) {
            page.note(id: "note-interaction-kinds", title: "Interactions", text: note)
        }
        page.table(id: "tbl-population-statistics", title: "Population statistics", wide: true, collapsed: true,
                   statisticsTable(population, words: words))
        page.chart(id: "fig-age-histogram", title: ageTitle, chart: ageHistogram(population))
        page.chart(id: "fig-liked-posts-histogram", title: likedTitle(words), chart: likedPostsHistogram(population, words: words))
        page.chart(id: "fig-liked-posts-by-age", title: gridTitle(words), chart: likedPostsByAge(population, words: words))
        page.chart(id: "fig-age-groups", title: ageGroupTitle, chart: ageGroupChart(population))
        // The two category charts share a row, then their two tables (a chart beside a short table
        // left half a row blank); with many categories each table takes a whole row.
        page.chart(id: "fig-category-likes", title: categoryLikesTitle, chart: categoryLikesChart(population))
        page.chart(id: "fig-favourite-category", title: favouriteTitle, chart: favouriteChart(population))
        let manyCategories = population.categoryNames.count > pairedTableCategories
        page.table(id: "tbl-category-likes", title: "Likes per category: totals and share of users", wide: manyCategories,
                   categoryTable(population))
        page.table(id: "tbl-favourite-category", title: "Favourite category by age group: users and shares", wide: manyCategories,
                   FavouriteCategoryColumns.table(population))
    }

    /// Up to this many categories the favourite-category table (a column per category) fits half
    /// a row at 1,400 px, beside the likes-per-category table; beyond it both tables are wide.
    static let pairedTableCategories = 6

    static let ageTitle = "Age of users"
    static func likedTitle(_ words: DataWords) -> String { "\(words.capitalised) per user (log scale)" }
    static func gridTitle(_ words: DataWords) -> String { "\(words.capitalised) by age" }
    static let favouriteTitle = "Favourite category by age group"
    static let ageGroupTitle = "Users per age group"
    static let categoryLikesTitle = "Likes per category"

    /// Users in each age group (bars in users).
    static func ageGroupChart(_ population: PopulationAggregates) -> BarChart {
        let groups = AgeGroup.all
        let counts = groups.indices.map { Double(population.usersInGroup($0)) }
        return BarChart(title: ageGroupTitle, categories: groups.map(\.label),
                        series: [BarSeries(name: "", values: counts, color: CategoryPalette.hues[3])],
                        xLabel: "Age group (years)", yLabel: "Users", showValues: true,
                        caption: "Every user counted once, in the group of their age.")
    }

    /// Total likes per category (bars, in likes), each category in its own colour.
    static func categoryLikesChart(_ population: PopulationAggregates) -> BarChart {
        let names = population.categoryNames
        let series = names.indices.map { category in
            BarSeries(name: "", values: names.indices.map { $0 == category ? Double(population.categoryLikes[category]) : .nan },
                      color: ReportColors.category(category))
        }
        let total = population.categoryLikes.reduce(0, +)
        return BarChart(title: categoryLikesTitle, categories: names, series: series, mode: .stacked,
                        xLabel: "Category", yLabel: "Likes", showValues: names.count <= 12,
                        caption: "\(Format.count(total)) likes in all; the table below gives each category's share of likes and of users.")
    }

    /// Per category: likes, share of all likes, users with ≥ 1 like there and their share of all users.
    static func categoryTable(_ population: PopulationAggregates) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("Category", numeric: false), HTMLTable.Column("Likes"),
                                        HTMLTable.Column("Share of likes"), HTMLTable.Column("Users liking"),
                                        HTMLTable.Column("Share of users")],
                              footnote: "Users liking: users with at least one like in the category; share of users: of all \(Format.plural(population.users, "user")).")
        let total = population.categoryLikes.reduce(0, +)
        for (category, name) in population.categoryNames.enumerated() {
            let likes = population.categoryLikes[category], users = population.usersLikingCategory[category]
            table.append([name, Format.count(likes), total > 0 ? Format.percent(Double(likes) / Double(total), 1) : "n/a",
                          Format.count(users), Format.percent(Double(users) / Double(population.users), 1)])
        }
        return table
    }

    /// "mean 34.3 · median 32 · skewness 0.91"
    static func statisticsLine(_ summary: DistributionSummary) -> String {
        "mean \(Format.fixed(summary.mean, 1)) · median \(Format.fixed(summary.median, 1)) · skewness \(Format.fixed(summary.skewness, 2))"
    }

    static func referenceLines(_ summary: DistributionSummary) -> [ReferenceLine] {
        [ReferenceLine(value: summary.mean, label: "mean \(Format.fixed(summary.mean, 1))", color: RGBColor(hex: 0xD55E00)),
         ReferenceLine(value: summary.median, label: "median \(Format.fixed(summary.median, 1))", color: RGBColor(hex: 0x222222))]
    }

    /// One bar per whole year: bin [a, a + 1) holds the users aged a.
    static func ageHistogram(_ population: PopulationAggregates) -> Histogram {
        let start = population.age.minimum
        let bins = population.ageCounts.enumerated().map { offset, count in
            HistogramBin(lower: Double(start + offset), upper: Double(start + offset + 1), count: Double(count),
                         tooltip: "age \(start + offset): \(Format.plural(count, "user"))")
        }
        return Histogram(title: ageTitle, bins: bins, xLabel: "Age (years)", yLabel: "Users",
                         referenceLines: referenceLines(population.age),
                         caption: statisticsLine(population.age) + " (years)")
    }

    /// Bins about 1/10 decade (a step of ×1.26) wide; heights are users per such step, so the
    /// wider bins near 1 (one count each) are not taller for their width alone.
    static func likedPostsHistogram(_ population: PopulationAggregates, words: DataWords = .seededWords) -> Histogram {
        let bins = population.likedBins
        let histogramBins = population.likedCounts.enumerated().map { bin, count in
            HistogramBin(lower: Double(bins.edges[bin]), upper: Double(bins.edges[bin + 1]),
                         count: bins.density(count: Double(count), bin: bin),
                         tooltip: "\(Format.count(bins.edges[bin]))–\(Format.count(bins.edges[bin + 1] - 1)) \(words.things): \(Format.plural(count, "user"))")
        }
        let zeros = population.usersWithoutLikes
        let zeroShare = Format.percent(Double(zeros) / Double(population.users), 1)
        let caption = statisticsLine(population.likedPosts) + " (all users) · "
            + "\(Format.plural(zeros, "user")) (\(zeroShare)) \(words.none): not on the log axis"
        // The mean and median of all users, zeros included; a median of 0 cannot be drawn on a log axis.
        let lines = referenceLines(population.likedPosts).filter { $0.value > 0 }
        return Histogram(title: likedTitle(words), bins: histogramBins, xLabel: "\(words.capitalised) (log scale)",
                         yLabel: "Users per ×1.26 step of \(words.things)", logX: true, referenceLines: lines, caption: caption,
                         color: CategoryPalette.hues[2])
    }

    /// Age bins of 2 years × the liked-posts log bins (users with ≥ 1 liked post), on a log y axis
    /// labelled in plain numbers. A cell's colour is its count of users: those of one 2-year age
    /// bin whose liked posts fall in one row's range (rows about a tenth of a decade, ×1.26, tall;
    /// below 10 a row holds one or two counts, so those rows are taller on the log axis).
    static func likedPostsByAge(_ population: PopulationAggregates, words: DataWords = .seededWords) -> DensityHeatmap {
        let bins = population.likedBins
        let yEdges = bins.edges.map(Double.init)
        let xEdges = population.gridAgeEdges.map(Double.init)
        let columns = xEdges.count - 1
        let counts = population.gridCounts.map(Double.init)
        let tooltips = population.gridCounts.enumerated().map { index, count in
            let age = xEdges[index % columns], row = index / columns
            return "age \(Int(age))–\(Int(age) + PopulationAggregates.gridAgeStep - 1), "
                + "\(Format.count(bins.edges[row]))–\(Format.count(bins.edges[row + 1] - 1)) \(words.things): \(Format.plural(count, "user"))"
        }
        var chart = DensityHeatmap(
            title: gridTitle(words), xEdges: xEdges, yEdges: yEdges, counts: counts,
            xLabel: "Age (years, 2-year bins)", yLabel: "\(words.capitalised) (log scale)",
            colorLabel: "Users per cell",
            caption: "A cell: the users of one 2-year age bin whose \(words.things) fall in one row's range "
                + "(a step of ×1.26; one or two counts below 10); its colour, how many they are. "
                + "Users who \(words.none) (\(Format.count(population.usersWithoutLikes))) are left out.")
        chart.cellTooltips = tooltips
        chart.logY = true
        return chart
    }

    static func statisticsTable(_ population: PopulationAggregates, words: DataWords = .seededWords) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("Measure", numeric: false), HTMLTable.Column("Users"),
                                        HTMLTable.Column("Mean"), HTMLTable.Column("Median"), HTMLTable.Column("Skewness"),
                                        HTMLTable.Column("Min"), HTMLTable.Column("Max")],
                              footnote: "Skewness: Fisher–Pearson g₁ = m₃ / m₂^1.5 with central moments over all users.")
        for (name, summary) in [("Age (years)", population.age), (words.capitalised, population.likedPosts)] {
            table.append([name, Format.count(summary.count), Format.fixed(summary.mean, 2),
                          Format.fixed(summary.median, 1), Format.fixed(summary.skewness, 3),
                          Format.count(summary.minimum), Format.count(summary.maximum)])
        }
        return table
    }

    /// Shares of each favourite category within each age group (users with no likes left out).
    static func favouriteChart(_ population: PopulationAggregates) -> BarChart {
        let categories = population.categoryNames.count
        let groups = AgeGroup.all
        let series = population.categoryNames.enumerated().map { category, name in
            BarSeries(name: name, values: groups.indices.map { Double(population.favourite[$0 * categories + category]) },
                      color: ReportColors.category(category))
        }
        return BarChart(title: favouriteTitle, categories: groups.map(\.label), series: series, mode: .stackedShare,
                        xLabel: "Age group (years)", yLabel: "Share of the age group's users", showValues: true, valueFormat: .grouped,
                        caption: "Favourite category: the one with the most likes (ties to the first listed); users with no likes left out.")
    }

    /// Per age group: users, then each category's users and share of the group, then users with no likes.
    static func favouriteTable(_ population: PopulationAggregates) -> HTMLTable {
        let categories = population.categoryNames.count
        var columns = [HTMLTable.Column("Age group", numeric: false), HTMLTable.Column("Users")]
        columns += population.categoryNames.map { HTMLTable.Column($0) }
        columns.append(HTMLTable.Column("No likes"))
        var table = HTMLTable(columns: columns,
                              footnote: "Users (share of the age group's users with a favourite); the largest share of each row is highlighted.")
        var totals = [Int](repeating: 0, count: categories)
        var totalNone = 0
        for group in AgeGroup.all {
            let counts = (0..<categories).map { population.favourite[group.index * categories + $0] }
            let none = population.noFavourite[group.index]
            table.append(row(label: group.label, counts: counts, none: none))
            for (category, count) in counts.enumerated() { totals[category] += count }
            totalNone += none
        }
        table.append(row(label: "All", counts: totals, none: totalNone))
        return table
    }

    private static func row(label: String, counts: [Int], none: Int) -> [HTMLTable.Cell] {
        let withFavourite = counts.reduce(0, +)
        let best = counts.max() ?? 0
        var cells = [HTMLTable.Cell(label), HTMLTable.Cell(Format.count(withFavourite + none))]
        for count in counts {
            let share = withFavourite > 0 ? Double(count) / Double(withFavourite) : 0
            cells.append(HTMLTable.Cell("\(Format.count(count)) (\(Format.percent(share, 1)))",
                                        emphasis: count == best && best > 0))
        }
        cells.append(HTMLTable.Cell(Format.count(none)))
        return cells
    }
}
