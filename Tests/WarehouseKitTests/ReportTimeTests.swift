import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// A 2,000-user warehouse with a year of interactions, three k-means runs a month apart on a
/// 30-day window (each aligned to the one before) and one stored evaluation: what the report's
/// "Behaviour over time" and "Does it predict?" sections draw. Built once, copied per test.
private enum TimeFixture {
    static let day: Int64 = 86_400
    static let bytes: Result<Data, any Error> = Result {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 2_000, days: 365, in: dir)
        var configuration = quickSegmentation()
        var previous: Int64?
        for monthsBack in [2, 1, 0] {
            configuration.window = WindowRequest(asOf: SeedConfiguration.defaultAsOf - Int64(monthsBack) * 30 * day, windowSeconds: 30 * day)
            configuration.alignTo = previous
            previous = try SegmentationJob.run(store: store, configuration: configuration).runID
        }
        _ = try EvaluateJob.run(store: store, configuration: quickEvaluation(resamples: 50))
        _ = try store.connection.scalar("PRAGMA wal_checkpoint(TRUNCATE)")
        return try Data(contentsOf: URL(fileURLWithPath: store.path))
    }

    static func store(in dir: TemporaryDirectory) throws -> WarehouseStore {
        let path = dir.path("w.sqlite")
        try bytes.get().write(to: URL(fileURLWithPath: path))
        return try WarehouseStore(path: path, mode: .mustExist)
    }
}

/// The text of the `<tr>` rows of the table inside the element with `id`, each as its cells' texts.
private func tableRows(_ html: String, id: String) -> [[String]] {
    guard let start = html.range(of: "id=\"\(id)\""), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex),
          let body = html.range(of: "<tbody>", range: start.upperBound..<end.lowerBound) else { return [] }
    let rows = html[body.upperBound..<end.lowerBound].components(separatedBy: "</tr>")
    return rows.compactMap { row -> [String]? in
        guard row.contains("<tr") else { return nil }
        let cells = row.components(separatedBy: "</t").dropLast().map { cell -> String in
            let text = cell.components(separatedBy: ">").last ?? ""
            return text.replacingOccurrences(of: "&amp;", with: "&")
        }
        return cells
    }
}

/// The text a column holds; nil for any other value.
private func storedText(_ value: SQLValue) -> String? {
    if case .text(let text) = value { return text }
    return nil
}

/// The text of the element `<p … id="id">…</p>`.
private func paragraph(_ html: String, id: String) -> String? {
    guard let start = html.range(of: "id=\"\(id)\">"), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return nil }
    return String(html[start.upperBound..<end.lowerBound])
}

@Suite struct ReportTimeTests {
    /// Each week's count per category is the COUNT of that week's interactions in the category,
    /// by SQL; the weeks are whole and end on the last interaction's day.
    @Test func weeklyActivityIsACountOfEachWeeksInteractions() throws {
        let dir = try TemporaryDirectory()
        let store = try TimeFixture.store(in: dir)
        let activity = try #require(try WeeklyActivity.read(store))
        #expect(activity.weekStarts.count == WeeklyActivity.maximumWeeks)
        let lastDay = try #require(try store.connection.scalar("SELECT max(day) FROM interactions")?.int64)
        #expect(activity.weekStarts.last.map { $0 + 6 } == lastDay)
        #expect(zip(activity.weekStarts, activity.weekStarts.dropFirst()).allSatisfy { $1 - $0 == 7 })
        let categories = try store.connection.rows("SELECT id FROM categories ORDER BY id").compactMap { $0[0].int64 }
        #expect(categories.count == activity.categories.count)
        var total = 0
        for (index, category) in categories.enumerated() {
            for (week, start) in activity.weekStarts.enumerated() {
                let expected = try store.connection.scalar("""
                    SELECT count(*) FROM interactions AS i JOIN subcategories AS s ON s.id = i.subcategory_id
                    WHERE s.category_id = ? AND i.day BETWEEN ? AND ?
                    """, [.integer(category), .integer(start), .integer(start + 6)])?.int64
                #expect(Int64(activity.counts[index][week]) == expected, "category \(category), week of day \(start)")
                total += activity.counts[index][week]
            }
        }
        let inSpan = try store.connection.scalar("SELECT count(*) FROM interactions WHERE day >= ?", [.integer(activity.weekStarts[0])])?.int64
        #expect(Int64(total) == inSpan)
        #expect(try WeeklyActivity.read(store, maximumWeeks: 3)?.weekStarts.count == 3)
    }

    /// The page's time and evaluation sections: the activity chart with one line per category,
    /// the sizes chart, the flows table equal to `trends` over the same runs, the evaluation
    /// table equal to the stored figures, a reading under each; the page is well-formed XML.
    @Test func theSectionsShowTheStoredAndRecomputedFigures() throws {
        let dir = try TemporaryDirectory()
        let store = try TimeFixture.store(in: dir)
        let report = try ReportJob.run(store: store)
        let html = report.html
        #expect(XMLParser(data: Data(html.utf8)).parse())
        for id in ["time", "evaluation", "time-activity", "time-sizes", "time-flows", "evaluation-ndcg-at-5", "evaluation-p-at-3", "evaluation-table"] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        let time = try #require(html.range(of: "<section id=\"time\""))
        let evaluation = try #require(html.range(of: "<section id=\"evaluation\""))
        let population = try #require(html.range(of: "<section id=\"population\"") ?? html.range(of: "<section id=\"pop"))
        #expect(time.lowerBound < evaluation.lowerBound && evaluation.lowerBound < population.lowerBound)
        for id in ["time-activity-reading", "time-sizes-reading", "time-flows-reading", "evaluation-reading"] {
            let text = try #require(paragraph(html, id: id), "\(id)")
            #expect(text.count > 20, "\(id): \(text)")
        }
        #expect(paragraph(html, id: "evaluation-reading")?.contains("The warehouse&apos;s ranking (model): NDCG@5") == true)

        // Flows: the table's stayed, moved, entered, left equal trends' over the same runs.
        let runs = try store.connection.rows("SELECT id FROM segmentation_runs ORDER BY id").compactMap { $0[0].int64 }
        #expect(runs.count == 3)
        let trends = try TrendsJob.run(store: store, runs: runs.map { .id($0) })
        let flowRows = tableRows(html, id: "time-flows")
        #expect(flowRows.count == trends.flows.count && flowRows.count == 2, "\(flowRows) \(trends.flows.count)")
        for (row, flow) in zip(flowRows, trends.flows) {
            #expect(Array(row[1...4]) == [flow.stayed.reduce(0, +), flow.moved.reduce(0) { $0 + $1.users }, flow.entered.reduce(0, +),
                                          flow.left.reduce(0, +)].map { Format.count($0) })
        }

        // Evaluation: each ranker's NDCG@5 and P@3 (all, new interests) are the stored values.
        let evaluationRows = tableRows(html, id: "evaluation-table"), newRows = tableRows(html, id: "evaluation-table-new")
        let stored = try store.connection.rows("""
            SELECT ranker, variant, metric, value FROM evaluation_metrics
            WHERE evaluation_id = (SELECT max(id) FROM evaluations) AND metric IN ('ndcg_at_5', 'p_at_3') AND variant IN ('all', 'new_interest')
            """)
        #expect(evaluationRows.count == Set(stored.compactMap { storedText($0[0]) }).count && evaluationRows.count >= 4, "\(evaluationRows)")
        #expect(newRows.count == evaluationRows.count)
        let column = ["ndcg_at_5": 1, "p_at_3": 2]
        for figure in stored {
            let ranker = try #require(storedText(figure[0])), variant = storedText(figure[1]) ?? "", key = storedText(figure[2]) ?? ""
            let rows = variant == "all" ? evaluationRows : newRows
            let row = try #require(rows.first { $0.first == ranker }, "\(ranker)")
            let index = try #require(column[key])
            #expect(row[index].hasPrefix(Format.score(figure[3].double) + " ("), "\(ranker) \(variant) \(key): \(row[index])")
        }
    }

    /// The stored evaluation reads back as `evaluate` returned it.
    @Test func theLatestEvaluationReadsBackAsStored() throws {
        let dir = try TemporaryDirectory()
        let store = try TimeFixture.store(in: dir)
        let evaluated = try EvaluateJob.run(store: store, configuration: quickEvaluation(k: 3, resamples: 20))
        let latest = try #require(try EvaluationsTable.latest(store))
        #expect(latest.id == evaluated.id)
        #expect(latest.row == evaluated.row)
        let key: (EvaluationsTable.Metric) -> String = { "\($0.variant) \($0.ranker) \($0.metric)" }
        #expect(latest.metrics.sorted { key($0) < key($1) } == evaluated.metrics.sorted { key($0) < key($1) })
    }

    /// Comparable runs: same settings, as-of at or before the shown run's; a run with another k
    /// or an all-time run is left out.
    @Test func theChainHoldsOnlyRunsMadeTheSameWay() throws {
        let dir = try TemporaryDirectory()
        let store = try TimeFixture.store(in: dir)
        var other = quickSegmentation(k: 3)
        other.window = WindowRequest(asOf: SeedConfiguration.defaultAsOf - 45 * TimeFixture.day, windowSeconds: 30 * TimeFixture.day)
        _ = try SegmentationJob.run(store: store, configuration: other)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let runs = try RunRecord.all(from: store)
        #expect(runs.count == 5)
        #expect(ComparableRuns.chain(ending: runs[2], among: runs).map(\.id) == [runs[0].id, runs[1].id, runs[2].id])
        #expect(ComparableRuns.chain(ending: runs[1], among: runs).map(\.id) == [runs[0].id, runs[1].id])
        #expect(ComparableRuns.chain(ending: runs[3], among: runs).map(\.id) == [runs[3].id])
        #expect(ComparableRuns.chain(ending: runs[4], among: runs).isEmpty)
        // The all-time run shown: a note with the commands instead of the chart.
        let html = try ReportJob.run(store: store).html
        #expect(!html.contains("id=\"time-sizes\"") && html.contains("id=\"time-segments-missing\""))
        #expect(html.contains("warehouse run-segmentation --k 4 --window 90d --as-of"))
        #expect(html.contains("--align-to \(runs[4].id + 2)"))
    }

    /// Without interactions (likes only) and without an evaluation: notes, no broken chart.
    @Test func aWarehouseWithoutInteractionsGetsNotes() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 1_000, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        let html = try ReportJob.run(store: store).html
        #expect(XMLParser(data: Data(html.utf8)).parse())
        for id in ["time-activity-missing", "time-segments-missing", "evaluation-missing"] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(!html.contains("id=\"time-activity\"") && !html.contains("id=\"evaluation-table\""))
        #expect(html.contains("<code>warehouse evaluate --horizon 30d</code>"))
    }

    /// The readings say what the figures say.
    @Test func readingsFollowTheFigures() {
        let weeks = (0..<16).map { Int64(20_000 + 7 * $0) }
        let flat = [Int](repeating: 100, count: 16)
        let growing = [Int](repeating: 100, count: 8) + [Int](repeating: 125, count: 8)
        let falling = [Int](repeating: 100, count: 8) + [Int](repeating: 80, count: 8)
        let activity = WeeklyActivity(weekStarts: weeks, categories: ["Food", "Travel", "Sport"], counts: [growing, falling, flat])
        #expect(TimeReadings.activity(activity, shown: [0, 1, 2])
                == "Food grew 25% and Travel fell 20% in the last 8 weeks against the 8 before; the other category changed less than 5%.")
        let still = WeeklyActivity(weekStarts: weeks, categories: ["Food"], counts: [flat])
        #expect(TimeReadings.activity(still, shown: [0]).hasPrefix("No category changed"))
    }
}
