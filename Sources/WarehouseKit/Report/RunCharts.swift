import Charts
import Foundation
import WarehouseTables

/// The run's charts: the PCA map by top category, the elbow curve, the segments on the PCA map
/// and the lift heatmap.
enum RunCharts {
    static let pcaMapTitle = "PCA map: users by favourite category"
    static let elbowTitle = "Elbow: inertia and silhouette by k"
    static let segmentMapTitle = "Segments on the PCA map"
    static let liftTitle = "Lift of each interest by segment"

    /// "S2"
    static func segmentName(_ segment: Int) -> String { "S\(segment)" }

    static func sampleNote(_ view: RunView) -> String {
        "A seeded sample of \(Format.count(view.points.count)) of the "
            + "\(Format.count(view.assignedUsers)) segmented users (seed \(view.sampleSeed))"
    }

    /// PC1 × PC2 of the sample, one series per favourite category (group, see `ReportColors`).
    static func pcaMap(_ view: RunView, colors: ReportColors) -> ScatterPlot {
        let series = colors.groups.enumerated().map { group, info in
            ScatterSeries(name: info.name,
                          points: view.points.filter { $0.topCategory.map { colors.groupOf[$0] } == group }.map { ChartPoint(x: $0.x, y: $0.y) },
                          color: info.color)
        }.filter { !$0.points.isEmpty }
        return ScatterPlot(title: pcaMapTitle, series: series, xLabel: view.axisLabel(component: 1),
                           yLabel: view.axisLabel(component: 2),
                           caption: sampleNote(view) + "; colour: the category each user likes most." + oneComponentNote(view))
    }

    /// "Liked posts against age" (a seeded warehouse), "Likes against age" (an imported one), or
    /// "Interest against age" for a run on a window, whose points are its weighted interactions.
    static func likesAgeTitle(_ view: RunView) -> String {
        view.record.window == nil ? "\(view.words.capitalised) against age" : "Interest against age"
    }

    /// The sample's users: age (x) against log₁₀ of liked posts (y), coloured by favourite category.
    static func likesAgeScatter(_ view: RunView, colors: ReportColors) -> ScatterPlot {
        let series = colors.groups.enumerated().map { group, info in
            ScatterSeries(name: info.name,
                          points: view.points.filter { $0.topCategory.map { colors.groupOf[$0] } == group }.compactMap { point in
                              let total = point.likes.reduce(0, +)
                              return total > 0 ? ChartPoint(x: Double(point.age), y: log10(Double(total))) : nil
                          }, color: info.color)
        }.filter { !$0.points.isEmpty }
        let counted = view.record.window == nil ? view.words.capitalised : "Interest (the run's weighted interactions)"
        return ScatterPlot(title: likesAgeTitle(view), series: series, xLabel: "Age (years)",
                           yLabel: "\(counted), log₁₀ (1 = 10, 2 = 100, 3 = 1,000)",
                           caption: sampleNote(view) + "; colour: the category each user likes most. The density view of all users is beside it.")
    }

    /// Segment colours: each segment in the family of the category it over-likes most.
    static func segmentColors(_ view: RunView) -> [RGBColor] { ReportColors(view).segments }

    /// "S1 · food (28%)"
    static func segmentLegend(_ view: RunView, segment: Int) -> String {
        let row = view.tables.segments.first { $0.segment == segment }
        var name = segmentName(segment)
        if let top = row?.topCategory { name += " · " + top }
        if let share = row?.share { name += " (\(Format.percent(share, 0)))" }
        return name
    }

    /// The same sample coloured by segment, with each centroid marked and labelled.
    static func segmentMap(_ view: RunView, colors palette: ReportColors) -> ScatterPlot {
        let colors = palette.segments
        let series = colors.indices.map { index in
            ScatterSeries(name: segmentLegend(view, segment: index + 1),
                          points: view.points.filter { $0.segment == index + 1 }.map { ChartPoint(x: $0.x, y: $0.y) },
                          color: colors[index])
        }
        let centroids = view.tables.centroids.enumerated().map { index, centroid in
            MarkedPoint(x: centroid.x, y: centroid.y, label: segmentName(index + 1), color: colors[index % colors.count])
        }
        return ScatterPlot(title: segmentMapTitle, series: series, xLabel: view.axisLabel(component: 1),
                           yLabel: view.axisLabel(component: 2), markedPoints: centroids,
                           caption: sampleNote(view) + "; large dots: the k-means centroids (S1 the largest segment); "
                            + "each segment is named by the category with the largest share of its likes." + oneComponentNote(view))
    }

    private static func oneComponentNote(_ view: RunView) -> String {
        view.record.components < 2 ? " The run kept one component: PC2 is drawn as 0." : ""
    }

    /// Inertia (left axis) and silhouette (right axis) against k, with the suggested and chosen k.
    static func elbow(_ view: RunView) -> LineChart {
        let points = view.tables.elbow
        let inertia = LineSeries(name: "Inertia", points: points.map { ChartPoint(x: Double($0.k), y: $0.inertia) },
                                 axis: .left, color: CategoryPalette.hues[3])
        let silhouette = LineSeries(name: "Silhouette", points: points.map { ChartPoint(x: Double($0.k), y: $0.silhouette ?? .nan) },
                                    axis: .right, color: CategoryPalette.hues[4])
        let hasSilhouette = points.contains { $0.silhouette != nil }
        let chosen = view.record.k
        var lines: [ReferenceLine] = []
        if let suggested = view.record.suggestedK, suggested != chosen {
            lines.append(ReferenceLine(value: Double(suggested), label: "suggested k = \(suggested)", color: RGBColor(hex: 0x222222)))
            lines.append(ReferenceLine(value: Double(chosen), label: "chosen k = \(chosen)", color: RGBColor(hex: 0xD55E00)))
        } else if view.record.suggestedK != nil {
            lines.append(ReferenceLine(value: Double(chosen), label: "suggested = chosen k = \(chosen)", color: RGBColor(hex: 0xD55E00)))
        } else {
            lines.append(ReferenceLine(value: Double(chosen), label: "chosen k = \(chosen) (no clear knee)", color: RGBColor(hex: 0xD55E00)))
        }
        return LineChart(title: elbowTitle, series: hasSilhouette ? [inertia, silhouette] : [inertia],
                         xLabel: "k (segments)", yLabel: "Inertia (sum of squared distances)",
                         rightYLabel: hasSilhouette ? "Silhouette (−1…1, higher is better)" : "",
                         referenceLines: lines,
                         caption: "Inertia: Σ squared distance of each user to its centroid in PCA space; it always falls with k, "
                            + "the knee marks where extra segments stop paying. Silhouette "
                            + SilhouetteBasis.text(rows: view.record.silhouetteSample, users: view.record.users) + ".")
    }

    /// Subcategories (rows) × segments (columns); cell = lift, saturating at ×4 and ÷4.
    static func lift(_ view: RunView) -> HeatmapTable {
        let k = view.record.k
        // segment → subcategory id → lift
        var lift = [Int: [Int: Double]]()
        for profile in view.tables.profiles {
            lift[profile.segment, default: [:]][profile.subcategoryID] = profile.lift
        }
        let shown = liftRows(view.subcategories.map(\.id), lift: lift, k: k)
        let subcategories = view.subcategories.filter { shown.contains($0.id) }
        let rows = subcategories.map { "\($0.name) (\($0.category))" }
        let columns = (1...max(1, k)).map { segment in
            segmentName(segment) + (view.tables.segments.first { $0.segment == segment }?.topCategory.map { " · " + $0 } ?? "")
        }
        var values: [Double] = []
        values.reserveCapacity(rows.count * columns.count)
        for subcategory in subcategories {
            for segment in 1...max(1, k) {
                values.append(lift[segment]?[subcategory.id] ?? .nan)
            }
        }
        let omitted = view.subcategories.count - subcategories.count
        let selection = omitted > 0
            ? " The \(Format.count(subcategories.count)) of \(Format.count(view.subcategories.count)) interests whose lift "
                + "departs most from 1 in some segment; every one is in the segment_profiles table."
            : ""
        return HeatmapTable(title: liftTitle, rowLabels: rows, columnLabels: columns, values: values, limit: liftLimit,
                            colorLabel: "Lift (log scale)",
                            caption: "Lift = how many times as likely as everyone the segment's members are to like the interest "
                                + "(shrunk toward 1 by 100 users, so a small segment cannot stand out by luck); 1 = like everyone, "
                                + "2 = twice as likely. The same number as `target`, `name` and segment_profiles.lift. "
                                + "Colours saturate at ×4 and ÷4." + selection)
    }

    /// At most `liftRowLimit` interests for the lift heatmap, so that a catalogue of thousands
    /// of subcategories still gives a page of a few MB: all of them when they fit, else those
    /// with the largest max over segments of |ln lift| (ties to the lower id). Missing and
    /// non-finite lifts count as 0.
    static func liftRows(_ ids: [Int], lift: [Int: [Int: Double]], k: Int) -> Set<Int> {
        guard ids.count > liftRowLimit else { return Set(ids) }
        let departure = ids.map { id -> (id: Int, score: Double) in
            let score = (1...max(1, k)).reduce(0.0) { best, segment in
                guard let value = lift[segment]?[id], value.isFinite, value > 0 else { return best }
                return max(best, abs(Foundation.log(value)))
            }
            return (id, score)
        }
        let ranked = departure.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return Set(ranked.prefix(liftRowLimit).map(\.id))
    }

    /// The most interests the lift heatmap shows (the built-in catalogue's 20 always fit).
    static let liftRowLimit = 40

    static let liftLimit = 4.0

    static let bicTitle = "Latent classes: BIC and ICL by k"
    static let certaintyTitle = "Membership certainty (largest posterior probability)"

    /// BIC and ICL against k (both lower-is-better, one axis), the suggested (lowest-BIC) and chosen k marked.
    static func latentSweep(_ extras: ReportRunExtras, chosenK: Int) -> LineChart {
        let bic = LineSeries(name: "BIC", points: extras.sweep.map { ChartPoint(x: Double($0.k), y: $0.bic) },
                             color: CategoryPalette.hues[3])
        let icl = LineSeries(name: "ICL", points: extras.sweep.map { ChartPoint(x: Double($0.k), y: $0.icl) },
                             color: CategoryPalette.hues[4])
        let suggested = extras.bicK ?? extras.sweep.min { $0.bic < $1.bic }?.k
        var lines: [ReferenceLine] = []
        if let suggested, suggested != chosenK {
            lines.append(ReferenceLine(value: Double(suggested), label: "suggested k = \(suggested)", color: RGBColor(hex: 0x222222)))
            lines.append(ReferenceLine(value: Double(chosenK), label: "chosen k = \(chosenK)", color: RGBColor(hex: 0xD55E00)))
        } else if suggested != nil {
            lines.append(ReferenceLine(value: Double(chosenK), label: "suggested = chosen k = \(chosenK)", color: RGBColor(hex: 0xD55E00)))
        }
        let users = extras.sweep.first.map { Format.count($0.users) } ?? "?"
        return LineChart(title: bicTitle, series: [bic, icl], xLabel: "k (latent classes)", yLabel: "Criterion (lower is better)",
                         referenceLines: lines,
                         caption: "BIC = −2 ln L + p ln n, ICL = BIC + 2 × entropy, fitted on \(users) users per k; suggested k: the lowest BIC.")
    }

    /// Users per 0.05-wide bin of their largest posterior probability, on a log count axis: most
    /// users are nearly sure (one bar holds nearly all of them), and a linear axis would flatten
    /// the unsure few to nothing.
    static func certainty(_ extras: ReportRunExtras) -> Histogram {
        let width = 1.0 / Double(ReportRunExtras.certaintyBins)
        let total = extras.certainty.reduce(0, +)
        let bins = extras.certainty.enumerated().map { bin, count in
            HistogramBin(lower: Double(bin) * width, upper: Double(bin + 1) * width, count: Double(count),
                         tooltip: "probability \(Format.fixed(Double(bin) * width, 2))–\(Format.fixed(Double(bin + 1) * width, 2)): \(Format.plural(count, "user"))")
        }
        let sure = extras.certainty.suffix(2).reduce(0, +)
        let share = total > 0 ? Format.percent(Double(sure) / Double(total), 1) : "n/a"
        var chart = Histogram(title: certaintyTitle, bins: bins, xLabel: "Largest posterior probability",
                              yLabel: "Users (log scale)",
                              caption: "\(share) of \(Format.plural(total, "user")) are placed with probability ≥ 0.9; "
                                + "a user can be no less sure than 1/k. Counts on a log axis: each step up is ten times as many users.",
                              color: CategoryPalette.hues[2])
        chart.logY = true
        return chart
    }
}
