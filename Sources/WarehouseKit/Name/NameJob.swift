import WarehouseTables

/// `warehouse name`: lists a run's segment names and descriptions, or renames one segment.
///
/// A new name is trimmed of surrounding whitespace and must be 1…80 characters, free of control
/// characters, and not another segment's name in the run (ignoring case). Renaming a segment of a
/// run made before names existed first stores the generated names of its other segments, so they
/// stay as they were shown.
public enum NameJob {
    /// A new name for one segment: `name` trimmed and checked (see `validated`).
    public struct Rename: Sendable {
        public let segment: SegmentChoice
        public let name: String

        /// - Throws: `WarehouseError.invalidArgument` for an empty, over-long or control-character name.
        public init(segment: SegmentChoice, name: String) throws {
            self.segment = segment
            self.name = try NameJob.validated(name)
        }
    }

    /// What `warehouse name` prints.
    public struct Summary: Sendable, Encodable {
        public let runID: Int64
        /// The renamed segment, when a segment was renamed.
        @JSONNullable public var renamed: Int?
        @JSONNullable public var previousName: String?
        public let segments: [SegmentName]

        public func render() -> String {
            typealias F = Format
            var lines: [String] = []
            if let renamed, let segment = segments.first(where: { $0.segment == renamed }) {
                lines.append("run \(runID), segment \(renamed): '\(F.printable(previousName ?? ""))' → '\(F.printable(segment.name))'")
            }
            for segment in segments {
                lines.append("segment \(segment.segment): \(F.printable(segment.name)) (\(segment.source))")
                lines += F.wrapped(segment.description.components(separatedBy: "; "), lead: "  ", separator: "; ", indent: "    ")
            }
            return lines.joined(separator: "\n")
        }
    }

    public static let maximumLength = SegmentNamesTable.maximumLength

    /// The checked new name (trimmed).
    /// - Throws: `WarehouseError.invalidArgument` for an empty, over-long or control-character name.
    static func validated(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw WarehouseError.invalidArgument("the segment name is empty") }
        if let bad = trimmed.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format || $0 == "\u{2028}" || $0 == "\u{2029}"
        }) {
            throw WarehouseError.invalidArgument(
                "the segment name '\(Format.printable(trimmed))' contains the control character U+\(String(bad.value, radix: 16, uppercase: true))")
        }
        let length = trimmed.unicodeScalars.count
        guard length <= maximumLength else {
            throw WarehouseError.invalidArgument(
                "the segment name '\(Format.printable(Format.scalarPrefix(trimmed, 30)))…' is \(length) characters, more than \(maximumLength)")
        }
        return trimmed
    }

    /// The names of run `run`'s segments, after renaming one when `rename` is given (in one write
    /// transaction; without it, in one read snapshot).
    public static func run(store: WarehouseStore, run: RunSelector, rename: Rename? = nil) throws -> Summary {
        if let rename { return try self.rename(store: store, run: run, segment: rename.segment, to: rename.name) }
        return try store.snapshot {
            let record = try run.record(in: store)
            return Summary(runID: record.id, renamed: nil, previousName: nil,
                           segments: try SegmentNaming.names(run: record.id, k: record.k, store: store))
        }
    }

    private static func rename(store: WarehouseStore, run: RunSelector, segment: SegmentChoice, to name: String) throws -> Summary {
        try store.write {
            let record = try run.record(in: store)
            let before = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            if case .all = segment { throw WarehouseError.invalidArgument("name one segment at a time, not 'all'") }
            guard let target = try segment.resolve(in: before, run: record.id).first else {
                throw WarehouseError.invalidArgument("run \(record.id) has no segment \(segment)")
            }
            if let clash = before.first(where: { $0.segment != target.segment && $0.name.lowercased() == name.lowercased() }) {
                throw WarehouseError.invalidArgument(
                    "segment \(clash.segment) of run \(record.id) is already named '\(Format.printable(clash.name))'")
            }
            try SegmentNaming.storeMissing(run: record.id, k: record.k, store: store)
            try SegmentNamesTable.rename(run: record.id, segment: target.segment, to: name, in: store)
            return Summary(runID: record.id, renamed: target.segment, previousName: target.name,
                           segments: try SegmentNaming.names(run: record.id, k: record.k, store: store))
        }
    }
}
