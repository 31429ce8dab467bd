/// What `warehouse trends` prints: text (`render()`) or JSON (`json()`), the same facts.
public struct TrendsSummary: Sendable, Encodable {
    public struct Size: Sendable, Encodable {
        public let segment: Int
        public let name: String
        public let users: Int
    }

    /// One run: its moment and its segments' sizes.
    public struct Point: Sendable, Encodable {
        public let run: Int64
        /// The run's as-of moment, ISO 8601 (UTC).
        public let asOf: String
        public let window: String
        public let segments: [Size]
        @JSONNullable public private(set) var alignedTo: Int64?
    }

    public struct Move: Sendable, Encodable {
        public let from: Int
        public let to: Int
        public let users: Int
    }

    /// Between two consecutive runs.
    public struct Flow: Sendable, Encodable {
        public let fromRun: Int64
        public let toRun: Int64
        /// Whether the later run's segment numbers follow the earlier's (`--align-to`).
        public let aligned: Bool
        /// Per segment number: users in it at both moments.
        public let stayed: [Int]
        /// Users who changed segment, most first.
        public let moved: [Move]
        /// Per segment of the later run: users segmented only at the later moment.
        public let entered: [Int]
        /// Per segment of the earlier run: users segmented only at the earlier moment.
        public let left: [Int]
    }

    public let points: [Point]
    public let flows: [Flow]

    public func json() throws -> String { try Format.json(self) }

    /// Sizes per segment (rows) and moment (columns) with the change since the moment before,
    /// then each step's flows (at most the 8 largest moves).
    public func render() -> String {
        typealias F = Format
        var lines: [String] = []
        let k = points.map(\.segments.count).max() ?? 0
        var columns: [(String, TextTable.Alignment)] = [("segment", .right), ("name", .left)]
        for point in points { columns.append(("run \(point.run) · \(String(point.asOf.prefix(10)))", .right)) }
        var table = TextTable(columns, cut: ["name"])
        for segment in 1...max(1, k) {
            var row = [String(segment), F.printable(points.last?.segments.first { $0.segment == segment }?.name ?? "")]
            var before: Int?
            for point in points {
                let users = point.segments.first { $0.segment == segment }?.users
                var cell = users.map { F.count($0) } ?? F.absent
                if let users, let before {
                    let change = users - before
                    cell += change == 0 ? " (=)" : " (\(change > 0 ? "+" : "−")\(F.count(abs(change))))"
                }
                before = users
                row.append(cell)
            }
            table.append(row)
        }
        lines.append("segment sizes over time (users; change since the run before):")
        lines += table.lines(indent: "  ")
        for flow in flows {
            lines.append("run \(flow.fromRun) → run \(flow.toRun):" + (flow.aligned ? "" : " (run \(flow.toRun) is not aligned to run \(flow.fromRun): segment numbers may not correspond; use --align-to)"))
            let stayed = flow.stayed.reduce(0, +), moved = flow.moved.reduce(0) { $0 + $1.users }
            lines.append("  stayed \(F.count(stayed)), moved \(F.count(moved)), entered \(F.count(flow.entered.reduce(0, +))), left \(F.count(flow.left.reduce(0, +)))")
            for move in flow.moved.prefix(8) {
                lines.append("  \(F.count(move.users)) moved from segment \(move.from) to \(move.to)")
            }
            if flow.moved.count > 8 { lines.append("  … \(flow.moved.count - 8) smaller moves (see --json)") }
        }
        return lines.joined(separator: "\n")
    }
}
