import WarehouseTables

/// `warehouse lookalike`: the `size` users outside a segment who are most like it, the way ad
/// platforms expand an audience: nearest to the segment's centroid (`segment_centroids`) in the
/// run's PCA space (`pca_scores`), Euclidean distance, ties by user id.
///
/// Only users with stored scores are candidates: those the run clustered. Users placed later by
/// `warehouse assign` have a segment but no stored coordinates; they are left out and counted
/// (`withoutScores`), so a lookalike never mixes coordinates of two origins.
public enum LookalikeJob {
    public struct Configuration: Sendable {
        public var run: RunSelector = .latest
        public var segment: SegmentChoice
        public var size: Int
        public var format: AudienceFormat = .csv
        public var out: String
        public var force = false

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
        /// Users written (fewer than requested when fewer outsiders exist; distinct e-mails for hashed lists).
        public let users: Int
        /// Users of the run outside the segment with stored scores: the candidates.
        public let candidates: Int
        /// Users with a segment but no stored scores (assigned later): not candidates.
        public let withoutScores: Int
        @JSONNullable public var nearest: Double?
        @JSONNullable public var farthest: Double?
        public let path: String
        /// The chosen users, nearest first.
        public let chosen: [Candidate]

        enum CodingKeys: String, CodingKey {
            case runID, segment, segmentName, format, requested, users, candidates, withoutScores, nearest, farthest, path
        }

        public func render() -> String {
            typealias F = Format
            var lines = F.wrapped(["run \(runID): \(F.plural(users, "user")) outside segment \(segment)",
                                   "'\(F.printable(segmentName))',", "nearest to its centroid"], lead: "", separator: " ", indent: "  ")
            lines.append("  written to \(F.printable(path))")
            lines += F.wrapped(["distance \(F.fixed(nearest, 3)) to \(F.fixed(farthest, 3)) (PCA units)",
                                "\(F.count(candidates)) candidates" + (users < requested ? ": fewer than the \(F.count(requested)) asked for" : ""),
                                withoutScores > 0 ? "\(F.plural(withoutScores, "user")) placed by `assign` have no stored scores and were not considered" : ""]
                               .filter { !$0.isEmpty }, lead: "  ", separator: "; ", indent: "    ")
            return lines.joined(separator: "\n")
        }
    }

    public static func run(store: WarehouseStore, databasePath: String?, configuration: Configuration) throws -> Summary {
        try configuration.validate()
        try FileSet.check(configuration.out, replace: configuration.force, database: databasePath)
        typealias Entry = (candidate: Candidate, username: String, email: String)
        let found = try store.snapshot { () -> (RunRecord, SegmentName, [SegmentName], [Entry], Int, Int) in
            let record = try configuration.run.record(in: store)
            let names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            guard let target = try configuration.segment.resolve(in: names, run: record.id).first else {
                throw WarehouseError.invalidArgument("run \(record.id) has no segment \(configuration.segment)")
            }
            let centroid = try RunModelTables.centroid(of: target.segment, in: record, store)
            var entries: [Entry] = []
            try AssignmentsTable.outsiders(run: record.id, k: record.k, segment: target.segment, components: record.components,
                                         from: store) { member, scores in
                var sum = 0.0
                for c in 0..<scores.count {
                    let d = scores[c] - centroid[c]
                    sum += d * d
                }
                entries.append((Candidate(userID: member.userID, segment: member.segment, distance: sum.squareRoot()),
                                member.username ?? "", member.email ?? ""))
            }
            let withoutScores = try AssignmentsTable.membersWithoutScores(run: record.id, from: store)
            return (record, target, names, entries, entries.count, withoutScores)
        }
        let (record, target, names, all, candidates, withoutScores) = found
        let chosen = nearest(all, count: configuration.size, distance: { $0.candidate.distance }, id: { $0.candidate.userID })
        guard !chosen.isEmpty else {
            throw WarehouseError.invalidArgument("run \(record.id) has no user outside segment \(target.segment) "
                                                 + "'\(Format.printable(target.name))' with stored scores; nothing written")
        }
        let nameOf = Dictionary(names.map { ($0.segment, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = chosen.map {
            AudienceFile.Row(userID: $0.candidate.userID, username: $0.username, email: $0.email, segment: $0.candidate.segment,
                             segmentName: nameOf[$0.candidate.segment] ?? "", distance: $0.candidate.distance)
        }
        let file = AudienceFile.text(rows, format: configuration.format,
                                     csvHeader: "user_id,username,email,own_segment,own_segment_name,distance_to_segment_\(target.segment)")
        _ = try FileSet.write([FileSet.Entry(path: configuration.out, text: file.text)], replace: configuration.force,
                              sparing: databasePath)
        return Summary(runID: record.id, segment: target.segment, segmentName: target.name, format: configuration.format,
                       requested: configuration.size, users: file.lines, candidates: candidates, withoutScores: withoutScores,
                       nearest: chosen.first?.candidate.distance, farthest: chosen.last?.candidate.distance, path: configuration.out,
                       chosen: chosen.map { $0.candidate })
    }

    /// The `count` elements with the smallest distance (ties: smallest id), in that order.
    static func nearest<T>(_ items: [T], count: Int, distance: (T) -> Double, id: (T) -> Int64) -> [T] {
        Array(items.sorted { distance($0) != distance($1) ? distance($0) < distance($1) : id($0) < id($1) }.prefix(count))
    }
}
