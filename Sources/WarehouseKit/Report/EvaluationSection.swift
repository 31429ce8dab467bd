import Charts
import Population
import WarehouseTables

/// "Does it predict?" (id `evaluation`): the latest stored `warehouse evaluate`, each ranker's
/// NDCG@5 and P@3 with their 95% bootstrap intervals, over every subcategory and over new
/// interests only, as bar charts with interval whiskers and one table, and a one-line reading of
/// the warehouse's own ranking (`model`) against the best baseline. Every figure is the stored
/// one (`evaluation_metrics`), never recomputed.
enum EvaluationSection {
    /// The metrics shown, with their names on the page.
    static let metrics: [(key: String, name: String)] = [("ndcg_at_5", "NDCG@5"), ("p_at_3", "P@3")]
    /// The variants shown, with their names on the page.
    static let variants: [(variant: EvaluationVariant, name: String)] = [(.all, "all interests"), (.newInterest, "new interests")]

    /// What a marketer reads before the figures.
    static let explanation = "Each ranker orders every user's interests before a cut; the figures score that order on what users "
        + "actually did in the days after. P@3: the share of a user's top 3 interests they then engaged with. NDCG@5: how near the "
        + "top of the first 5 the interests they engaged with were placed (1: at the very top; 0: none in the top 5). "
        + "Popularity, history (the user's own past) and segment (the user's segment's taste) are the baselines to beat; "
        + "planted and oracle, on a seeded warehouse, are the generator's own truth: the ceiling."

    static func render(_ evaluation: EvaluationSummary?, filtered: Bool, into page: inout ReportPage) {
        page.section(id: "evaluation", title: "Does it predict?",
                     intro: explanation + (filtered ? " The evaluation is of every user: the filter does not apply here." : ""))
        guard let evaluation, evaluation.userCount(.all) > 0 else {
            page.note(id: "evaluation-missing", title: "No evaluation yet",
                      text: evaluation == nil
                        ? "run `warehouse evaluate --horizon 30d` (it fits on the interactions up to 30 days before the last one and scores "
                          + "every ranker on those 30 days), then `warehouse report` again."
                        : "the latest evaluation (#\(evaluation?.id ?? 0)) scored no user: no one had a positive interaction both before "
                          + "its cut and in its horizon. Try an earlier `--as-of` or a longer `--horizon` with `warehouse evaluate`.")
            return
        }
        let rankers = evaluation.rankers
        for metric in metrics {
            let series = variants.enumerated().map { index, variant in
                BarSeries(name: variant.name,
                          values: rankers.map { evaluation.value($0, variant.variant, metric.key) ?? .nan },
                          color: Palette.categorical(index),
                          intervals: rankers.map { evaluation.figure($0, variant.variant, metric.key)?.interval })
            }
            let chart = BarChart(title: "\(metric.name) by ranker", categories: rankers.map(\.rawValue), series: series,
                                 xLabel: "Ranker", yLabel: metric.name, valueFormat: .fixedPadded(decimals: 3),
                                 caption: "Bars: the mean over \(Format.count(evaluation.userCount(.all))) users scored "
                                    + "(\(Format.count(evaluation.userCount(.newInterest))) with a new interest); whiskers: 95% bootstrap intervals.")
            page.chart(id: "evaluation-\(metric.key.replacingOccurrences(of: "_", with: "-"))", title: "\(metric.name) by ranker", chart: chart)
        }
        page.table(id: "evaluation-table", title: "All interests: every ranker, with 95% intervals", table(evaluation, .all))
        page.table(id: "evaluation-table-new", title: "New interests: every ranker, with 95% intervals", table(evaluation, .newInterest))
        page.reading(id: "evaluation-reading", reading(evaluation))
    }

    /// One row per ranker on `variant`'s users: each metric with its interval in brackets, then
    /// NDCG@5's difference from the best baseline with its paired interval (blank for that
    /// baseline itself). Four columns, so it fits a phone.
    static func table(_ evaluation: EvaluationSummary, _ variant: EvaluationVariant) -> HTMLTable {
        var columns = [HTMLTable.Column("Ranker", numeric: false)]
        for metric in metrics { columns.append(HTMLTable.Column("\(metric.name) (95%)")) }
        columns.append(HTMLTable.Column("NDCG@5 − best baseline (95%)"))
        var table = HTMLTable(columns: columns, footnote: footnote(evaluation, variant))
        for ranker in evaluation.rankers {
            var row = [ranker.rawValue]
            for metric in metrics {
                let figure = evaluation.figure(ranker, variant, metric.key)
                row.append(Format.score(figure?.value) + (figure?.interval.map { " (\(EvaluationSummary.interval($0)))" } ?? ""))
            }
            let ndcg = evaluation.figure(ranker, variant, "ndcg_at_5")
            let compared = ndcg?.versus.map { $0 != ranker.rawValue } ?? false
            row.append(compared ? EvaluationSummary.signed(ndcg?.difference) + " vs \(ndcg?.versus ?? "")"
                + (ndcg?.differenceInterval.map { " (\(EvaluationSummary.interval($0, signed: true)))" } ?? "") : "")
            table.append(row)
        }
        return table
    }

    static func footnote(_ evaluation: EvaluationSummary, _ variant: EvaluationVariant) -> String {
        let row = evaluation.row
        let users = variant == .all ? "users with a positive interaction before the cut and one after"
            : "of those, users with an interest new to them after the cut (only new interests ranked)"
        return "\(Format.count(evaluation.userCount(variant))) \(users). Evaluation #\(evaluation.id): cut \(DateTicks.date(ofDay: row.asOf / CivilCalendar.secondsPerDay)), "
            + "horizon \(TimeText.durationText(row.horizonSeconds)), positive: \(row.relevantKinds.joined(separator: ", ")); "
            + "fitted as \(row.method == .latentClass ? "latent class" : "k-means"), k = \(row.k), \(row.window.description); "
            + "\(Format.count(row.resamples)) bootstrap resamples."
    }

    /// "The warehouse's ranking (model): NDCG@5 0.420, +0.004 over the best baseline (segment),
    /// interval −0.005…+0.014: not distinguishable." A difference is distinguishable when its
    /// paired 95% interval leaves out 0.
    static func reading(_ evaluation: EvaluationSummary) -> String {
        guard let model = evaluation.figure(.model, .all, "ndcg_at_5") else {
            let best = evaluation.rankers.max { (evaluation.value($0, .all, "ndcg_at_5") ?? -1) < (evaluation.value($1, .all, "ndcg_at_5") ?? -1) }
            return "The evaluation has no figure for the warehouse's ranking (model); the best NDCG@5 is "
                + "\(best?.rawValue ?? "none")'s, \(Format.score(best.flatMap { evaluation.value($0, .all, "ndcg_at_5") }))."
        }
        var text = "The warehouse's ranking (model): NDCG@5 \(Format.score(model.value))"
        guard let baseline = model.versus, let difference = model.difference else { return text + "." }
        text += ", \(EvaluationSummary.signed(difference)) \(difference >= 0 ? "over" : "against") the best baseline (\(baseline))"
        if let interval = model.differenceInterval {
            text += ", interval \(EvaluationSummary.interval(interval, signed: true)): "
            if interval.lowerBound > 0 {
                text += "better than the baseline"
            } else if interval.upperBound < 0 {
                text += "worse than the baseline"
            } else {
                text += "not distinguishable from it"
            }
        }
        if let oracle = evaluation.value(.oracle, .all, "ndcg_at_5") {
            text += "; the oracle (the generator's truth) reaches \(Format.score(oracle))"
        }
        return text + "."
    }
}
