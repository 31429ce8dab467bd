/// What `warehouse export` wrote.
public struct ExportSummary: Sendable, Encodable {
    public struct File: Sendable, Encodable {
        public let name: String
        public let rows: Int
        public let bytes: Int
    }

    public let directory: String
    /// The run exported, nil for the default settings.
    public let runID: Int64?
    public let files: [File]
    public let featureNames: [String]
    public let seconds: Double

    public func render() -> String {
        var lines = ["exported \(runID.map { "run \($0)" } ?? "the default features (no run)") to \(directory) "
            + "in \(fixed(seconds, 1)) s:"]
        var table = TextTable([("file", .left), ("rows", .right), ("bytes", .right)])
        for file in files {
            table.append([file.name, TargetingFormat.count(file.rows), TargetingFormat.count(file.bytes)])
        }
        lines.append(contentsOf: table.lines(indent: "  "))
        lines.append("features: \(featureNames.joined(separator: ", ")) (standardised)")
        lines.append("next: scripts/spark-segmentation.sh \(directory) OUT, then warehouse import-run OUT")
        return lines.joined(separator: "\n")
    }

    public func json() throws -> String { try TargetingFormat.json(self) }
}
