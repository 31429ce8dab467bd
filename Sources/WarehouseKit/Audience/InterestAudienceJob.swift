import Analysis
import WarehouseTables

/// `warehouse audience --interest SUBCATEGORY --size N`: the N users with the highest predicted
/// chance of at least one positive interaction with the subcategory in the horizon
/// (`PredictedChance`), whatever their segment; ties to the lower user id. Users without counts
/// (m = 0, chance 0) are never chosen, so an audience may be smaller than N.
///
/// One pass over every user in id chunks (`UserChunks`, `InterestChances`: memory holds one chunk
/// and the best N so far), scored in parallel blocks: the same file whatever the thread count. The
/// file is written as segment audiences are (`AudienceJob`): `OutputPath`'s rules checked before
/// anything is read, a temporary sibling put in place, no file replaced without `force`; the
/// hashed formats by the same function (`AudienceFile.hashedList`), in the order of the chance.
/// The CSV: `user_id,username,email,chance,predicted_share,segment,segment_name` (segment empty
/// for a user the run has not placed).
public enum InterestAudienceJob {
    public struct Configuration: Sendable {
        public var run: RunSelector = .latest
        public var interest: SubcategoryChoice
        public var size: Int
        public var format: AudienceFormat = .csv
        /// H, in seconds.
        public var horizonSeconds: Int64 = PredictedChance.defaultHorizonSeconds
        public var out: String
        public var force = false

        /// As `lookalike --size`.
        public static let sizeRange = 1...10_000_000

        public init(interest: SubcategoryChoice, size: Int, out: String) {
            self.interest = interest
            self.size = size
            self.out = out
        }

        public func validate() throws {
            try interest.validate()
            guard Self.sizeRange.contains(size) else {
                throw WarehouseError.invalidArgument("--size must be between 1 and \(Format.count(Self.sizeRange.upperBound)), got \(size)")
            }
            try PredictedChance.checkHorizon(horizonSeconds)
            if out.isEmpty { throw WarehouseError.invalidArgument("--out must not be empty") }
        }
    }

    public struct Summary: Sendable, Encodable {
        public let runID: Int64
        public let subcategoryID: Int
        public let subcategory: String
        public let category: String
        public let format: AudienceFormat
        /// H, e.g. "30d".
        public let horizon: String
        public let requested: Int
        /// Users chosen (fewer than requested when fewer have a chance above 0).
        public let chosen: Int
        /// Data lines written (distinct e-mails for the hashed formats).
        public let users: Int
        /// Chosen users left out of a hashed list: empty or repeated e-mail.
        public let skipped: Int
        /// The chance of the last (N-th) user chosen, the mean over the chosen, and their Σ: the
        /// expected number of them who interact with the subcategory in the horizon.
        @JSONNullable public var lastChance: Double?
        @JSONNullable public var meanChance: Double?
        public let expectedReach: Double
        /// Every user of the warehouse: how many were scored, how many have counts (chance > 0),
        /// and their mean chance (users without counts as 0).
        public let scoredUsers: Int
        public let candidates: Int
        public let populationMeanChance: Double
        /// How m was found (`PredictedChance`): window, interactions or assumed, over D days.
        public let coverage: String
        public let coveredDays: Double
        public let modelSource: String
        public let path: String

        public func render() -> String {
            typealias F = Format
            let what = format == .csv ? "CSV of users" : "\(format.rawValue) customer list (SHA-256 of trimmed, lower-cased e-mails)"
            var lines = F.wrapped(["run \(runID): the \(F.plural(chosen, "user")) most likely to engage with",
                                   "'\(F.printable(subcategory))' (\(F.printable(category))) in \(horizon), whatever their segment;",
                                   what], lead: "", separator: " ", indent: "  ")
            lines += F.wrapped(["chance \(F.percent(lastChance)) for the last one chosen", "mean \(F.percent(meanChance))",
                                "expected reach \(F.fixed(expectedReach, 1)) users (Σ chance)"], lead: "  ", separator: "; ", indent: "    ")
            var everyone = ["everyone: mean chance \(F.percent(populationMeanChance)) over \(F.plural(scoredUsers, "user"))",
                            "\(F.count(candidates)) with counts to go by"]
            if chosen < requested { everyone.append("fewer than the \(F.count(requested)) asked for") }
            lines += F.wrapped(everyone, lead: "  ", separator: "; ", indent: "    ")
            lines += F.wrapped(["chance = 1 − (1 − predicted share)^m",
                                PredictedChance.expectedText(coverage: coverage, coveredDays: coveredDays, horizon: horizon),
                                "model \(modelSource)"], lead: "  ", separator: "; ", indent: "    ")
            if format != .csv { lines.append("  \(F.count(users)) e-mails" + (skipped > 0 ? ", \(F.plural(skipped, "user")) left out: empty or repeated e-mail" : "")) }
            lines.append("  written to \(F.printable(path))")
            return lines.joined(separator: "\n")
        }
    }

    /// A user in the running top N.
    struct Candidate: Equatable {
        let chance: Double
        let share: Double
        let userID: Int64
    }

    public static func run(store: WarehouseStore, databasePath: String?, configuration: Configuration, threads: Int? = nil) throws -> Summary {
        try run(store: store, databasePath: databasePath, configuration: configuration, threads: threads, chunkUsers: UserChunks.size)
    }

    /// `run`, with chunks of `chunkUsers` users (tests make several).
    static func run(store: WarehouseStore, databasePath: String?, configuration: Configuration, threads: Int?, chunkUsers: Int) throws -> Summary {
        try configuration.validate()
        let threads = threads ?? Parallelism.activeProcessorCount
        try FileSet.check(configuration.out, replace: configuration.force, database: databasePath)
        let pass = try store.snapshot { () -> Pass in
            let record = try configuration.run.record(in: store)
            let scores = try InterestChances(store, predictions: try RunPredictions.load(store, record: record),
                                             interest: configuration.interest, horizonSeconds: configuration.horizonSeconds)
            var pass = Pass(scores: scores)
            try UserChunks.forEach(store, size: chunkUsers) { ids in
                let chunk = try scores.chunk(store, ids: ids, capacity: chunkUsers, threads: threads)
                var more: [Candidate] = []
                for (row, chance) in chunk.chances.enumerated() {
                    pass.sum += chance
                    if chance > 0 { more.append(Candidate(chance: chance, share: chunk.shares[row], userID: chunk.users.userIDs[row])) }
                }
                pass.scored += chunk.users.userCount
                pass.candidates += more.count
                pass.chosen = top(pass.chosen, more, count: configuration.size)
            }
            pass.contacts = try AssignmentsTable.contacts(of: pass.chosen.map(\.userID), run: record.id, k: record.k, from: store)
            pass.names = try SegmentNaming.names(run: record.id, k: record.k, store: store)
            return pass
        }
        let record = pass.scores.predictions.record, chosen = pass.chosen, subcategory = pass.scores.subcategory
        guard !chosen.isEmpty else {
            throw WarehouseError.invalidArgument("no user has counts to predict '\(Format.printable(subcategory.name))' from in run \(record.id) "
                                                 + "(every chance is 0); nothing written to \(Format.printable(configuration.out))")
        }
        let file = text(chosen, contacts: pass.contacts, names: pass.names, format: configuration.format)
        guard file.lines > 0 else {
            throw WarehouseError.invalidArgument("none of the \(Format.plural(chosen.count, "user")) chosen has an e-mail; "
                                                 + "nothing written to \(Format.printable(configuration.out))")
        }
        _ = try FileSet.write([FileSet.Entry(path: configuration.out, text: file.text)], replace: configuration.force, sparing: databasePath)
        let reach = chosen.reduce(0) { $0 + $1.chance }
        let chance = pass.scores.chance
        return Summary(runID: record.id, subcategoryID: subcategory.id, subcategory: subcategory.name, category: pass.scores.category,
                       format: configuration.format, horizon: TimeText.durationText(chance.horizonSeconds), requested: configuration.size,
                       chosen: chosen.count, users: file.lines, skipped: file.skipped, lastChance: chosen.last?.chance,
                       meanChance: reach / Double(chosen.count), expectedReach: reach, scoredUsers: pass.scored, candidates: pass.candidates,
                       populationMeanChance: pass.scored > 0 ? pass.sum / Double(pass.scored) : 0, coverage: chance.coverage.rawValue,
                       coveredDays: Double(chance.coveredSeconds) / 86_400,
                       modelSource: pass.scores.predictions.stored ? "stored with run \(record.id)" : "computed now", path: configuration.out)
    }

    /// What the pass over the users gathers.
    private struct Pass {
        let scores: InterestChances
        /// The best so far, in order.
        var chosen: [Candidate] = []
        var contacts: [AssignmentsTable.Contact] = []
        var names: [SegmentName] = []
        /// Users scored, those with a chance above 0, and the Σ of every chance.
        var scored = 0, candidates = 0
        var sum = 0.0
    }

    /// Whether `a` comes before `b`: the higher chance, then the lower user id (a total order:
    /// ids are unique, so the top N does not depend on the order users are met in).
    static func ranksBefore(_ a: Candidate, _ b: Candidate) -> Bool {
        a.chance != b.chance ? a.chance > b.chance : a.userID < b.userID
    }

    /// The best `count` of `kept` (already the best so far, in order) and `more`, in order.
    static func top(_ kept: [Candidate], _ more: [Candidate], count: Int) -> [Candidate] {
        Array((kept + more.sorted(by: ranksBefore).prefix(count)).sorted(by: ranksBefore).prefix(count))
    }

    /// The file's text: a CSV of the chosen, or a hashed list of their e-mails in the same order.
    static func text(_ chosen: [Candidate], contacts: [AssignmentsTable.Contact], names: [SegmentName],
                     format: AudienceFormat) -> (text: String, lines: Int, skipped: Int) {
        if let hashed = AudienceFile.hashedList(contacts.map { $0.email ?? "" }, format: format) { return hashed }
        let nameOf = Dictionary(names.map { ($0.segment, $0.name) }, uniquingKeysWith: { first, _ in first })
        var out = "user_id,username,email,chance,predicted_share,segment,segment_name\n"
        for (candidate, contact) in zip(chosen, contacts) {
            let segment = contact.segment.map { [String($0), AudienceFile.cell(nameOf[$0] ?? "")] } ?? ["", ""]
            out += ([String(candidate.userID), AudienceFile.cell(contact.username ?? ""), AudienceFile.cell(contact.email ?? ""),
                     String(candidate.chance), String(candidate.share)] + segment).joined(separator: ",") + "\n"
        }
        return (out, chosen.count, 0)
    }
}
