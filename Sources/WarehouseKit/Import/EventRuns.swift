import Dispatch
import WarehouseSupport
import WarehouseTables

/// The writing pass's parsing half for events.csv: the file is re-read on a background thread,
/// cut into runs of at most `rowsPerRun` interaction rows, each sorted by the table's key and
/// numbered (`ImportJob.sortAndNumber`), with its like events added up per user and subcategory,
/// and handed to the writing thread (`BatchChannel`, one run deep): parsing and sorting run on
/// one core while SQLite inserts the previous run on the other. At most three runs are in memory
/// (the one being built, one waiting, the one being written): 56 bytes an interaction row.
///
/// A file not in time order (the validation pass saw a day more than one before the latest) goes
/// through an `EventSpill` instead: the runs are handed over unsorted, the writing thread sorts
/// them and writes them to a temporary file (while this thread parses the next), and once the
/// file is read `merge` hands them back in the table's key order from a thread of its own, so
/// SQLite appends whatever the order.
///
/// The rows were all checked by the validation pass; this pass checks only what it needs to
/// build a row (the record parses, its kind and item are known). Whether the file is the one
/// validated is decided at its end by its row count and content hash (`done`): a changed file
/// fails there, and the writer rolls back everything, rows of unknown users included.
enum EventRun: Sendable {
    struct Rows: Sendable {
        /// Sorted by the table's key, ordinals numbered.
        var interactions: [ImportedInteraction] = []
        /// The text of each keyword index of `interactions`.
        var keywords: [String] = []
        /// (user, subcategory, like events), sorted by user then subcategory, each pair once.
        var likes: [(user: Int64, subcategory: Int64, likes: Int64)] = []
        /// Bytes of the file read when the run was cut, for progress.
        var bytesRead: Int64 = 0
    }

    case rows(Rows)
    /// The file's end: `rows` events read, its bytes hashing to `hash` (`CSVReader.contentHash`).
    case done(rows: Int, hash: UInt64)
    /// The file could not be read again as validated: the place, for the message.
    case failed(String)
    /// The temporary file of a spill could not be written or read.
    case error(WarehouseError)

    /// Interaction rows per run when the two halves overlap: three runs of 1M rows are 168 MB.
    static let pipelinedRowsPerRun = 1_000_000

    /// What a row needs from the writing pass: stored kind ids, items and their subcategories.
    struct Context: Sendable {
        let path: String
        let catalogName: String
        let subcategoryIDs: SubcategoryLookup
        let latest: Int64
        /// (kind name, stored id); `storedKindIDs` the same as a dictionary, for many kinds.
        let kindIDs: [(name: String, id: Int64)]
        let storedKindIDs: [String: Int64]
        let items: ImportedItems
        /// The stored id of each item of `items`.
        let itemIDs: [Int64]
        let rowsPerRun: Int
        /// Whether runs are sorted here (false: the writing thread sorts them, to spill them).
        let sortsRuns: Bool
    }

    /// Rows per batch handed over by a spill's merge.
    static let mergedRowsPerBatch = 262_144

    /// Starts the parser; the caller takes runs until `done` or `failed`.
    static func start(_ context: Context) -> BatchChannel<EventRun> {
        let channel = BatchChannel<EventRun>(depth: 1)
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome = produce(context, channel: channel)
            _ = channel.put(outcome)
        }
        return channel
    }

    /// Reads the file into runs; returns `done` or `failed` (also when the consumer cancelled).
    private static func produce(_ context: Context, channel: BatchChannel<EventRun>) -> EventRun {
        var problems = ImportProblems(limit: 1)
        guard let file = ImportFile.open(context.path, required: EventColumns.required, optional: EventColumns.optional,
                                         database: nil, problems: &problems),
              let columns = EventColumns(file, problems: &problems) else { return .failed(context.path) }
        let reader = file.reader
        let kindIDs = context.kindIDs
        let items = context.items
        var run = Rows()
        run.interactions.reserveCapacity(context.rowsPerRun + 16)
        var keywordIndex: [String: Int32] = [:]
        var likes: [(user: Int64, subcategory: Int64, likes: Int64)] = []
        func send() -> Bool {
            if context.sortsRuns { ImportJob.sortAndNumber(&run.interactions, keywords: run.keywords) }
            run.likes = summed(&likes)
            run.bytesRead = reader.bytesRead
            let sent = channel.put(.rows(run))
            run = Rows()
            run.interactions.reserveCapacity(context.rowsPerRun + 16)
            keywordIndex.removeAll()
            return sent
        }
        var rows = 0
        do {
            while try reader.next() {
                guard case .success(let row) = columns.row(reader, width: file.width, subcategoryIDs: context.subcategoryIDs,
                                                           catalogName: context.catalogName, latest: context.latest),
                      let kind = kindIDs.count <= 32 ? kindIDs.first(where: { $0.name == row.kind })?.id : context.storedKindIDs[row.kind]
                else { return .failed("\(file.name):\(reader.line)") }
                rows += 1
                var keyword: Int32 = -1
                if let text = row.keyword {
                    if let found = keywordIndex[text] {
                        keyword = found
                    } else {
                        keyword = Int32(run.keywords.count)
                        keywordIndex[text] = keyword
                        run.keywords.append(text)
                    }
                }
                var interaction = ImportedInteraction(day: Int32(row.moment / 86_400), second: Int32(row.moment % 86_400), kind: Int32(kind),
                                                      keyword: keyword, user: row.user, subcategory: 0, item: 0, value: row.value)
                if let subcategory = row.subcategory {
                    interaction.subcategory = subcategory
                    run.interactions.append(interaction)
                    if kind == 1 { likes.append((row.user, subcategory, 1)) }
                } else {
                    guard let item = items.index[row.item.text], !items.subcategories[item].isEmpty else {
                        return .failed("\(file.name):\(reader.line)")
                    }
                    interaction.item = context.itemIDs[item]
                    for subcategory in items.subcategories[item] {
                        interaction.subcategory = subcategory
                        run.interactions.append(interaction)
                        if kind == 1 { likes.append((row.user, subcategory, 1)) }
                    }
                }
                if run.interactions.count >= context.rowsPerRun {
                    guard send() else { return .failed(context.path) }
                }
            }
        } catch {
            return .failed(context.path)
        }
        guard run.interactions.isEmpty || send() else { return .failed(context.path) }
        return .done(rows: rows, hash: reader.contentHash)
    }

    /// Starts merging a filled spill on a thread of its own: the rows in the table's key order,
    /// in batches of `mergedRowsPerBatch`, then `done` (its counts unused) or `error`.
    static func merge(_ spill: EventSpill) -> BatchChannel<EventRun> {
        let channel = BatchChannel<EventRun>(depth: 1)
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                try spill.merge(batchRows: mergedRowsPerBatch) { interactions, keywords in
                    guard channel.put(.rows(Rows(interactions: interactions, keywords: keywords))) else {
                        throw WarehouseError.invalidArgument("the import was abandoned")
                    }
                }
                _ = channel.put(.done(rows: 0, hash: 0))
            } catch {
                _ = channel.put(.error(error as? WarehouseError ?? .invalidArgument("\(error)")))
            }
        }
        return channel
    }

    /// `likes` sorted by (user, subcategory) with repeats added up (emptied).
    private static func summed(_ likes: inout [(user: Int64, subcategory: Int64, likes: Int64)])
        -> [(user: Int64, subcategory: Int64, likes: Int64)] {
        likes.sort { $0.user != $1.user ? $0.user < $1.user : $0.subcategory < $1.subcategory }
        var merged: [(user: Int64, subcategory: Int64, likes: Int64)] = []
        for like in likes {
            if let last = merged.last, last.user == like.user, last.subcategory == like.subcategory {
                merged[merged.count - 1].likes += like.likes  // at most rowsPerRun: no overflow
            } else {
                merged.append(like)
            }
        }
        likes.removeAll(keepingCapacity: true)
        return merged
    }
}
