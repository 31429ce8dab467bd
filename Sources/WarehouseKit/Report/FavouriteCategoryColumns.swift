import Population

/// "Favourite category by age group" as a table that fits its box whatever the taxonomy: with
/// at most `categoriesAsColumns` categories, one column per category (`PopulationSection.favouriteTable`);
/// with more (an imported taxonomy may have hundreds, which made a 14,000 px wide table), one ROW
/// per category and one column per age group, so the width is fixed (9 columns) and the table
/// grows downwards instead of sideways.
///
/// Rows: categories by users across all ages, most first (ties: catalogue order); each cell
/// "users (share of the age group's users with a favourite)", the largest share of each column
/// highlighted (that group's favourite); then "No likes" (users with no favourite) and "Users" (everyone
/// in the group). Same figures as the wide form: Σ over categories + no likes = the group's users.
enum FavouriteCategoryColumns {
    /// The most categories drawn as columns (2 + 8 + 1 columns fit a 1,400 px window).
    static let categoriesAsColumns = 8

    static func table(_ population: PopulationAggregates) -> HTMLTable {
        let categories = population.categoryNames.count
        guard categories > categoriesAsColumns else { return PopulationSection.favouriteTable(population) }
        let groups = AgeGroup.all
        var columns = [HTMLTable.Column("Category", numeric: false)]
        columns += groups.map { HTMLTable.Column($0.label) }
        columns.append(HTMLTable.Column("All ages"))
        var table = HTMLTable(columns: columns,
                              footnote: "One row per category (\(Format.count(categories)) categories, most users first): users whose favourite it is "
                                + "(share of the age group's users with a favourite); the largest share of each column is highlighted.")
        func count(_ group: Int, _ category: Int) -> Int { population.favourite[group * categories + category] }
        let withFavourite = groups.indices.map { g in (0..<categories).reduce(0) { $0 + count(g, $1) } }
        let allWithFavourite = withFavourite.reduce(0, +)
        let totals = (0..<categories).map { c in groups.indices.reduce(0) { $0 + count($1, c) } }
        let best = groups.indices.map { g in (0..<categories).map { count(g, $0) }.max() ?? 0 }
        let bestAll = totals.max() ?? 0
        func cell(_ users: Int, of total: Int, best: Int) -> HTMLTable.Cell {
            HTMLTable.Cell("\(Format.count(users)) (\(Format.percent(total > 0 ? Double(users) / Double(total) : 0, 1)))",
                           emphasis: users == best && best > 0)
        }
        for category in (0..<categories).sorted(by: { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }) {
            table.append([HTMLTable.Cell(population.categoryNames[category])]
                         + groups.indices.map { cell(count($0, category), of: withFavourite[$0], best: best[$0]) }
                         + [cell(totals[category], of: allWithFavourite, best: bestAll)])
        }
        let none = groups.indices.map { population.noFavourite[$0] }
        table.append(["No likes"] + none.map { Format.count($0) } + [Format.count(none.reduce(0, +))])
        table.append(["Users"] + groups.indices.map { Format.count(withFavourite[$0] + none[$0]) }
                     + [Format.count(allWithFavourite + none.reduce(0, +))])
        return table
    }
}
