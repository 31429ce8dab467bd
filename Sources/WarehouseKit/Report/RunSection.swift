import Charts

/// The segmentation part of the report, or the note that there is no run yet.
enum RunSection {
    static let noRunText = "no segmentation run yet: run `warehouse run-segmentation` to segment the users, then `warehouse report` again."

    static func renderMissing(into page: inout ReportPage) {
        page.section(id: "segmentation", title: "Segmentation")
        page.note(id: "note-no-run", title: "Segmentation", text: noRunText)
    }

    static func render(_ view: RunView, into page: inout ReportPage) {
        let run = view.record
        var intro = "Run #\(run.id) of \(run.createdAt) (UTC): k = \(run.k) segments of \(Format.plural(run.users, "user")) "
            + "on \(run.features) (\(run.featureCount) features), \(run.components) PCA components keeping "
            + "\(Format.percent(run.explainedVariance, 1)) of the variance"
        if let silhouette = run.silhouette { intro += "; silhouette \(Format.fixed(silhouette, 3))" }
        if let ari = run.ari { intro += "; adjusted Rand index vs the planted personas \(Format.fixed(ari, 3))" }
        page.section(id: "segmentation", title: "Segmentation run #\(run.id)", intro: intro + ".")
        page.glossary(id: "glossary-run", title: ReportGlossary.title, entries: ReportGlossary.entries(view))

        let colors = ReportColors(view)
        page.chart(id: "fig-pca-map", title: RunCharts.pcaMapTitle, chart: RunCharts.pcaMap(view, colors: colors), widget: "pca")
        page.chart(id: "fig-likes-age", title: RunCharts.likesAgeTitle(view), chart: RunCharts.likesAgeScatter(view, colors: colors),
                   widget: "likes-age")
        page.beginStack()
        page.chart(id: "fig-segment-map", title: RunCharts.segmentMapTitle, chart: RunCharts.segmentMap(view, colors: colors),
                   widget: "segments")
        page.table(id: "tbl-segments", title: "Segment sizes (click a row to highlight it on the maps)", RunReportTables.segments(view))
        page.endStack()
        if let since = MembersSinceFit.text(view) {
            page.note(id: "note-members-since-fit", title: "Members since the fit", text: since)
        }
        let sweep = view.extras.map { !$0.sweep.isEmpty } ?? false
        if view.tables.elbow.isEmpty {
            // A latent-class run has its own sweep (below) and no elbow to ask for.
            if !sweep {
                page.note(id: "note-no-elbow", title: "Elbow",
                          text: "this run was made with `--elbow off`; run `warehouse run-segmentation --elbow 1...10` for the curve.")
            }
        } else {
            page.beginStack()
            page.chart(id: "fig-elbow", title: RunCharts.elbowTitle, chart: RunCharts.elbow(view))
            page.table(id: "tbl-elbow", title: "Elbow values", collapsed: true, RunReportTables.elbow(view))
            page.endStack()
        }
        // The sweep and the certainty share one column, beside the segment map and sizes.
        if let extras = view.extras, !extras.sweep.isEmpty || !extras.certainty.isEmpty {
            page.beginStack()
            if !extras.sweep.isEmpty {
                page.chart(id: "fig-latent-sweep", title: RunCharts.bicTitle, chart: RunCharts.latentSweep(extras, chosenK: run.k))
            }
            if !extras.certainty.isEmpty {
                page.chart(id: "fig-certainty", title: RunCharts.certaintyTitle, chart: RunCharts.certainty(extras))
            }
            if !extras.sweep.isEmpty {
                page.table(id: "tbl-latent-sweep", title: "Latent-class sweep", collapsed: true,
                           RunReportTables.latentSweep(extras, chosenK: run.k))
            }
            page.endStack()
        }
        page.script(ReportData.json(view, colors: colors))
        page.chart(id: "fig-lift-heatmap", title: RunCharts.liftTitle, chart: RunCharts.lift(view))
        // Beside the lift heatmap (a wide table left the heatmap alone in half a row).
        page.table(id: "tbl-top-interests", title: "Top interests per segment", RunReportTables.interests(view))
        if let crossTab = view.crossTab, !view.personaColumns.isEmpty {
            page.table(id: "tbl-segment-personas", title: "Segments × planted personas", wide: true,
                       RunReportTables.personaCrossTab(view, counts: crossTab))
        }
        page.table(id: "tbl-explained-variance", title: "Explained variance per component", collapsed: true,
                   RunReportTables.explainedVariance(view))
        page.table(id: "tbl-run-parameters", title: "Run parameters", collapsed: true, RunReportTables.parameters(view))
    }
}
