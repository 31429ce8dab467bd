import WarehouseTables

/// `warehouse lookalike`: the `size` users outside a segment who are most like it, the way ad
/// platforms expand an audience: nearest to the segment's centroid (`segment_centroids`) in the
/// run's PCA space (`pca_scores`), Euclidean distance, ties by user id.
///
/// Only users with stored scores are candidates: those the run clustered. Users placed later by
/// `warehouse assign` have a segment but no stored coordinates; they are left out and counted
/// (`withoutScores`), so a lookalike never mixes coordinates of two origins.
///
/// A user filter (`--age`, `--gender`, `--country`) restricts the candidates, in SQL with the
/// read; the seed segment and its centroid stay as the run fitted them (unfiltered). A filter that
/// leaves no candidate is refused in one line, and nothing is written.
public enum LookalikeJob {
    public struct Configuration: Sendable {
        public var run: RunSelector = .latest
        public var segment: SegmentChoice
        public var size: Int
        public var format: AudienceFormat = .csv
        public var out: String
        public var force = false
        /// Only candidates this passes; empty: every user outside the segment.
        public var filter = UserFilter()

        public static let sizeRange = 1...10_000_000

        public init(segment: SegmentChoice, size: Int, out: String) {
            self.segment = segment
            self.size = size
            self.out = out
        }

        public func validate() throws {
            guard Self.sizeRange.contains(size) else {
                throw WarehouseError.invalidArgument("--size must be between 1 and \(Format.count(Self.sizeRange.upperBound)), got \(size)")
            }
            if segment == .all { throw WarehouseError.invalidArgument("a lookalike is of one segment, not 'all'") }
            if out.isEmpty { throw WarehouseError.invalidArgument("--out must not be empty") }
        }
    }

    /// One user of the lookalike audience.
    public struct Candidate: Sendable, Encodable, Equatable {
        public let userID: Int64
        /// The user's own segment.
        public let segment: Int
        /// Distance to the target segment's centroid (PCA units).
        public let distance: Double
    }

    public struct Summary: Sendable, Encodable {
        public let runID: Int64
        public let segment: Int
        public let segmentName: String
        public let format: AudienceFormat
        public let requested: Int
        /// Users written (fewer than requested when fewer outsiders exist; distinct people for customer lists).
        public let users: Int
        /// Users of the run outside the segment with stored scores: the candidates.
        public let candidates: Int
        /// Users with a segment but no stored scores (assigned later): not candidates.
        public let withoutScores: Int
        @JSONNullable public var nearest: Double?
        @JSONNullable public var farthest: Double?
        /// The user filter on the candidates as its options (`--age 25-34 --gender female`); null: none.
        @JSONNullable public var filter: String?
        public let path: String
        /// The chosen users, nearest first.
        public let chosen: [Candidate]

        enum CodingKeys: String, CodingKey {
            case runID, segment, segmentName, format, requested, users, candidates, withoutScores, nearest, farthest, filter, path
        }

        public func render() -> String {
            typealias F = Format
            var lines = F.wrapped(["run \(runID): \(F.plural(users, "user")) outside segment \(segment)",
                                   "'\(F.printable(segmentName))',", "nearest to its centroid"], lead: "", separator: " ", indent: "  ")
            lines.append("  written to \(F.printable(path))")
            lines += F.wrapped(["distance \(F.fixed(nearest, 3)) to \(F.fixed(farthest, 3)) (PCA units)",
                                "\(F.count(candidates)) candidates" + (filter.map { " passing \(F.printable($0))" } ?? "")
                                    + (users < requested ? ": fewer than the \(F.count(requested)) asked for" : ""),
                                withoutScores > 0 ? "\(F.plural(withoutScores, "user")) placed by `assign` have no stored scores and were not considered" : ""]
                               .filter { !$0.isEmpty }, lead: "  ", separator: "; ", indent: "    ")
            return lines.joined(separator: "\n")
        }
    }

    public static func run(store: WarehouseStore, databasePath: String?, configuration: Configuration) throws -> Summary {
        try configuration.validate()
        try FileSet.check(configuration.out, replace: configuration.force, database: databasePath)
        typealias Entry = (candidate: Candidate, contact: UserContact)
        let found = try store.snapshot { () -> (RunRecord, SegmentName, [SegmentName], [Entry], Int, Int) in
            let record = try configuration.run.record(in: store)
            let names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            guard let target = try configuration.segment.resolve(in: names, run: record.id).first else {
                throw WarehouseError.invalidArgument("run \(record.id) has no segment \(configuration.segment)")
            }
            let centroid = try RunModelTables.centroid(of: target.segment, in: record, store)
            var entries: [Entry] = []
            try AssignmentsTable.outsiders(run: record.id, k: record.k, segment: target.segment, components: record.components,
                                           filter: configuration.filter, from: store) { member, scores in
                var sum = 0.0
                for c in 0..<scores.count {
                    let d = scores[c] - centroid[c]
                    sum += d * d
                }
                entries.append((Candidate(userID: member.userID, segment: member.segment, distance: sum.squareRoot()), member.contact))
            }
            let withoutScores = try AssignmentsTable.membersWithoutScores(run: record.id, filter: configuration.filter, from: store)
            return (record, target, names, entries, entries.count, withoutScores)
        }
        let (record, target, names, all, candidates, withoutScores) = found
        let chosen = nearest(all, count: configuration.size, distance: { $0.candidate.distance }, id: { $0.candidate.userID })
        guard !chosen.isEmpty else {
            if !configuration.filter.isEmpty {
                throw WarehouseError.invalidArgument("no user outside segment \(target.segment) '\(Format.printable(target.name))' of run "
                                                     + "\(record.id) with stored scores passes \(configuration.filter); nothing written")
            }
            throw WarehouseError.invalidArgument("run \(record.id) has no user outside segment \(target.segment) "
                                                 + "'\(Format.printable(target.name))' with stored scores; nothing written")
        }
        let nameOf = Dictionary(names.map { ($0.segment, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = chosen.map {
            AudienceFile.Row(userID: $0.candidate.userID, contact: $0.contact, segment: $0.candidate.segment,
                             segmentName: nameOf[$0.candidate.segment] ?? "", distance: $0.candidate.distance)
        }
        let file = AudienceFile.text(rows, format: configuration.format,
                                     csvHeader: "user_id,username,email,own_segment,own_segment_name,distance_to_segment_\(target.segment)")
        guard file.lines > 0 else {
            throw WarehouseError.invalidArgument("none of the \(Format.plural(chosen.count, "user")) nearest to segment \(target.segment) has "
                                                 + "\(CustomerList.needs) for a \(configuration.format.rawValue) list; \(CustomerList.remedy); "
                                                 + "nothing written to \(Format.printable(configuration.out))")
        }
        _ = try FileSet.write([FileSet.Entry(path: configuration.out, text: file.text)], replace: configuration.force,
                              sparing: databasePath)
        return Summary(runID: record.id, segment: target.segment, segmentName: target.name, format: configuration.format,
                       requested: configuration.size, users: file.lines, candidates: candidates, withoutScores: withoutScores,
                       nearest: chosen.first?.candidate.distance, farthest: chosen.last?.candidate.distance,
                       filter: configuration.filter.isEmpty ? nil : configuration.filter.description, path: configuration.out,
                       chosen: chosen.map { $0.candidate })
    }

    /// The `count` elements with the smallest distance (ties: smallest id), in that order.
    static func nearest<T>(_ items: [T], count: Int, distance: (T) -> Double, id: (T) -> Int64) -> [T] {
        Array(items.sorted { distance($0) != distance($1) ? distance($0) < distance($1) : id($0) < id($1) }.prefix(count))
    }
}
