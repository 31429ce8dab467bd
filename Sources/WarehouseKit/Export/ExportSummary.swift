/// What `warehouse export` wrote.
public struct ExportSummary: Sendable, Encodable {
    public struct File: Sendable, Encodable {
        public let name: String
        public let rows: Int
        public let bytes: Int
    }

    public let directory: String
    /// The run exported, nil for the default settings.
    @JSONNullable public private(set) var runID: Int64?
    public let files: [File]
    public let featureNames: [String]
    public let seconds: Double

    /// - Parameter database: the `--db` the command was given, repeated in the "next:" hint.
    public func render(database: String? = nil) -> String {
        typealias F = Format
        var lines = F.wrapped(["exported \(runID.map { "run \($0)" } ?? "the default features (no run)")", "to \(directory)",
                               "in \(F.seconds(seconds)):"], lead: "", separator: " ", indent: "  ")
        var table = TextTable([("file", .left), ("rows", .right), ("bytes", .right)])
        for file in files {
            table.append([file.name, F.count(file.rows), F.count(file.bytes)])
        }
        lines.append(contentsOf: table.lines(indent: "  "))
        lines += F.wrapped(featureNames, lead: "features (standardised): ", separator: ", ", indent: "  ")
        let quoted = F.shellQuoted(directory)
        lines += F.wrapped(["next: scripts/spark-segmentation.sh \(quoted) OUT,", "then warehouse import-run\(F.databaseArgument(database)) OUT"],
                           lead: "", separator: " ", indent: "  ")
        return lines.joined(separator: "\n")
    }

    public func json() throws -> String { try Format.json(self) }
}
