import Population
import WarehouseTables

/// Segments over time, shared by `warehouse trends` and the report's "Behaviour over time":
/// each run's segment sizes, and between consecutive runs the flows (users who moved from
/// segment a to b, entered, left).
enum SegmentTrends {
    /// Sizes and flows of `records` (each with a window), ordered here by as-of then id. Call
    /// inside a read transaction (`trends`' or the report's).
    static func summary(of unordered: [RunRecord], in store: WarehouseStore) throws -> TrendsSummary {
        let records = unordered.sorted { ($0.window?.asOf ?? 0, $0.id) < ($1.window?.asOf ?? 0, $1.id) }
        var points: [TrendsSummary.Point] = []
        var flows: [TrendsSummary.Flow] = []
        var previous: (record: RunRecord, labels: RunLabels)?
        for record in records {
            let labels = try RunLabels.read(run: record.id, k: record.k, from: store)
            let names = try SegmentNamesTable.read(run: record.id, k: record.k, from: store)
            var sizes = [Int](repeating: 0, count: record.k)
            for segment in labels.segments { sizes[Int(segment) - 1] += 1 }
            let window = record.window
            points.append(TrendsSummary.Point(
                run: record.id, asOf: CivilCalendar.isoDateTime(ofSecond: window?.asOf ?? 0), window: window?.description ?? "",
                segments: (1...record.k).map { TrendsSummary.Size(segment: $0, name: names[$0]?.name ?? "segment \($0)", users: sizes[$0 - 1]) },
                alignedTo: record.alignedTo))
            if let previous {
                flows.append(flow(from: previous.record, previous.labels, to: record, labels))
            }
            previous = (record, labels)
        }
        return TrendsSummary(points: points, flows: flows)
    }

    /// The flows between two runs' labels: moves (a ≠ b, by count, descending), stays, entries and exits per segment.
    static func flow(from earlier: RunRecord, _ a: RunLabels, to later: RunRecord, _ b: RunLabels) -> TrendsSummary.Flow {
        var moves = [Int](repeating: 0, count: earlier.k * later.k)
        var entered = [Int](repeating: 0, count: later.k)
        var left = [Int](repeating: 0, count: earlier.k)
        var i = 0, j = 0
        while i < a.userIDs.count || j < b.userIDs.count {
            if j >= b.userIDs.count || (i < a.userIDs.count && a.userIDs[i] < b.userIDs[j]) {
                left[Int(a.segments[i]) - 1] += 1
                i += 1
            } else if i >= a.userIDs.count || b.userIDs[j] < a.userIDs[i] {
                entered[Int(b.segments[j]) - 1] += 1
                j += 1
            } else {
                moves[(Int(a.segments[i]) - 1) * later.k + Int(b.segments[j]) - 1] += 1
                i += 1
                j += 1
            }
        }
        var moved: [TrendsSummary.Move] = []
        var stayed = [Int](repeating: 0, count: min(earlier.k, later.k))
        for from in 0..<earlier.k {
            for to in 0..<later.k where moves[from * later.k + to] > 0 {
                if from == to { stayed[from] = moves[from * later.k + to]; continue }
                moved.append(TrendsSummary.Move(from: from + 1, to: to + 1, users: moves[from * later.k + to]))
            }
        }
        moved.sort { ($0.users, -$0.from, -$0.to) > ($1.users, -$1.from, -$1.to) }
        return TrendsSummary.Flow(fromRun: earlier.id, toRun: later.id, aligned: later.alignedTo == earlier.id,
                                  stayed: stayed, moved: moved, entered: entered, left: left)
    }
}
