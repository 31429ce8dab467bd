import WarehouseTables

/// The one-line readings under the time charts, computed from the figures they draw.
enum TimeReadings {
    /// A change counts as growth or decline from this relative size on (5%); smaller is steady.
    static let threshold = 0.05

    /// The relative change of `recent` against `before` (e.g. 0.12 for +12%); nil when `before` is 0.
    static func change(_ recent: Int, against before: Int) -> Double? {
        before > 0 ? Double(recent) / Double(before) - 1 : nil
    }

    /// Compares each shown category's interactions in the last `n` weeks with the `n` before
    /// (n = 8, or half the weeks when fewer than 16): "Food grew 12% and Travel fell 15% in the
    /// last 8 weeks against the 8 before; the other categories changed less than 5%."
    static func activity(_ activity: WeeklyActivity, shown: [Int]) -> String {
        let n = min(8, activity.weekStarts.count / 2)
        guard n >= 1 else { return "One week of interactions: too short to compare." }
        let weeks = activity.weekStarts.count
        var moves: [(name: String, change: Double)] = []
        for category in shown {
            let row = activity.counts[category]
            let recent = row[(weeks - n)...].reduce(0, +), before = row[(weeks - 2 * n)..<(weeks - n)].reduce(0, +)
            if let change = change(recent, against: before), abs(change) >= threshold {
                moves.append((activity.categories[category], change))
            }
        }
        moves.sort { abs($0.change) > abs($1.change) }
        let span = n == 1 ? "the last week against the week before" : "the last \(n) weeks against the \(n) before"
        guard !moves.isEmpty else {
            return "No category changed by \(Format.percent(threshold, 0)) or more in \(span): activity is steady."
        }
        let said = moves.prefix(3).map { "\($0.name) \($0.change > 0 ? "grew" : "fell") \(Format.percent(abs($0.change), 0))" }
        var text = said.count == 1 ? said[0] : said.dropLast().joined(separator: ", ") + " and " + said[said.count - 1]
        text += " in \(span)"
        let rest = shown.count - moves.count
        if rest > 0 { text += "; the other \(rest == 1 ? "category" : "\(rest) categories") changed less than \(Format.percent(threshold, 0))" }
        return text + "."
    }

    /// The segment that grew most and the one that shrank most from the first run to the last
    /// (relative change of their sizes), or that every size stayed within the threshold.
    static func sizes(_ trends: TrendsSummary, firstDate: String, lastDate: String) -> String {
        guard let first = trends.points.first, let last = trends.points.last else { return "" }
        var changes: [(segment: TrendsSummary.Size, before: Int, change: Double)] = []
        for size in last.segments {
            guard let before = first.segments.first(where: { $0.segment == size.segment })?.users,
                  let change = change(size.users, against: before) else { continue }
            changes.append((size, before, change))
        }
        func said(_ item: (segment: TrendsSummary.Size, before: Int, change: Double), _ verb: String) -> String {
            "segment \(item.segment.segment) “\(item.segment.name)” \(verb) \(Format.percent(abs(item.change), 0)) "
                + "(\(Format.count(item.before)) → \(Format.count(item.segment.users)) users)"
        }
        let grew = changes.filter { $0.change >= threshold }.max { $0.change < $1.change }
        let shrank = changes.filter { $0.change <= -threshold }.min { $0.change < $1.change }
        let period = "From \(firstDate) to \(lastDate)"
        switch (grew, shrank) {
        case let (grew?, shrank?): return "\(period), \(said(grew, "grew")) and \(said(shrank, "shrank"))."
        case let (grew?, nil): return "\(period), \(said(grew, "grew")); no segment shrank by \(Format.percent(threshold, 0)) or more."
        case let (nil, shrank?): return "\(period), \(said(shrank, "shrank")); no segment grew by \(Format.percent(threshold, 0)) or more."
        case (nil, nil): return "\(period), every segment stayed within \(Format.percent(threshold, 0)) of its size."
        }
    }

    /// The last step's flows: the share of users in both runs who stayed in their segment, and
    /// the largest move.
    static func flows(_ trends: TrendsSummary, fromDate: String, toDate: String) -> String {
        guard let flow = trends.flows.last, trends.points.count >= 2 else { return "" }
        func name(_ segment: Int, _ point: TrendsSummary.Point) -> String {
            point.segments.first { $0.segment == segment }?.name ?? "segment \(segment)"
        }
        let earlier = trends.points[trends.points.count - 2], later = trends.points[trends.points.count - 1]
        let stayed = flow.stayed.reduce(0, +), moved = flow.moved.reduce(0) { $0 + $1.users }
        var text = "Between \(fromDate) and \(toDate), "
        if stayed + moved > 0 {
            text += "\(Format.percent(Double(stayed) / Double(stayed + moved), 0)) of the users in both runs stayed in their segment"
        } else {
            text += "no user was in both runs"
        }
        if let move = flow.moved.first {
            text += "; the largest move: \(Format.plural(move.users, "user")) from \(move.from) “\(name(move.from, earlier))” "
                + "to \(move.to) “\(name(move.to, later))”"
        }
        if !flow.aligned { text += " (the later run is not aligned to the earlier: its segment numbers may not correspond)" }
        return text + "."
    }
}
