import Charts
import Population

/// The small charts of a segment card, each a grouped `BarChart` of shares, the segment against
/// everyone (every member of the run), drawn once at `size` (the SVG scales down to the card's
/// width; at 390 px the card's column is about that wide, so text keeps its drawn size):
/// - age: share of the members per age group (`AgeGroup`);
/// - activity: share of the members per activity band of all-time liked posts (everyone's fifths,
///   `SegmentCardData.activityBands`);
/// - interest mix: share of the segment's likes per category, for its `categoriesShown` largest
///   categories (ties: lower index), against everyone's share of likes there.
/// A chart with nothing to show (no member, no like) is left out.
enum SegmentCardCharts {
    static let size = ChartSize(width: 290, height: 220)
    static let categoriesShown = 4
    static let segmentColor = CategoryPalette.hues[0]
    static let everyoneColor = RGBColor(hex: 0xAAAAAA)

    /// The charts of `card`, as (title, SVG) pairs.
    static func charts(_ card: SegmentCardData.Card, _ data: SegmentCardData) -> [(title: String, svg: String)] {
        var charts: [(String, String)] = []
        if card.members > 0 {
            charts.append(("Age", shares(title: "Age", categories: AgeGroup.all.map(\.label), mine: card.ageCounts.map(Double.init),
                                         everyone: data.ageCounts.map(Double.init), xLabel: "Age group", yLabel: "% of users")))
            if data.activityEdges.count > 1 {
                charts.append(("Activity", shares(title: "Activity", categories: bandLabels(data.activityEdges),
                                                  mine: card.activityCounts.map(Double.init), everyone: data.activityCounts.map(Double.init),
                                                  xLabel: "\(data.words.capitalised) (all time)", yLabel: "% of users")))
            }
        }
        let likes = card.categoryLikes.reduce(0, +)
        if likes > 0 {
            let top = card.categoryLikes.indices.sorted { card.categoryLikes[$0] != card.categoryLikes[$1] ? card.categoryLikes[$0] > card.categoryLikes[$1] : $0 < $1 }
                .prefix(categoriesShown).filter { card.categoryLikes[$0] > 0 }
            let everyone = data.categoryLikes.reduce(0, +)
            charts.append(("Interest mix", shares(title: "Interest mix", categories: top.map { data.categoryNames[$0] },
                                                  mine: top.map { card.categoryLikes[$0] / likes },
                                                  everyone: top.map { everyone > 0 ? data.categoryLikes[$0] / everyone : 0 },
                                                  normalise: false, xLabel: "Its largest categories", yLabel: "% of likes")))
        }
        return charts
    }

    /// "0–11", "12–30", …, "95+" from the bands' lower bounds.
    static func bandLabels(_ edges: [Int]) -> [String] {
        edges.indices.map { band in
            band + 1 < edges.count ? (edges[band] == edges[band + 1] - 1 ? "\(edges[band])" : "\(edges[band])–\(edges[band + 1] - 1)")
                : "\(edges[band])+"
        }
    }

    /// A grouped bar chart of the segment's shares against everyone's; `normalise`: the values are
    /// counts, divided by their sums here.
    private static func shares(title: String, categories: [String], mine: [Double], everyone: [Double], normalise: Bool = true,
                               xLabel: String, yLabel: String) -> String {
        /// Percentages (the axis then reads 0…100, not 0…1).
        func scaled(_ values: [Double]) -> [Double] {
            let sum = normalise ? values.reduce(0, +) : 1
            return values.map { sum > 0 ? 100 * $0 / sum : 0 }
        }
        let chart = BarChart(title: title, categories: categories,
                             series: [BarSeries(name: "This segment", values: scaled(mine), color: segmentColor),
                                      BarSeries(name: "Everyone", values: scaled(everyone), color: everyoneColor)],
                             mode: .grouped, xLabel: xLabel, yLabel: yLabel, valueFormat: .fixed(decimals: 1), size: size)
        return chart.svg()
    }
}
