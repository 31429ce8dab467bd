#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Population
import WarehouseTables

/// The columns of `events.csv` and how one record is checked; the validation and the writing
/// pass both read records through `row`, so they agree on every value.
struct EventColumns {
    static let required = ["user_id", "kind", "timestamp"]
    static let optional = ["subcategory", "item_id", "value", "keyword"]
    static let maximumKinds = 1_000

    let user: Int, kind: Int, timestamp: Int
    /// Exactly one of the two.
    let subcategory: Int?, item: Int?
    let value: Int?, keyword: Int?
    /// The kinds seen so far, each checked once (a file has a handful, on millions of rows).
    private let seenKinds = SeenKinds()

    /// nil (with a problem naming the header's columns) unless exactly one of subcategory and item_id is there.
    init?(_ file: ImportFile, problems: inout ImportProblems) {
        guard let user = file.columns["user_id"], let kind = file.columns["kind"], let timestamp = file.columns["timestamp"] else { return nil }
        subcategory = file.columns["subcategory"]
        item = file.columns["item_id"]
        switch (subcategory, item) {
        case (.some, .some):
            problems.add(file.name, 1, "columns \"subcategory\" and \"item_id\" are both there; an events file names either the subcategory or the item")
            return nil
        case (nil, nil):
            problems.add(file.name, 1, "missing column \"subcategory\" or \"item_id\" (the header has \(file.columns.keys.sorted().map { quotedValue($0) }.joined(separator: ", ")))")
            return nil
        default: break
        }
        self.user = user
        self.kind = kind
        self.timestamp = timestamp
        value = file.columns["value"]
        keyword = file.columns["keyword"]
    }

    struct Row {
        let user: Int64
        let kind: String
        let moment: Int64
        /// The subcategory's id, or nil when the row names an item.
        let subcategory: Int64?
        var item: ArraySlice<UInt8>
        /// NaN: none.
        let value: Double
        let keyword: String?
    }

    /// The current record as an event, or the problem with it.
    func row(_ reader: CSVReader, width: Int, subcategoryIDs: SubcategoryLookup, catalogName: String, latest: Int64) -> Result<Row, ImportRowProblem> {
        let userID: Int64
        switch recordUserID(reader, width: width, column: user) {
        case .success(let id): userID = id
        case .failure(let problem): return .failure(problem)
        }
        let kindField = reader.field(kind)
        let kindName: String
        if let seen = seenKinds.name(of: kindField) {
            kindName = seen
        } else {
            guard !kindField.isEmpty else { return .failure(ImportRowProblem("column kind is empty")) }
            guard kindField.isValidUTF8 else { return .failure(ImportRowProblem("column kind: \(quotedValue(kindField)) is not UTF-8 text")) }
            kindName = kindField.text
            guard kindName.count <= 64 else {
                return .failure(ImportRowProblem("column kind: \(quotedValue(kindField)) is longer than 64 characters"))
            }
            guard !kindName.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
                return .failure(ImportRowProblem("column kind: \(quotedValue(kindField)) holds control characters"))
            }
            seenKinds.add(kindField, name: kindName)
        }
        let timeField = reader.field(timestamp)
        let moment: Int64
        // Unix seconds (the common export) are read from the bytes; anything else as text.
        let seconds = timeField.count <= 12 ? timeField.unsignedDecimal.flatMap { $0 <= TimeText.latest ? $0 : nil } : nil
        let parsed: Result<Int64, TimeText.MomentProblem> = seconds.map { .success($0) } ?? TimeText.moment(timeField.text, bareDate: .refused)
        switch parsed {
        case .failure(let problem):
            return .failure(ImportRowProblem("column timestamp: \(quotedValue(timeField)) \(problem)"))
        case .success(let value):
            guard value >= 0 else { return .failure(ImportRowProblem("column timestamp: \(quotedValue(timeField)) is before 1970")) }
            guard value <= latest else {
                return .failure(ImportRowProblem("column timestamp: \(quotedValue(timeField)) is far in the future (more than a day after this import's time, \(CivilCalendar.isoDateTime(ofSecond: latest - 86_400)))"))
            }
            moment = value
        }
        var subcategoryID: Int64?
        var itemField: ArraySlice<UInt8> = []
        if let subcategory {
            let name = reader.field(subcategory)
            guard let id = subcategoryIDs.id(of: name) ?? subcategoryIDs.id(of: ArraySlice(name.text.trimmingSpaces.utf8)) else {
                return .failure(ImportRowProblem("column subcategory: unknown subcategory \(quotedValue(name)) (not in \(catalogName))"))
            }
            subcategoryID = id
        } else if let item {
            itemField = reader.field(item)
            guard !itemField.isEmpty else { return .failure(ImportRowProblem("column item_id is empty")) }
        }
        var number = Double.nan
        if let value {
            let field = reader.field(value)
            if !field.isEmpty {
                guard let parsed = Double(field.text.trimmingSpaces), parsed.isFinite, abs(parsed) < 1e300 else {
                    return .failure(ImportRowProblem("column value: \(quotedValue(field)) is not a finite number"))
                }
                number = parsed
            }
        }
        var keywordText: String?
        if let keyword {
            let field = reader.field(keyword)
            if !field.isEmpty {
                guard field.isValidUTF8, !field.contains(0) else {
                    return .failure(ImportRowProblem("column keyword: \(quotedValue(field)) is not UTF-8 text"))
                }
                // At most 200 bytes is at most 200 characters: count them only beyond.
                guard field.count <= 200 || field.text.count <= 200 else {
                    return .failure(ImportRowProblem("column keyword: \(quotedValue(field)) is longer than 200 characters"))
                }
                keywordText = field.text
            }
        }
        return .success(Row(user: userID, kind: kindName, moment: moment, subcategory: subcategoryID, item: itemField,
                            value: number, keyword: keywordText))
    }
}

/// The kind names an events file has given so far, each checked once by `EventColumns.row`,
/// so later rows compare bytes instead of building and checking the name again. Keeps the first
/// `capacity` kinds; rows of later ones are checked each time (a platform has a handful).
final class SeenKinds {
    private let capacity = 16
    private var bytes: [[UInt8]] = []
    private var names: [String] = []

    /// The checked name whose bytes are `field`, nil when not seen (or not kept).
    func name(of field: ArraySlice<UInt8>) -> String? {
        for index in bytes.indices where bytes[index].elementsEqual(field) { return names[index] }
        return nil
    }

    /// Keeps `name` (whose bytes are `field`, checked) while there is room.
    func add(_ field: ArraySlice<UInt8>, name: String) {
        guard bytes.count < capacity else { return }
        bytes.append(Array(field))
        names.append(name)
    }
}

/// The items an import knows: those of items.csv and those the warehouse holds, each with its
/// subcategories.
struct ImportedItems {
    var index: [String: Int] = [:]
    var externalIDs: [String] = []
    var subcategories: [[Int64]] = []
    /// The stored id of an item the warehouse holds.
    var storedIDs: [Int64?] = []
    /// The line of items.csv an item was first on (0: the warehouse's).
    var lines: [Int] = []
    /// Whether items.csv named the item (only those are written).
    var fromFile: [Bool] = []
    var hash: UInt64 = 0

    mutating func add(_ external: String, stored: Int64?, line: Int) -> Int {
        if let found = index[external] { return found }
        index[external] = externalIDs.count
        externalIDs.append(external)
        subcategories.append([])
        storedIDs.append(stored)
        lines.append(line)
        fromFile.append(false)
        return externalIDs.count - 1
    }

    /// Reads items.csv (every row: item_id, subcategory; an empty subcategory declares the item
    /// without one).
    mutating func read(_ path: String, database: String, subcategoryIDs: SubcategoryLookup, catalogName: String,
                       problems: inout ImportProblems) {
        guard let file = ImportFile.open(path, required: ["item_id", "subcategory"], optional: [], database: database, problems: &problems),
              let itemColumn = file.columns["item_id"], let subcategoryColumn = file.columns["subcategory"] else { return }
        let reader = file.reader
        do {
            while !problems.isFull, try reader.next() {
                guard reader.fieldCount == file.width else {
                    problems.add(file.name, reader.line, "\(reader.fieldCount) fields, the header has \(file.width) columns")
                    continue
                }
                let itemField = reader.field(itemColumn)
                guard !itemField.isEmpty, itemField.count <= 200, itemField.isValidUTF8,
                      !itemField.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
                    problems.add(file.name, reader.line, "column item_id: \(quotedValue(itemField)) is not an item id (1–200 bytes of printable UTF-8)")
                    continue
                }
                let slot = add(itemField.text, stored: nil, line: reader.line)
                fromFile[slot] = true
                let name = reader.field(subcategoryColumn)
                guard !name.isEmpty else { continue }
                guard let id = subcategoryIDs.id(of: name) ?? subcategoryIDs.id(of: ArraySlice(name.text.trimmingSpaces.utf8)) else {
                    problems.add(file.name, reader.line, "column subcategory: unknown subcategory \(quotedValue(name)) (not in \(catalogName))")
                    continue
                }
                if !subcategories[slot].contains(id) { subcategories[slot].append(id) }
            }
        } catch let malformed as CSVReader.Malformed {
            problems.add(file.name, malformed.line, malformed.reason)
        } catch {
            problems.add(file.name, nil, "\(error)")
        }
        hash = reader.contentHash
    }

    /// Re-reads items.csv only to hash it (the writing pass's check that it did not change).
    static func hash(_ path: String) -> UInt64? {
        guard let reader = try? CSVReader(path: path) else { return nil }
        do {
            while try reader.next() {}
        } catch {
            return nil
        }
        return reader.contentHash
    }
}

/// What the validation pass learned of events.csv.
struct EventsPlan {
    var rows = 0
    /// Interaction rows (an event of an item in two subcategories is two).
    var interactionRows = 0
    var hash: UInt64 = 0
    /// Kind names (in name order once validated), with rows and whether any carries a value.
    var kinds: [String] = []
    var kindRows: [String: Int] = [:]
    var kindHasValues: Set<String> = []
    /// Like interactions of users already in the warehouse (their liked_posts grows).
    var storedUserLikes: [Int64: Int64] = [:]
    var latest: Int64 = 0
    /// Whether no event is dated more than a day before the latest one before it (a platform's
    /// export in time order): its runs can be written as they come.
    var inTimeOrder = true
    /// The latest day (Unix seconds / 86,400) of the events read so far.
    var latestDay: Int64 = 0
}

/// The import's current time, Unix seconds.
func importClock() -> Int64 {
    Int64(time(nil))
}

extension ImportJob {
    /// A fingerprint of the values of a user's `ImportTables.identityColumns` that `compared`
    /// marks (the columns users.csv has), for `--append`'s "the same user": each value's bytes
    /// (none for NULL; stored values are never empty) and a 0 byte, which no value holds.
    static func identity(_ values: [String?], compared: [Bool]) -> Fingerprint {
        var bytes: [UInt8] = []
        for (value, isCompared) in zip(values, compared) where isCompared {
            bytes.append(contentsOf: (value ?? "").utf8)
            bytes.append(0)
        }
        return Fingerprint(bytes)
    }

    /// The validation pass over items.csv and events.csv, and the interest rules to store.
    static func validateEvents(_ configuration: ImportConfiguration, database: String, plan: inout Plan,
                               problems: inout ImportProblems, progress: Progress?) throws {
        guard let eventsPath = configuration.eventsPath else {
            if let kind = configuration.minValues.keys.sorted().first {
                problems.add(configuration.catalogPath, nil, "--min-value \(quotedValue(kind)) is read only with --events")
            }
            return
        }
        let ids = plan.subcategoryIDs
        if let itemsPath = configuration.itemsPath {
            plan.items.read(itemsPath, database: database, subcategoryIDs: ids, catalogName: configuration.catalogPath, problems: &problems)
            guard problems.isEmpty else { return }
        }
        guard let file = ImportFile.open(eventsPath, required: EventColumns.required, optional: EventColumns.optional,
                                         database: database, problems: &problems),
              EventColumns(file, problems: &problems) != nil else { return }
        if !file.ignored.isEmpty {
            plan.ignored.append("\(file.name): ignoring column\(file.ignored.count == 1 ? "" : "s") \(file.ignored.map { quotedValue($0) }.joined(separator: ", "))")
        }
        let usersName = configuration.usersPath ?? "the users file (none given)"
        let itemsName = configuration.itemsPath ?? "an items file (none given)"
        let append = configuration.append
        var events = EventsPlan()
        events.latest = (configuration.now ?? importClock()) + 86_400
        let parsed = ParsedEvents.start(path: eventsPath, subcategoryIDs: ids, catalogName: configuration.catalogPath, latest: events.latest)
        defer { parsed.cancel() }
        // Rows per kind, in first-seen order: compared by ==, which is quick for the names
        // `EventColumns.row` hands out again (a dictionary would hash every row's kind).
        var kindRows: [(kind: String, rows: Int)] = []
        var kindIndexes: [String: Int] = [:]  // past 32 kinds, where comparing them all would cost more
        reading: while true {
            let batch: ParsedEvents.Batch
            switch parsed.take() {
            case .batch(let next):
                batch = next
            case .end(let hash, let malformed):
                if let malformed { problems.add(file.name, malformed.line, malformed.reason) }
                events.hash = hash
                break reading
            case .unreadable(let reason):
                problems.add(file.name, nil, "cannot read it again: \(reason)")
                break reading
            }
            progress?("validating events", batch.bytesRead, file.size)
            for (line, result) in zip(batch.lines, batch.rows) {
                guard !problems.isFull else { break reading }
                switch result {
                case .failure(let problem):
                    problems.add(file.name, line, problem.text)
                case .success(let row):
                    guard let slot = plan.slots.find(row.user), slot.line > 0 || append else {
                        problems.add(file.name, line, "column user_id: \"\(row.user)\" is an unknown user (not in \(usersName)\(append ? " nor in the warehouse" : ""))")
                        continue
                    }
                    var count = 1
                    if row.subcategory == nil {
                        guard let item = plan.items.index[row.item.text] else {
                            problems.add(file.name, line, "column item_id: \(quotedValue(row.item)) is an unknown item (not in \(itemsName)\(append ? " nor in the warehouse" : ""))")
                            continue
                        }
                        count = plan.items.subcategories[item].count
                        guard count > 0 else {
                            problems.add(file.name, line, "column item_id: \(quotedValue(row.item)) is an item without subcategories (\(itemsName) gives it none)")
                            continue
                        }
                    }
                    let known = kindRows.count <= 32 ? kindRows.firstIndex(where: { $0.kind == row.kind }) : kindIndexes[row.kind]
                    guard let kindIndex = known ?? {
                        guard events.kinds.count < EventColumns.maximumKinds else { return nil }
                        events.kinds.append(row.kind)
                        kindIndexes[row.kind] = kindRows.count
                        kindRows.append((row.kind, 0))
                        return kindRows.count - 1
                    }() else {
                        problems.add(file.name, line, "column kind: \(quotedValue(row.kind)) is one kind too many (at most \(EventColumns.maximumKinds) kinds)")
                        continue
                    }
                    kindRows[kindIndex].rows += count
                    if !row.value.isNaN { events.kindHasValues.insert(row.kind) }
                    events.rows += 1
                    events.interactionRows += count
                    let day = row.moment / 86_400
                    if day < events.latestDay - 1 { events.inTimeOrder = false }
                    events.latestDay = max(events.latestDay, day)
                    if row.kind == "like" {
                        if slot.line > 0 {
                            plan.slots.addToTotal(row.user, Int64(count))
                        } else {
                            events.storedUserLikes[row.user, default: 0] += Int64(count)
                        }
                    }
                }
            }
        }
        for (kind, rows) in kindRows { events.kindRows[kind, default: 0] += rows }
        progress?("validating events", file.size, file.size)
        guard problems.isEmpty else { return }
        // New kinds get ids in name order: the table does not depend on the file's order.
        events.kinds.sort()
        let known = Set(events.kinds).union(plan.storedKinds)
        for (kind, value) in configuration.minValues.sorted(by: { $0.key < $1.key }) {
            guard known.contains(kind) else {
                problems.add(eventsPath, nil, "--min-value names kind \(quotedValue(kind)), which neither \(eventsPath) nor the warehouse has")
                continue
            }
            plan.rules.append(ImportSummary.Rule(kind: kind, minValue: value, byDefault: false))
        }
        for kind in events.kinds where ["rate", "rating"].contains(kind.lowercased()) && events.kindHasValues.contains(kind)
            && configuration.minValues[kind] == nil {
            plan.rules.append(ImportSummary.Rule(kind: kind, minValue: 4, byDefault: true))
        }
        plan.events = events
    }

    /// The writing pass over events.csv, inside the import's transaction: kinds, rules, items,
    /// then interactions in sorted runs of at most `eventBufferRows` rows, likes into `likes`.
    static func writeEvents(_ plan: Plan, configuration: ImportConfiguration, store: WarehouseStore,
                            likes: ImportTables.LikeWriter, progress: Progress?) throws {
        guard let events = plan.events, let eventsPath = configuration.eventsPath else { return }
        if let itemsPath = configuration.itemsPath {
            guard ImportedItems.hash(itemsPath) == plan.items.hash else { throw changed(itemsPath) }
        }
        let storedKindIDs = try InteractionKindsTable.ensure(events.kinds + plan.rules.map(\.kind), store)
        for rule in plan.rules {
            guard let id = storedKindIDs[rule.kind] else { throw WarehouseError.brokenInvariant("kind '\(rule.kind)' was not added") }
            try InteractionKindsTable.setMinValue(rule.minValue, kind: id, store)
        }
        // Looked up by == per row (quick for the names `EventColumns.row` hands out again), not hashed.
        let kindIDs = storedKindIDs.map { (name: $0.key, id: $0.value) }
        let items = plan.items
        let written = items.fromFile.indices.filter { items.fromFile[$0] }
        let writtenIDs = try InteractionsImportWriter.writeItems(written.map { items.externalIDs[$0] },
                                                                 subcategories: written.map { items.subcategories[$0] },
                                                                 known: written.map { items.storedIDs[$0] }, store)
        var itemIDs = items.storedIDs.map { $0 ?? 0 }
        for (offset, index) in written.enumerated() { itemIDs[index] = writtenIDs[offset] }

        let writer = try InteractionsImportWriter(store)
        let spill = try events.inTimeOrder ? nil : EventSpill(directory: FilePath.directory(of: store.path))
        let channel = EventRun.start(EventRun.Context(
            path: eventsPath, catalogName: configuration.catalogPath, subcategoryIDs: plan.subcategoryIDs, latest: events.latest,
            kindIDs: kindIDs, storedKindIDs: storedKindIDs, items: items, itemIDs: itemIDs,
            rowsPerRun: min(configuration.eventBufferRows, EventRun.pipelinedRowsPerRun), sortsRuns: spill == nil))
        // However this ends, a parser still waiting to hand over a run is released.
        defer { channel.cancel() }
        let size = FileStatus.ifPresent(eventsPath, followLinks: true)?.size ?? 0
        while true {
            switch channel.take() {
            case .rows(var run):
                if let spill {
                    sortAndNumber(&run.interactions, keywords: run.keywords)
                    try spill.append(run.interactions, keywords: run.keywords)
                } else {
                    try writer.insert(run.interactions, keywords: run.keywords)
                }
                for like in run.likes { try likes.add(user: like.user, subcategory: like.subcategory, likes: like.likes) }
                progress?("importing events", run.bytesRead, size)
            case .done(let rows, let hash):
                guard rows == events.rows, hash == events.hash else { throw changed(eventsPath) }
                if let spill { try writeMerged(spill, writer: writer) }
                progress?("importing events", size, size)
                try likes.flush()
                try InteractionsImportWriter.addLikedPosts(events.storedUserLikes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, store)
                return
            case .failed(let place):
                throw changed(place)
            case .error(let error):
                throw error
            }
        }
    }

    /// Writes a filled spill's rows in the table's key order, merged on another thread.
    private static func writeMerged(_ spill: EventSpill, writer: InteractionsImportWriter) throws {
        let merged = EventRun.merge(spill)
        defer { merged.cancel() }
        while true {
            switch merged.take() {
            case .rows(let run): try writer.insert(run.interactions, keywords: run.keywords)
            case .done: return
            case .failed(let place): throw changed(place)
            case .error(let error): throw error
            }
        }
    }

    /// Whether `a` comes before `b` in the import's row order by the table's key columns, then the
    /// value (none first); nil when they agree on all of those (the keyword decides, none first).
    @inline(__always)
    static func precedesBeforeKeyword(_ a: ImportedInteraction, _ b: ImportedInteraction) -> Bool? {
        if a.day != b.day { return a.day < b.day }
        if a.user != b.user { return a.user < b.user }
        if a.second != b.second { return a.second < b.second }
        if a.kind != b.kind { return a.kind < b.kind }
        if a.subcategory != b.subcategory { return a.subcategory < b.subcategory }
        if a.item != b.item { return a.item < b.item }
        if a.value.isNaN != b.value.isNaN { return a.value.isNaN }
        if !a.value.isNaN && a.value != b.value { return a.value < b.value }
        return nil
    }

    /// Sorts `rows` by the table's key (then value and keyword, so equal keys get their ordinals
    /// whatever the file's order) and numbers rows equal in every other key column 0, 1, 2, ….
    static func sortAndNumber(_ rows: inout [ImportedInteraction], keywords: [String]) {
        rows.sort { a, b in
            if let order = precedesBeforeKeyword(a, b) { return order }
            if a.keyword != b.keyword {
                if a.keyword < 0 || b.keyword < 0 { return a.keyword < b.keyword }
                return keywords[Int(a.keyword)] < keywords[Int(b.keyword)]
            }
            return false
        }
        for index in rows.indices {
            rows[index].ordinal = index > 0 && rows[index].sameKey(rows[index - 1]) ? rows[index - 1].ordinal + 1 : 0
        }
    }
}
