import Foundation
import WarehouseTables

/// `warehouse audience`: a segment's users as a file to act on (see `AudienceFormat`), nearest to
/// the centroid first. Read in one snapshot; the files written through `FileSet`: all or none,
/// each a temporary sibling put into place, the `OutputPath` rules before anything is read and
/// again before each file is placed. An existing file is refused unless `force`, and without it
/// no file is ever replaced, not even one that appears meanwhile; an empty audience is an error,
/// not an empty file. `--segment all`: one file per segment, named `run<R>-segment<S>.<ext>`,
/// inside the directory `out` (created when missing, only once every check has passed; beside
/// existing files; a missing `out` named like a file, `all.csv`, is refused). `filter` (`--age`, `--gender`, `--country`) is applied in the query that
/// reads the members; a filter that leaves a segment empty is refused, naming the filter.
public enum AudienceJob {
    public struct Configuration: Sendable {
        public var run: RunSelector = .latest
        public var segment: SegmentChoice
        public var format: AudienceFormat = .csv
        /// Only users at most this far from the centroid (PCA units); nil: all.
        public var maxDistance: Double?
        /// Only users whose membership probability is at least this (runs that have one); nil: all.
        public var minProbability: Double?
        /// Who may be in it (`--age`, `--gender`, `--country`); empty: everyone.
        public var filter = UserFilter()
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
        /// Data lines written (users; distinct people for the customer lists).
        public let users: Int
        /// Users left out of a customer list: `repeats` + `unmatchable`.
        public let skipped: Int
        /// Users left out of a customer list as a repeat of an earlier row (same normalised
        /// e-mail or phone, or name and address).
        public let repeats: Int
        /// Users left out of a customer list with nothing to match on (`CustomerList`).
        public let unmatchable: Int
    }

    public struct Summary: Sendable, Encodable {
        public let runID: Int64
        public let format: AudienceFormat
        @JSONNullable public var maxDistance: Double?
        /// The filter as its options, e.g. "--age 25-34 --country DE"; "" for none.
        public let filter: String
        public let files: [File]

        public func render() -> String {
            typealias F = Format
            let what = format == .csv ? "CSV of users" : "\(format.rawValue) customer list (each identifier normalised, SHA-256)"
            var lines = ["run \(runID): \(F.plural(files.count, "file")), \(what)"
                         + (maxDistance.map { ", within distance \(F.fixed($0, 3))" } ?? "")
                         + (filter.isEmpty ? "" : ", \(filter)") + ":"]
            // File names only in the table; the directory (or the one path) on its own line.
            let many = files.count > 1
            var table = TextTable([("segment", .right), ("name", .left), (format == .csv ? "users" : "people", .right)]
                                  + (many ? [("file", .left)] : []))
            for file in files {
                table.append([String(file.segment), F.printable(file.segmentName), F.count(file.users)]
                             + (many ? [F.printable(FilePath.name(of: file.path))] : []))
            }
            lines += table.lines(indent: "  ")
            if let first = files.first {
                lines.append(many ? "  into \(F.printable(FilePath.directory(of: first.path)))" : "  written to \(F.printable(first.path))")
            }
            let unmatchable = files.reduce(0) { $0 + $1.unmatchable }, repeats = files.reduce(0) { $0 + $1.repeats }
            if unmatchable > 0 { lines.append("\(F.plural(unmatchable, "user")) left out: without \(CustomerList.needs)") }
            if repeats > 0 { lines.append("\(F.plural(repeats, "user")) left out: the same person as an earlier row (e-mail, phone, or name and address)") }
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
                                                                       minProbability: configuration.minProbability,
                                                                       filter: configuration.filter, from: store)
            }
            return (record, chosen, members)
        }
        // Every check before the first file is written.
        var planned: [(path: String, segment: SegmentName, file: AudienceFile.Text)] = []
        for segment in chosen {
            let path = all ? configuration.out + "/run\(record.id)-segment\(segment.segment).\(extensionName(configuration.format))" : configuration.out
            // Files inside a directory not made yet are checked when it is (`FileSet`).
            if FileStatus.ifPresent(FilePath.directory(of: path), followLinks: true) != nil {
                try FileSet.check(path, replace: configuration.force, database: databasePath)
            }
            let rows = (members[segment.segment] ?? []).map {
                AudienceFile.Row(userID: $0.userID, contact: $0.contact, segment: $0.segment,
                                 segmentName: segment.name, distance: $0.distance, probability: $0.probability)
            }
            let file = AudienceFile.text(rows, format: configuration.format)
            if file.lines == 0 {
                if all && rows.isEmpty { continue }
                let what = "segment \(segment.segment) '\(Format.printable(segment.name))' of run \(record.id)"
                if rows.isEmpty {
                    throw WarehouseError.invalidArgument("\(what) has no users\(within(configuration)); nothing written to \(Format.printable(path))")
                }
                throw WarehouseError.invalidArgument(
                    "no user of \(what)\(within(configuration)) has \(CustomerList.needs) for a \(configuration.format.rawValue) list; "
                    + "\(CustomerList.remedy); nothing written to \(Format.printable(path))")
            }
            planned.append((path, segment, file))
        }
        if planned.isEmpty {
            throw WarehouseError.invalidArgument("no segment of run \(record.id) has users\(within(configuration)); nothing written")
        }
        // All files or none; without --force none replaces a file (not even one made meanwhile).
        _ = try FileSet.write(planned.map { FileSet.Entry(path: $0.path, text: $0.file.text) }, replace: configuration.force,
                              creating: all ? configuration.out : nil, sparing: databasePath)
        let files = planned.map {
            File(path: $0.path, segment: $0.segment.segment, segmentName: $0.segment.name, users: $0.file.lines, skipped: $0.file.skipped,
                 repeats: $0.file.repeats, unmatchable: $0.file.unmatchable)
        }
        return Summary(runID: record.id, format: configuration.format, maxDistance: configuration.maxDistance,
                       filter: configuration.filter.description, files: files)
    }

    /// The limits an empty audience is empty within, for its refusal: " within --max-distance 0.500
    /// with --age 25-34", or "".
    static func within(_ configuration: Configuration) -> String {
        (configuration.maxDistance.map { " within --max-distance \(Format.fixed($0, 3))" } ?? "")
            + (configuration.minProbability.map { " with probability ≥ \(Format.fixed($0, 3))" } ?? "")
            + (configuration.filter.isEmpty ? "" : " with \(configuration.filter)")
    }

    static func extensionName(_ format: AudienceFormat) -> String {
        format == .csv ? "csv" : "\(format.rawValue).csv"
    }

    /// The directory of `--segment all`: an existing directory, or a missing one whose parent
    /// exists (created only when the files are written, so a refused call leaves nothing).
    /// A missing path whose name ends in a file extension (`all.csv`, see `fileExtension`) is
    /// refused: it was meant as one file, and a directory of that name would surprise.
    static func checkDirectory(_ path: String, database: String?) throws {
        if let status = FileStatus.ifPresent(path, followLinks: false) {
            guard status.kind == .directory else {
                throw WarehouseError.unsafeOutput(path: path, reason: "--segment all writes one file per segment into a directory, and it is not one")
            }
            return
        }
        if let suffix = fileExtension(path) {
            throw WarehouseError.unsafeOutput(path: path, reason: "--segment all writes one file per segment into a directory, "
                                              + "and '.\(suffix)' names a file; give a directory such as 'lists/'")
        }
        let parent = FilePath.directory(of: path)
        guard let status = FileStatus.ifPresent(parent, followLinks: true), status.kind == .directory else {
            throw WarehouseError.unsafeOutput(path: path, reason: "its parent directory does not exist ('\(parent)')")
        }
    }

    /// The extension of the path's last name, when it has one: after its last dot, 1…8 letters or
    /// digits with at least one letter, the dot not first (`all.csv` → `csv`, `lists/` and
    /// `.hidden` and `v1.2` → nil).
    static func fileExtension(_ path: String) -> String? {
        guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let suffix = name[name.index(after: dot)...]
        guard (1...8).contains(suffix.count), suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              suffix.contains(where: \.isLetter) else { return nil }
        return String(suffix)
    }
}
