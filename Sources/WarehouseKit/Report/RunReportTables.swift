import Charts
import WarehouseTables

/// The run's tables: parameters, explained variance, segment sizes, top interests and the
/// segment × persona cross-tab.
enum RunReportTables {
    static func grouped(_ value: Int) -> String { Format.count(value) }
    static func fixed(_ value: Double?, _ decimals: Int) -> String { Format.fixed(value, decimals) }
    static func percent(_ share: Double?, _ decimals: Int = 1) -> String { Format.percent(share, decimals) }

    static func parameters(_ view: RunView) -> HTMLTable {
        let run = view.record
        var table = HTMLTable(columns: [HTMLTable.Column("Parameter", numeric: false), HTMLTable.Column("Value", numeric: false)])
        let rows: [(String, String)] = [
            ("Run", "#\(run.id)"),
            ("Created (UTC)", run.createdAt),
            ("Segments k", String(run.k)),
            ("Suggested k (elbow knee)", run.suggestedK.map(String.init) ?? "none (no clear knee)"),
            ("Features", "\(run.features) (\(run.featureCount) columns)"),
            ("Interest counted", run.window.map { "interactions \($0.description)" } ?? "all-time likes"),
            ("PCA components kept", "\(run.components), \(percent(run.explainedVariance)) of the variance"),
            ("Users segmented", grouped(run.users)),
            ("Users without likes (left out)", grouped(run.usersWithoutLikes)),
            ("Largest user id at the run", String(run.maxUserID)),
            ("Inertia (Σ squared distances)", fixed(run.inertia, 1)),
            ("Silhouette", run.silhouette.map { "\(fixed($0, 3)) (\(SilhouetteBasis.text(rows: run.silhouetteSample, users: run.users)))" } ?? "n/a"),
            ("Adjusted Rand index vs personas", run.ari.map { fixed($0, 3) } ?? "n/a (no planted personas for every user)"),
            ("k-means restarts / max iterations / tol", "\(run.nInit) / \(run.maxIterations) / \(run.tolerance)"),
            ("Iterations (best restart)", String(run.iterations)),
            ("Seed", String(run.seed)),
            ("Aligned to run", run.alignedTo.map { "#\($0)" } ?? "—"),
            ("Threads / time", "\(run.threads) / \(fixed(run.seconds, 1)) s"),
            ("Computed by", run.engine),
        ]
        for (name, value) in rows { table.append([name, value]) }
        return table
    }

    static func explainedVariance(_ view: RunView) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("Component", numeric: false), HTMLTable.Column("Variance"),
                                        HTMLTable.Column("Share"), HTMLTable.Column("Cumulative"), HTMLTable.Column("Kept", numeric: false)],
                              footnote: "Variance: eigenvalue of the covariance of the standardised features (divided by n − 1); share: of the total.")
        var cumulative = 0.0
        for line in view.tables.components {
            cumulative += line.ratio
            table.append([HTMLTable.Cell("PC\(line.component)"), HTMLTable.Cell(fixed(line.variance, 4)),
                          HTMLTable.Cell(percent(line.ratio)), HTMLTable.Cell(percent(cumulative)),
                          HTMLTable.Cell(line.kept ? "yes" : "no", emphasis: line.kept)])
        }
        return table
    }

    /// The highest-lift subcategories of `segment`, most first (ties: lower subcategory id).
    static func topInterests(_ view: RunView, segment: Int, count: Int) -> [RunTables.Profile] {
        view.tables.profiles.filter { $0.segment == segment && $0.lift != nil }
            .sorted { ($0.lift ?? 0, -$0.subcategoryID) > ($1.lift ?? 0, -$1.subcategoryID) }
            .prefix(count).map { $0 }
    }

    static func segments(_ view: RunView) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("Segment", numeric: false), HTMLTable.Column("Name", numeric: false),
                                        HTMLTable.Column("Users"), HTMLTable.Column("Share"),
                                        HTMLTable.Column("Mean age"), HTMLTable.Column("Mean \(view.words.things)"),
                                        HTMLTable.Column("Top category", numeric: false), HTMLTable.Column("Description", numeric: false)],
                              footnote: "Share: of the segmented users. Top category: the largest share of the segment's likes. "
                                + "Name: generated from what the segment over-likes and its ages, or given with `warehouse name`.")
        for segment in view.tables.segments {
            let name = view.names.first { $0.segment == segment.segment }
            table.append([RunCharts.segmentName(segment.segment), name?.name ?? "—", grouped(segment.users), percent(segment.share),
                          fixed(segment.meanAge, 1), fixed(segment.meanLikedPosts, 1), segment.topCategory ?? "—",
                          name?.description ?? "—"])
            table.rowKeys.append("segment-\(segment.segment)")
        }
        return table
    }

    /// The elbow curve's values: inertia and silhouette per k, the suggested and chosen k marked.
    static func elbow(_ view: RunView) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("k"), HTMLTable.Column("Inertia"), HTMLTable.Column("Drop from k − 1"),
                                        HTMLTable.Column("Silhouette"), HTMLTable.Column("Note", numeric: false)],
                              footnote: "Inertia in squared PCA-score units; drop: the share of the previous k's inertia removed by one more segment.")
        var previous: Double?
        for point in view.tables.elbow {
            var notes: [String] = []
            if point.k == view.record.suggestedK { notes.append("suggested (knee)") }
            if point.k == view.record.k { notes.append("chosen") }
            let drop = previous.flatMap { $0 > 0 ? 1 - point.inertia / $0 : nil }
            table.append([HTMLTable.Cell(String(point.k)), HTMLTable.Cell(fixed(point.inertia, 1)),
                          HTMLTable.Cell(drop.map { percent($0) } ?? "—"), HTMLTable.Cell(fixed(point.silhouette, 3)),
                          HTMLTable.Cell(notes.joined(separator: ", "), emphasis: !notes.isEmpty)])
            previous = point.inertia
        }
        return table
    }

    /// The latent-class sweep: log-likelihood, BIC, ICL and entropy R² per k (lowest BIC, ICL marked).
    static func latentSweep(_ extras: ReportRunExtras, chosenK: Int) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("k"), HTMLTable.Column("Users fitted"), HTMLTable.Column("Log-likelihood"),
                                        HTMLTable.Column("BIC"), HTMLTable.Column("ICL"), HTMLTable.Column("Entropy R²"),
                                        HTMLTable.Column("Note", numeric: false)],
                              footnote: "BIC = −2 ln L + p ln n, ICL = BIC + 2 × entropy: lower is better for both; suggested k: the lowest BIC.")
        let bestICL = extras.sweep.min { $0.icl < $1.icl }?.k
        let suggested = extras.bicK ?? extras.sweep.min { $0.bic < $1.bic }?.k
        for point in extras.sweep {
            var notes: [String] = []
            if point.k == suggested { notes.append("suggested (lowest BIC)") }
            if point.k == bestICL { notes.append("lowest ICL") }
            if point.k == chosenK { notes.append("chosen") }
            table.append([HTMLTable.Cell(String(point.k)), HTMLTable.Cell(grouped(point.users)),
                          HTMLTable.Cell(fixed(point.logLikelihood, 1)), HTMLTable.Cell(fixed(point.bic, 1)),
                          HTMLTable.Cell(fixed(point.icl, 1)), HTMLTable.Cell(fixed(point.entropyR2, 3)),
                          HTMLTable.Cell(notes.joined(separator: ", "), emphasis: !notes.isEmpty)])
        }
        return table
    }

    static func interests(_ view: RunView) -> HTMLTable {
        var table = HTMLTable(columns: [HTMLTable.Column("Segment", numeric: false), HTMLTable.Column("Interest", numeric: false),
                                        HTMLTable.Column("Category", numeric: false), HTMLTable.Column("Lift"),
                                        HTMLTable.Column("Share of likes"), HTMLTable.Column("Mean likes"),
                                        HTMLTable.Column("Users liking"), HTMLTable.Column("Support")],
                              footnote: "The three highest-lift interests of each segment. Lift: how many times as likely as everyone its members are to like it (shrunk by 100 users); share of likes: the interest's part of the segment's likes. Users liking: segment members with at least one like there; support: as a share of the segment.")
        let info = Dictionary(view.subcategories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sizes = Dictionary(view.tables.segments.map { ($0.segment, $0.users) }, uniquingKeysWith: { first, _ in first })
        for segment in view.tables.segments {
            for profile in topInterests(view, segment: segment.segment, count: 3) {
                let size = sizes[profile.segment] ?? 0
                table.append([RunCharts.segmentName(profile.segment), info[profile.subcategoryID]?.name ?? "#\(profile.subcategoryID)",
                              info[profile.subcategoryID]?.category ?? "", fixed(profile.lift, 2), percent(profile.share),
                              fixed(profile.meanLikes, 2), grouped(profile.usersLiking),
                              size > 0 ? percent(Double(profile.usersLiking) / Double(size)) : "n/a"])
            }
        }
        return table
    }

    /// Segments × planted personas: users, and their share of the segment; each row's largest cell highlighted.
    static func personaCrossTab(_ view: RunView, counts: [Int]) -> HTMLTable {
        let width = view.personaColumns.count
        var columns = [HTMLTable.Column("Segment", numeric: false), HTMLTable.Column("Users")]
        columns += view.personaColumns.map { HTMLTable.Column($0) }
        let ari = view.record.ari.map { "Adjusted Rand index \(fixed($0, 3)) (1: segments reproduce the personas exactly; 0: no better than chance). " } ?? ""
        var table = HTMLTable(columns: columns, footnote: ari + "Cells: users (share of the segment), over every segmented user.")
        for segment in 1...max(1, view.record.k) {
            let row = Array(counts[(segment - 1) * width..<segment * width])
            let total = row.reduce(0, +)
            let best = row.max() ?? 0
            var cells = [HTMLTable.Cell(RunCharts.segmentName(segment)), HTMLTable.Cell(grouped(total))]
            for count in row {
                let share = total > 0 ? Double(count) / Double(total) : 0
                cells.append(HTMLTable.Cell("\(grouped(count)) (\(percent(share, 1)))", emphasis: count == best && best > 0))
            }
            table.append(cells)
        }
        return table
    }
}
