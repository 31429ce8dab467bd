import Foundation
import WarehouseTables

/// `warehouse audience`: a segment's users as a file to act on (see `AudienceFormat`), nearest to
/// the centroid first. Read in one snapshot; the files written through `FileSet`: all or none,
/// each a temporary sibling put into place, the `OutputPath` rules before anything is read and
/// again before each file is placed. An existing file is refused unless `force`, and without it
/// no file is ever replaced, not even one that appears meanwhile; an empty audience is an error,
/// not an empty file. `--segment all`: one file per segment, named `run<R>-segment<S>.<ext>`,
/// inside the directory `out` (created when missing, only once every check has passed; beside
/// existing files).
public enum AudienceJob {
    public struct Configuration: Sendable {
        public var run: RunSelector = .latest
        public var segment: SegmentChoice
        public var format: AudienceFormat = .csv
        /// Only users at most this far from the centroid (PCA units); nil: all.
        public var maxDistance: Double?
        /// Only users whose membership probability is at least this (runs that have one); nil: all.
        public var minProbability: Double?
        public var out: String
        public var force = false

        public init(segment: SegmentChoice, out: String) {
            self.segment = segment
            self.out = out
        }

        public func validate() throws {
            if let maxDistance, !(maxDistance.isFinite && maxDistance >= 0) {
                throw WarehouseError.invalidArgument("--max-distance must be a finite number ≥ 0, got \(maxDistance)")
            }
            if let minProbability, !(minProbability > 0 && minProbability <= 1) {
                throw WarehouseError.invalidArgument("--min-probability must be a number in (0, 1], got \(minProbability)")
            }
            if minProbability != nil && maxDistance != nil {
                throw WarehouseError.invalidArgument("give --min-probability or --max-distance, not both")
            }
            if out.isEmpty { throw WarehouseError.invalidArgument("--out must not be empty") }
        }
    }

    /// One file written.
    public struct File: Sendable, Encodable {
        public let path: String
        public let segment: Int
        public let segmentName: String
        /// Data lines written (users; distinct e-mails for the hashed formats).
        public let users: Int
        /// Users left out of a hashed list: empty or repeated normalised e-mail.
        public let skipped: Int
    }

    public struct Summary: Sendable, Encodable {
        public let runID: Int64
        public let format: AudienceFormat
        @JSONNullable public var maxDistance: Double?
        public let files: [File]

        public func render() -> String {
            typealias F = Format
            let what = format == .csv ? "CSV of users" : "\(format.rawValue) customer list (SHA-256 of trimmed, lower-cased e-mails)"
            var lines = ["run \(runID): \(F.plural(files.count, "file")), \(what)"
                         + (maxDistance.map { ", within distance \(F.fixed($0, 3))" } ?? "") + ":"]
            // File names only in the table; the directory (or the one path) on its own line.
            let many = files.count > 1
            var table = TextTable([("segment", .right), ("name", .left), (format == .csv ? "users" : "e-mails", .right)]
                                  + (many ? [("file", .left)] : []))
            for file in files {
                table.append([String(file.segment), F.printable(file.segmentName), F.count(file.users)]
                             + (many ? [F.printable(FilePath.name(of: file.path))] : []))
            }
            lines += table.lines(indent: "  ")
            if let first = files.first {
                lines.append(many ? "  into \(F.printable(FilePath.directory(of: first.path)))" : "  written to \(F.printable(first.path))")
            }
            let skipped = files.reduce(0) { $0 + $1.skipped }
            if skipped > 0 { lines.append("\(F.plural(skipped, "user")) left out: empty or repeated e-mail") }
            return lines.joined(separator: "\n")
        }
    }

    public static func run(store: WarehouseStore, databasePath: String?, configuration: Configuration) throws -> Summary {
        try configuration.validate()
        let all = configuration.segment == .all
        if all { try checkDirectory(configuration.out, database: databasePath) }
        let (record, chosen, members) = try store.snapshot { () -> (RunRecord, [SegmentName], [Int: [AssignmentsTable.Member]]) in
            let record = try configuration.run.record(in: store)
            let names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            let chosen = try configuration.segment.resolve(in: names, run: record.id)
            if configuration.minProbability != nil, try !AssignmentsTable.hasProbabilities(run: record.id, from: store) {
                throw WarehouseError.invalidArgument(
                    "run \(record.id) has no membership probabilities (a k-means run); use --max-distance, or a latent-class run")
            }
            var members: [Int: [AssignmentsTable.Member]] = [:]
            for segment in chosen {
                members[segment.segment] = try AssignmentsTable.members(run: record.id, k: record.k, segment: segment.segment,
                                                                       maxDistance: configuration.maxDistance,
                                                                       minProbability: configuration.minProbability, from: store)
            }
            return (record, chosen, members)
        }
        // Every check before the first file is written.
        var planned: [(path: String, segment: SegmentName, text: String, lines: Int, skipped: Int)] = []
        for segment in chosen {
            let path = all ? configuration.out + "/run\(record.id)-segment\(segment.segment).\(extensionName(configuration.format))" : configuration.out
            // Files inside a directory not made yet are checked when it is (`FileSet`).
            if FileStatus.ifPresent(FilePath.directory(of: path), followLinks: true) != nil {
                try FileSet.check(path, replace: configuration.force, database: databasePath)
            }
            let rows = (members[segment.segment] ?? []).map {
                AudienceFile.Row(userID: $0.userID, username: $0.username ?? "", email: $0.email ?? "", segment: $0.segment,
                                 segmentName: segment.name, distance: $0.distance, probability: $0.probability)
            }
            let file = AudienceFile.text(rows, format: configuration.format)
            if file.lines == 0 {
                if all && rows.isEmpty { continue }
                let within = (configuration.maxDistance.map { " within --max-distance \(Format.fixed($0, 3))" } ?? "")
                    + (configuration.minProbability.map { " with probability ≥ \(Format.fixed($0, 3))" } ?? "")
                throw WarehouseError.invalidArgument(
                    "segment \(segment.segment) '\(Format.printable(segment.name))' of run \(record.id) has no users\(within)"
                    + (rows.isEmpty ? "" : " with an e-mail") + "; nothing written to \(Format.printable(path))")
            }
            planned.append((path, segment, file.text, file.lines, file.skipped))
        }
        if planned.isEmpty {
            throw WarehouseError.invalidArgument("no segment of run \(record.id) has users"
                + (configuration.maxDistance.map { " within --max-distance \(Format.fixed($0, 3))" } ?? "") + "; nothing written")
        }
        // All files or none; without --force none replaces a file (not even one made meanwhile).
        _ = try FileSet.write(planned.map { FileSet.Entry(path: $0.path, text: $0.text) }, replace: configuration.force,
                              creating: all ? configuration.out : nil, sparing: databasePath)
        let files = planned.map {
            File(path: $0.path, segment: $0.segment.segment, segmentName: $0.segment.name, users: $0.lines, skipped: $0.skipped)
        }
        return Summary(runID: record.id, format: configuration.format, maxDistance: configuration.maxDistance, files: files)
    }

    static func extensionName(_ format: AudienceFormat) -> String {
        format == .csv ? "csv" : "\(format.rawValue).csv"
    }

    /// The directory of `--segment all`: an existing directory, or a missing one whose parent
    /// exists (created only when the files are written, so a refused call leaves nothing).
    static func checkDirectory(_ path: String, database: String?) throws {
        if let status = FileStatus.ifPresent(path, followLinks: false) {
            guard status.kind == .directory else {
                throw WarehouseError.unsafeOutput(path: path, reason: "--segment all writes one file per segment into a directory, and it is not one")
            }
            return
        }
        let parent = FilePath.directory(of: path)
        guard let status = FileStatus.ifPresent(parent, followLinks: true), status.kind == .directory else {
            throw WarehouseError.unsafeOutput(path: path, reason: "its parent directory does not exist ('\(parent)')")
        }
    }
}
