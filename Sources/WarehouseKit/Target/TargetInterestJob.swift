import Analysis
import WarehouseTables

/// `warehouse target --interest SUBCATEGORY`: which of a run's segments to buy for an interest.
/// For each segment: its members, their mean predicted chance of at least one positive
/// interaction with the subcategory in the horizon (`PredictedChance`), the expected reach (Σ of
/// the members' chances: how many of them are expected to engage) and the warehouse's one lift
/// (`Lift`: how many times as likely as everyone its members are to engage with the interest, on
/// the interactions the run counts, shrunk by 100 users; the number `target`, `name`, the report
/// and `segment_profiles.lift` give). Segments are listed by expected reach (ties: the lower
/// segment number), each with its lift and its rank by lift.
///
/// Members are the users with a segment in the run (fitted or assigned) still in `users`, as the
/// profile counts them. One pass over the users in id chunks (`UserChunks`, `InterestChances`),
/// each chunk's members matched by one ranged scan of `segment_assignments`; sums are added in
/// user order, so the result does not depend on the thread count. Read-only: nothing is stored.
/// With a user filter, members are those it passes (chosen in SQL with the scan), and c̄ is their
/// mean: a segment is compared with the run's filtered members; no filtered member is refused.
public enum TargetInterestJob {
    public static func run(store: WarehouseStore, options: TargetOptions, threads: Int? = nil) throws -> TargetInterestSummary {
        try run(store: store, options: options, threads: threads, chunkUsers: UserChunks.size)
    }

    /// `run`, with chunks of `chunkUsers` users (tests make several).
    static func run(store: WarehouseStore, options: TargetOptions, threads: Int?, chunkUsers: Int) throws -> TargetInterestSummary {
        try options.validate()
        guard let interest = options.interest else { throw WarehouseError.invalidArgument("target ranks segments for an interest only with --interest") }
        let threads = threads ?? Parallelism.activeProcessorCount
        return try store.snapshot {
            let record = try options.run.record(in: store)
            let scores = try InterestChances(store, predictions: try RunPredictions.load(store, record: record), interest: interest,
                                             horizonSeconds: options.horizon)
            var members = [Int](repeating: 0, count: record.k), engaged = members, reach = [Double](repeating: 0, count: record.k)
            try UserChunks.forEach(store, size: chunkUsers) { ids in
                let chunk = try scores.chunk(store, ids: ids, capacity: chunkUsers, threads: threads)
                let placed = try RunMembers.read(run: record.id, k: record.k, userIDs: chunk.users.userIDs, ids: ids,
                                                 filter: options.filter, from: store)
                let s = chunk.users.subcategories.count
                for member in 0..<placed.count {
                    let segment = Int(placed.segments[member]) - 1, row = Int(placed.rows[member])
                    members[segment] += 1
                    if chunk.users.subcategoryLikes[row * s + scores.column] > 0 { engaged[segment] += 1 }
                    reach[segment] += chunk.chances[row]
                }
            }
            try options.checkNotEmpty(members: members, run: record.id)
            let names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            var summary = TargetInterestSummary(record: record, scores: scores, members: members, engaged: engaged,
                                                reach: reach, names: names)
            summary.filter = options.filter.isEmpty ? nil : options.filter.description
            return summary
        }
    }
}

/// What `warehouse target --interest` prints: the run's segments for one interest, by expected
/// reach, with lift. Text (`render()`) or JSON.
public struct TargetInterestSummary: Sendable, Encodable {
    public struct Segment: Sendable, Encodable {
        /// By expected reach, 1 first.
        public let rank: Int
        public let segment: Int
        public let name: String
        public let users: Int
        /// The members' mean chance; null for an empty segment.
        @JSONNullable public var meanChance: Double?
        /// Σ of the members' chances.
        public let expectedReach: Double
        /// Members who engage with the interest in what the run counts (the lift's support).
        public let engagedUsers: Int
        /// The lift with shrinkage (`Lift.shrunk`) and without (`raw`); null when undefined.
        @JSONNullable public var lift: Double?
        @JSONNullable public var rawLift: Double?
        /// The segment's place when the segments are ordered by `lift` (ties: lower segment number).
        public let liftRank: Int
    }

    public let runID: Int64
    public let subcategoryID: Int
    public let subcategory: String
    public let category: String
    /// H, e.g. "30d".
    public let horizon: String
    /// How m was found (`PredictedChance`): window, interactions or assumed, over D days.
    public let coverage: String
    public let coveredDays: Double
    /// m of the shrinkage, in users.
    public let priorUsers: Double
    /// Members of every segment, their mean chance (c̄) and Σ chance.
    public let populationUsers: Int
    public let populationMeanChance: Double
    public let expectedReach: Double
    public let modelSource: String
    /// The user filter as its options (`--age 25-34 --gender female`); null: every member.
    @JSONNullable public var filter: String? = nil
    public let segments: [Segment]

    init(record: RunRecord, scores: InterestChances, members: [Int], engaged: [Int], reach: [Double], names: [SegmentName]) {
        let population = members.reduce(0, +), total = reach.reduce(0, +)
        let mean = population > 0 ? total / Double(population) : 0
        let everyone = population > 0 ? Double(engaged.reduce(0, +)) / Double(population) : 0
        let nameOf = Dictionary(names.map { ($0.segment, $0.name) }, uniquingKeysWith: { first, _ in first })
        let lifts = members.indices.map { Lift.shrunk(engaged: Double(engaged[$0]), members: members[$0], everyone: everyone) }
        // By lift, highest first; an undefined lift (no chance anywhere) last; then the lower segment.
        let byLift = members.indices.sorted { a, b in
            let (x, y) = (lifts[a] ?? -.infinity, lifts[b] ?? -.infinity)
            return x != y ? x > y : a < b
        }
        var liftRank = [Int](repeating: 0, count: members.count)
        for (place, segment) in byLift.enumerated() { liftRank[segment] = place + 1 }
        let byReach = members.indices.sorted { reach[$0] != reach[$1] ? reach[$0] > reach[$1] : $0 < $1 }
        runID = record.id
        subcategoryID = scores.subcategory.id
        subcategory = scores.subcategory.name
        category = scores.category
        horizon = TimeText.durationText(scores.chance.horizonSeconds)
        coverage = scores.chance.coverage.rawValue
        coveredDays = Double(scores.chance.coveredSeconds) / 86_400
        priorUsers = Lift.priorUsers
        populationUsers = population
        populationMeanChance = mean
        expectedReach = total
        modelSource = scores.predictions.stored ? "stored with run \(record.id)" : "computed now"
        segments = byReach.enumerated().map { place, s in
            Segment(rank: place + 1, segment: s + 1, name: nameOf[s + 1] ?? "", users: members[s],
                    meanChance: members[s] > 0 ? reach[s] / Double(members[s]) : nil, expectedReach: reach[s], engagedUsers: engaged[s],
                    lift: lifts[s], rawLift: Lift.raw(engaged: Double(engaged[s]), members: members[s], everyone: everyone),
                    liftRank: liftRank[s])
        }
    }

    public func json() throws -> String { try Format.json(self) }

    public func render() -> String {
        typealias F = Format
        var lines = F.wrapped(["run \(runID): \(F.plural(segments.count, "segment")) for '\(F.printable(subcategory))'",
                               "(\(F.printable(category))), by expected reach in \(horizon)"], lead: "", separator: " ", indent: "  ")
        let m = F.fixed(priorUsers, 0)
        lines += F.wrapped([
            "chance: of at least one positive interaction in \(horizon), 1 − (1 − predicted share)^m",
            PredictedChance.expectedText(coverage: coverage, coveredDays: coveredDays, horizon: horizon),
            "expected reach = Σ of the members' chances",
            "c̄ = \(F.percent(populationMeanChance)), the mean chance of the run's \(F.plural(populationUsers, "member"))"
                + (filter.map { " passing \(F.printable($0))" } ?? ""),
            "lift: how many times as likely as everyone its members are to engage with it now",
            "((engaged + \(m) × p) ÷ (users + \(m))) ÷ p, p everyone's share engaged", "shrunk by \(m) users so a small segment cannot top it by luck",
            "the same lift as `target`, `name` and the report", "raw lift: without the prior", "model \(modelSource)",
        ], lead: "  ", separator: "; ", indent: "    ")
        var table = TextTable([("#", .right), ("segment", .right), ("name", .left), ("users", .right), ("mean chance", .right),
                               ("expected reach", .right), ("engaged", .right), ("lift", .right), ("by lift", .right), ("raw lift", .right)])
        for row in segments {
            table.append([String(row.rank), String(row.segment), F.printable(row.name), F.count(row.users), F.percent(row.meanChance),
                          F.fixed(row.expectedReach, 1), F.count(row.engagedUsers), F.fixed(row.lift, 2), "#\(row.liftRank)", F.fixed(row.rawLift, 2)])
        }
        lines += table.lines(indent: "  ")
        return lines.joined(separator: "\n")
    }
}
