import Analysis
import WarehouseTables

/// `warehouse recommend --all --out FILE`: every user's top suggestions in one pass, as CSV
/// `user_id,rank,subcategory_id,subcategory,score,basis` (score: the predicted share of the
/// user's next likes; basis: `history` for users with counts, `prior` for users without, who get
/// their age group's prior). The same ranking and the same rule as `recommend --user`
/// (`RecommendJob`): only interests new to the user (`AlreadyEngaged`) unless `includeLiked`;
/// ties to the age group's prior, then the lower id.
///
/// Every user is read at once through the run's window, each half on its own connection, as
/// `run-segmentation` reads them (chunks read one after the other on one connection took 1.8× a
/// run's time at a million users), scored in parallel blocks (each user's scores depend on
/// nothing else: the file is the same whatever the thread count), and the file is streamed as it
/// is scored (`FileSet.writeStreamed`: a temporary sibling put in place, `OutputPath`'s rules
/// checked before anything is read). Memory: the users' counts (for a windowed run also their
/// all-time likes, and their undecayed counts up to its as-of when it has a half-life or a window
/// length: a second read of the interactions only for a window length) and one batch of lines.
///
/// A user filter (`--age`, `--gender`, `--country`) chooses who gets rows: the ids it passes are
/// read in SQL (`UsersTable.ids(passing:)`) and only those users are scored. Every user is still
/// read, because the read is the one `run-segmentation` uses (everyone at once, in halves on two
/// connections); a filter that passes nobody is refused in one line and no file is written.
public enum RecommendAllJob {
    public struct Summary: Sendable, Encodable {
        public let runID: Int64
        public let path: String
        public let users: Int
        /// Users without counts, who got their age group's prior.
        public let usersOnPrior: Int
        public let rows: Int
        public let bytes: Int
        public let modelSource: String
        /// The user filter as its options (`--age 25-34 --gender female`); null: every user.
        @JSONNullable public var filter: String? = nil

        public func render() -> String {
            "run \(runID): suggestions for \(Format.plural(users, "user"))" + (filter.map { " passing \(Format.printable($0))" } ?? "")
                + " (\(Format.count(usersOnPrior)) with no likes to go by got their "
                + "age group's prior), \(Format.count(rows)) rows, \(Format.bytes(bytes)), model \(modelSource)\n"
                + "  written to \(Format.printable(path))"
        }
    }

    public static func run(store: WarehouseStore, options: RecommendOptions, threads: Int? = nil) throws -> Summary {
        try options.validate()
        let threads = threads ?? Parallelism.activeProcessorCount
        guard options.all, let out = options.out else { throw WarehouseError.invalidArgument("--all needs --out FILE") }
        try FileSet.check(out, replace: options.force, database: store.path)
        let read = try store.snapshot { () -> Scoring in
            let record = try options.run.record(in: store)
            let predictions = try RunPredictions.load(store, record: record)
            // Every user at once, each half of them on its own connection (as run-segmentation reads).
            // For a run with a half-life and no window length that counts more than likes, the same
            // pass also sums without decay (what the user engaged with, `AlreadyEngaged`).
            let data = try predictions.interest.map {
                try WarehouseData.readWindowInTransaction(store, window: $0.window, threads: threads,
                                                          parallelFrom: WarehouseData.parallelReadThreshold,
                                                          undecayed: AlreadyEngaged.isInTheRunsRead($0.window)
                                                              && !AlreadyEngaged.isInTheLikes($0.window))
            } ?? WarehouseData.readInTransaction(store, threads: threads)
            // Already liked: all-time likes (the run's counts are a window's when it has one),
            // and what the run counts up to its as-of (`AlreadyEngaged`).
            var liked = data.subcategoryLikes
            if let interest = predictions.interest {
                let likes = try WarehouseData.readInTransaction(store, threads: threads)
                guard likes.userIDs == data.userIDs else {
                    throw WarehouseError.brokenInvariant("the users changed between reads of one snapshot")
                }
                liked = likes.subcategoryLikes
                if AlreadyEngaged.isInTheLikes(interest.window) {
                    // The all-time likes are the engagement: nothing more to read or mark.
                } else if AlreadyEngaged.isInTheRunsRead(interest.window) {
                    AlreadyEngaged.mark(&liked, engaged: AlreadyEngaged.engagement(inTheRunsRead: data))
                } else {
                    let engaged = try WarehouseData.readWindowInTransaction(
                        store, window: AlreadyEngaged.window(of: interest.window), threads: threads,
                        parallelFrom: WarehouseData.parallelReadThreshold)
                    guard engaged.userIDs == data.userIDs else {
                        throw WarehouseError.brokenInvariant("the users changed between reads of one snapshot")
                    }
                    AlreadyEngaged.mark(&liked, engaged: engaged.subcategoryLikes)
                }
            }
            // Who gets rows: everyone, or the users the filter passes (their ids read in SQL).
            var included: [Bool]?
            if !options.filter.isEmpty {
                let passing = try UsersTable.ids(passing: options.filter, from: store)
                guard !passing.isEmpty else {
                    throw WarehouseError.invalidArgument("no user passes \(options.filter); nothing written")
                }
                included = includedRows(of: passing, in: data.userIDs)
            }
            return Scoring(record: record, predictions: predictions, data: data, liked: liked, included: included)
        }
        var onPrior = 0, rows = 0
        let bytes = try FileSet.writeStreamed(to: out, replace: options.force, sparing: store.path) { append in
            try append(Array("user_id,rank,subcategory_id,subcategory,score,basis\n".utf8))
            try read.score(options: options, threads: threads) { part in
                try append(part.bytes)
                onPrior += part.onPrior
                rows += part.rows
            }
        }
        let users = read.included.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? read.data.userCount
        return Summary(runID: read.record.id, path: out, users: users, usersOnPrior: onPrior, rows: rows, bytes: bytes,
                       modelSource: read.predictions.stored ? "stored with run \(read.record.id)" : "computed now",
                       filter: options.filter.isEmpty ? nil : options.filter.description)
    }

    /// `included[i]`: whether `userIDs[i]` is among `ids`; both ascending, merged in one pass.
    static func includedRows(of ids: [Int64], in userIDs: [Int64]) -> [Bool] {
        var included = [Bool](repeating: false, count: userIDs.count)
        var next = 0
        for (row, user) in userIDs.enumerated() {
            while next < ids.count && ids[next] < user { next += 1 }
            if next < ids.count && ids[next] == user { included[row] = true }
        }
        return included
    }

    /// What one snapshot read for scoring: the run, its model, the users as the run counts them,
    /// their all-time likes (what "already liked" means), and who gets rows (nil: everyone).
    struct Scoring {
        let record: RunRecord
        let predictions: RunPredictions
        let data: WarehouseData
        let liked: [Double]
        let included: [Bool]?

        /// Users per block (`blocks` blocks, at most 256) and blocks scored per batch: a batch's
        /// lines are handed to `emit` in user order before the next batch is scored, so the file's
        /// bytes are built a batch at a time (a few MB at a million users), never all at once.
        static let blocksPerBatch = 16

        /// The CSV lines of every user (of those `included` marks, when given), in user order, a
        /// batch of blocks at a time; each block's users are scored on their own, in parallel.
        func score(options: RecommendOptions, threads: Int,
                   emit: (_ part: (bytes: [UInt8], onPrior: Int, rows: Int)) throws -> Void) throws {
            let n = data.userCount, s = data.subcategories.count
            let blocks = min(n, 256)
            guard blocks > 0 else { return }
            let model = predictions.model, priors = predictions.agePriors
            let names = predictions.catalogue.subcategories.map { Array((AudienceFile.cell($0.name) + ",").utf8) }
            for first in stride(from: 0, to: blocks, by: Self.blocksPerBatch) {
                let batch = min(Self.blocksPerBatch, blocks - first)
                let parts = Parallelism.map(batch, threads: threads) { offset -> (bytes: [UInt8], onPrior: Int, rows: Int) in
                    let block = first + offset
                    var bytes: [UInt8] = [], onPrior = 0, rows = 0
                    var predicted = [Double](repeating: 0, count: s), membership = [Double](repeating: 0, count: model.predictor.components)
                    var eligible = [Bool](repeating: true, count: s), top = [Int32](repeating: 0, count: options.top)
                    for i in (block * n / blocks)..<((block + 1) * n / blocks) where included?[i] ?? true {
                        let group = model.group(age: data.ages[i])
                        var total = 0.0
                        for j in 0..<s {
                            total += data.subcategoryLikes[i * s + j]
                            eligible[j] = options.includeLiked || liked[i * s + j] == 0
                        }
                        model.predictor.predict(data.subcategoryLikes, offset: i * s, group: group, membership: &membership, into: &predicted)
                        if total == 0 { onPrior += 1 }
                        let ranked = TopRanking.top(predicted, tieBreak: priors[group], eligible: eligible, count: options.top, into: &top)
                        let prefix = Array("\(data.userIDs[i]),".utf8)
                        for rank in 0..<ranked {
                            let j = Int(top[rank])
                            bytes += prefix
                            bytes += Array("\(rank + 1),\(data.subcategories[j].id),".utf8)
                            bytes += names[j]
                            bytes += Array("\(predicted[j]),\(total > 0 ? "history" : "prior")\n".utf8)
                            rows += 1
                        }
                    }
                    return (bytes, onPrior, rows)
                }
                for part in parts { try emit(part) }
            }
        }
    }
}
