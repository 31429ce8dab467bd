/// What `warehouse report` prints about the page it wrote: text (`render()`) or JSON (`json()`).
public struct ReportSummary: Sendable, Encodable {
    /// The HTML file written.
    public let path: String
    public let bytes: Int
    public let charts: Int
    /// The run shown; `null` when the warehouse has no run yet.
    @JSONNullable public private(set) var runID: Int64?
    /// Users in the warehouse when it was read.
    public let users: Int
    public let seconds: Double
    /// The run's segment names and descriptions.
    public var segments: [SegmentName] = []
    /// The user filter as its options (`--age 25-34 --gender female`); null: every user.
    @JSONNullable public var filter: String? = nil

    public init(path: String, bytes: Int, charts: Int, runID: Int64?, users: Int, seconds: Double, segments: [SegmentName] = []) {
        self.segments = segments
        self.path = path
        self.bytes = bytes
        self.charts = charts
        self.runID = runID
        self.users = users
        self.seconds = seconds
    }

    public func json() throws -> String { try Format.json(self) }

    /// "wrote report.html (1.2 MB, 9 charts, run #2) in 0.8 s".
    public func render() -> String {
        typealias F = Format
        let runText = runID.map { "run #\($0)" } ?? "no run yet"
        return "wrote \(path) (\(F.bytes(bytes)), \(F.plural(charts, "chart")), \(runText)"
            + (filter.map { ", users passing \(F.printable($0))" } ?? "") + ") in \(F.seconds(seconds))"
    }
}
