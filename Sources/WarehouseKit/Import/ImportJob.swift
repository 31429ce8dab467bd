import Dispatch
import WarehouseTables

/// `warehouse import`: a platform's own taxonomy, users, likes and timestamped events from CSV files.
///
/// Two passes over the files. The first validates everything and writes nothing (the database
/// is opened read-only, if at all): every refusal names file, line, column and value, and the
/// first `problemLimit` problems are reported together (`ImportRefusal`). It keeps only compact
/// state: per user id its line and like total (`UserTable`), and a 128-bit fingerprint per
/// username and e-mail, about 100 bytes per user whatever the files' sizes. The second pass, in
/// ONE transaction, re-reads the files and writes the catalogue (when new), users (with
/// `liked_posts` = the total of their likes) and likes (repeated user–subcategory rows added up
/// by an upsert), then events (`ImportEvents.swift`: kinds, items, interactions in sorted runs, like
/// events into the like counts), with the unique indexes on `users` rebuilt after the load when the new users
/// at least double the table, as the seed does. A refused import never opened the database for
/// writing, so the file is byte for byte as it was.
public enum ImportJob {
    /// (phase, bytes read, bytes in the phase).
    public typealias Progress = (String, Int64, Int64) -> Void

    /// What the validation pass leaves for the writing pass.
    struct Plan {
        var catalogue: ImportedCatalogue
        /// Stored ids of the catalogue's subcategories, in catalogue order (nil: write a new catalogue).
        var existingSubcategoryIDs: [Int64]?
        var existingUsers: Int
        /// Per user of users.csv (or, line 0, already in the warehouse): its line and like total.
        var slots: UserTable
        var newUsers = 0
        var likeRows = 0
        var likes: Int64 = 0
        var ignored: [String] = []
        /// `CSVReader.contentHash` of users.csv and likes.csv as validated (read to their end).
        var usersHash: UInt64 = 0
        var likesHash: UInt64 = 0
        /// Lines of users.csv whose user the warehouse holds with the same values (kept, not written).
        var skippedLines: Set<Int> = []
        /// With --append: per stored user, a fingerprint of the values of `ImportTables.identityColumns` that users.csv has.
        var storedIdentities: [Int64: Fingerprint] = [:]
        /// Which of `ImportTables.identityColumns` users.csv has (with --append; the others are not compared).
        var comparedColumns: [Bool] = []
        /// The import's day (UTC), for date_of_birth.
        var today: CivilDate
        /// Whether users.csv has any demographic column (else the writer leaves them out).
        var usersHaveDemographics = false
        /// The items of items.csv and of the warehouse.
        var items = ImportedItems()
        var events: EventsPlan?
        /// The kinds the warehouse has.
        var storedKinds: Set<String> = []
        /// The interest rules to store: kind, smallest value, whether by default (a rating kind).
        var rules: [ImportSummary.Rule] = []

        /// Subcategory name (UTF-8) → the id it has or will have.
        var subcategoryIDs: SubcategoryLookup {
            SubcategoryLookup(catalogue.subcategories.enumerated().map {
                (name: Array($0.element.name.utf8), id: existingSubcategoryIDs?[$0.offset] ?? Int64($0.offset + 1))
            })
        }
    }

    public static func run(database: String, configuration: ImportConfiguration,
                           notice: (String) -> Void = { _ in }, progress: Progress? = nil) throws -> ImportSummary {
        let started = DispatchTime.now()
        var problems = ImportProblems(limit: configuration.problemLimit)
        let inputs = [configuration.catalogPath, configuration.usersPath, configuration.likesPath, configuration.eventsPath,
                      configuration.itemsPath].compactMap { $0 }
        for (index, path) in inputs.enumerated() where inputs[..<index].contains(path) {
            problems.add(path, nil, "the same file is given for two inputs")
        }
        if configuration.usersPath == nil && !(configuration.append && configuration.eventsPath != nil) {
            problems.add(configuration.catalogPath, nil, "no users file: --users may be left out only with --append and --events")
        }
        if configuration.likesPath == nil && configuration.eventsPath == nil {
            problems.add(configuration.catalogPath, nil, "no likes and no events: give --likes, --events or both")
        }
        if configuration.itemsPath != nil && configuration.eventsPath == nil {
            problems.add(configuration.itemsPath ?? "", nil, "--items is read only with --events")
        }
        guard problems.isEmpty else { throw problems.refusal() }
        guard let catalogue = ImportedCatalogue.read(configuration.catalogPath, database: database, problems: &problems) else {
            throw problems.refusal()
        }
        // Sized from the users file (a row is rarely under 80 bytes in practice; the tables grow if needed).
        let expected = max(16, Int(min(configuration.usersPath.flatMap { FileStatus.ifPresent($0, followLinks: true)?.size } ?? 0, 1 << 36) / 80))
        var plan = Plan(catalogue: catalogue, existingSubcategoryIDs: nil, existingUsers: 0, slots: UserTable(capacity: expected),
                        today: CivilDate(unixSeconds: configuration.now ?? importClock()))
        if configuration.append, let path = configuration.usersPath {
            // The header alone, for which columns say whether a row is the stored user (its
            // problems, if any, are reported by the validation pass).
            var unreported = ImportProblems(limit: 1)
            let header = ImportFile.open(path, required: UserColumns.required, optional: UserColumns.optional, database: database,
                                         problems: &unreported).flatMap { UserColumns($0, today: plan.today) }
            plan.comparedColumns = ImportTables.identityColumns.map { header?.has($0) ?? false }
        }
        var usernames = FingerprintTable(capacity: expected)
        var emails = FingerprintTable(capacity: expected)
        var state: ImportTables.StateFingerprint?
        let exists = FileStatus.ifPresent(database, followLinks: true) != nil
        if exists {
            let store = try WarehouseStore(path: database, mode: .readOnly)
            try store.snapshot {
                state = try ImportTables.stateFingerprint(store)
                try readExisting(store, configuration: configuration, plan: &plan, usernames: &usernames, emails: &emails,
                                 problems: &problems)
            }
        }
        guard problems.isEmpty else { throw problems.refusal() }
        try validate(configuration, database: database, plan: &plan, usernames: &usernames, emails: &emails,
                     problems: &problems, progress: progress)
        usernames = FingerprintTable(capacity: 0)
        emails = FingerprintTable(capacity: 0)
        guard problems.isEmpty else { throw problems.refusal() }
        for line in plan.ignored { notice(line) }
        if !configuration.dryRun {
            do {
                try writeValidated(plan, configuration: configuration, database: database, exists: exists, state: state,
                                   progress: progress)
            } catch {
                // The transaction rolled back; a warehouse file this import created holds no users
                // then, and goes, so that a failed import leaves no file where there was none.
                if !exists { removeCreatedWarehouse(database) }
                throw error
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let withoutLikes = plan.slots.fileUsers.reduce(0) { $0 + ($1.total == 0 ? 1 : 0) }
        return ImportSummary(
            database: database, dryRun: configuration.dryRun, append: configuration.append, users: plan.newUsers,
            likeRowsRead: plan.likeRows, likes: plan.likes, usersWithoutLikes: withoutLikes,
            categories: catalogue.categories.count, subcategories: catalogue.subcategories.count,
            catalogue: plan.existingSubcategoryIDs == nil ? "new" : "existing", ignoredColumns: plan.ignored,
            keptUsers: plan.skippedLines.count, events: plan.events?.rows ?? 0, interactions: plan.events?.interactionRows ?? 0,
            kinds: (plan.events?.kinds ?? []).map { ImportSummary.KindCount(kind: $0, rows: plan.events?.kindRows[$0] ?? 0) },
            rules: plan.rules, seconds: seconds)
    }

    /// Opens (or creates) the warehouse and writes the validated plan in one transaction; the
    /// store is closed when this returns, whatever happened.
    private static func writeValidated(_ plan: Plan, configuration: ImportConfiguration, database: String,
                                       exists: Bool, state: ImportTables.StateFingerprint?, progress: Progress?) throws {
        let store = try WarehouseStore(path: database, mode: .createIfMissing)
        // A page cache that holds the tables the import updates all over (user_likes, and
        // interactions when the events are not in key order) within the 1 GB the import may use;
        // into the file this import creates (nothing to read, removed on failure), the pages are
        // written once (see `rollbackJournal`). Not into an existing file, even an empty one:
        // switching its journal mode rewrites its header.
        try store.write(bulk: true, cacheMebibytes: ImportConfiguration.writeCacheMebibytes,
                        rollbackJournal: !exists && plan.existingUsers == 0) {
            // The warehouse must be as the validation read it.
            guard try ImportTables.stateFingerprint(store) == state || (!exists && UsersTable.count(store) == 0) else {
                throw WarehouseError.brokenInvariant("the warehouse changed while the files were validated; nothing was written, run the import again")
            }
            // No trigger per row of the load; the packs are not current after it (see `InteractionPacks`).
            try InteractionPacks.duringBulkLoad(store) {
                try write(plan, configuration: configuration, store: store, progress: progress)
            }
        }
    }

    /// Removes the database file (and its -wal, -shm and -journal) that a failed import created,
    /// when it still holds no users: never a file that existed before or that another process
    /// has filled since.
    static func removeCreatedWarehouse(_ database: String) {
        let empty = (try? WarehouseStore(path: database, mode: .readOnly)).flatMap { store in
            try? UsersTable.count(store) == 0
        } ?? false
        guard empty else { return }
        WarehouseStore.removeDatabaseFiles(database)
    }

    /// Reads what the warehouse holds: its users (refused without --append) and its catalogue
    /// (which must be the file's, if any).
    private static func readExisting(_ store: WarehouseStore, configuration: ImportConfiguration, plan: inout Plan,
                                     usernames: inout FingerprintTable, emails: inout FingerprintTable,
                                     problems: inout ImportProblems) throws {
        let users = try UsersTable.count(store)
        if users > 0 && !configuration.append {
            problems.add(store.path, nil, "the warehouse already has \(Format.plural(users, "user")); pass --append to add new ones, or choose another --db")
        }
        let stored = try CatalogueTables.read(store)
        if !stored.categories.isEmpty || !stored.subcategories.isEmpty {
            guard let ids = matchCatalogue(plan.catalogue, stored: stored, catalogName: configuration.catalogPath,
                                           database: store.path, problems: &problems) else { return }
            plan.existingSubcategoryIDs = ids
        }
        plan.existingUsers = users
        if configuration.eventsPath != nil {
            plan.storedKinds = Set(try InteractionKindsTable.read(store).map(\.name))
            for (external, item) in try InteractionsImportWriter.items(store) {
                let slot = plan.items.add(external, stored: item.id, line: 0)
                plan.items.subcategories[slot] = item.subcategories
            }
        }
        guard users > 0, problems.isEmpty else { return }
        try ImportTables.eachIdentity(store) { id, values in
            if plan.slots.find(id) == nil { plan.slots.insert(id, line: 0) }
            if configuration.append { plan.storedIdentities[id] = identity(values, compared: plan.comparedColumns) }
            // values[0], values[1]: username and e-mail (identityColumns' order); NULL is unique to no one.
            if let username = values[0] {
                let name = Fingerprint(username.utf8)
                if usernames.line(of: name) == nil { usernames.insert(name, line: 0) }
            }
            if let email = values[1] {
                let mail = Fingerprint(email.utf8)
                if emails.line(of: mail) == nil { emails.insert(mail, line: 0) }
            }
        }
    }

    /// The stored ids of the file's subcategories when the warehouse holds the same catalogue
    /// (same categories, same subcategories under each, by name); nil with problems otherwise.
    static func matchCatalogue(_ catalogue: ImportedCatalogue, stored: (categories: [CatalogueTables.Entry], subcategories: [CatalogueTables.Entry]),
                               catalogName: String, database: String, problems: inout ImportProblems) -> [Int64]? {
        let categoryNames = Dictionary(stored.categories.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let storedByName = Dictionary(stored.subcategories.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var differences: [String] = []
        var ids: [Int64] = []
        for subcategory in catalogue.subcategories {
            let category = catalogue.categories[subcategory.category]
            guard let entry = storedByName[subcategory.name] else {
                differences.append("subcategory \(quotedValue(subcategory.name)) is not in the warehouse")
                continue
            }
            let storedCategory = categoryNames[entry.parent] ?? "?"
            if storedCategory != category {
                differences.append("subcategory \(quotedValue(subcategory.name)) is under \(quotedValue(category)) in \(catalogName), under \(quotedValue(storedCategory)) in the warehouse")
            }
            ids.append(entry.id)
        }
        let fileNames = Set(catalogue.subcategories.map(\.name))
        for entry in stored.subcategories where !fileNames.contains(entry.name) {
            differences.append("the warehouse's subcategory \(quotedValue(entry.name)) is not in \(catalogName)")
        }
        guard differences.isEmpty else {
            let held = stored.categories.prefix(6).map(\.name).joined(separator: ", ") + (stored.categories.count > 6 ? ", …" : "")
            problems.add(catalogName, nil, "the warehouse '\(database)' holds another catalogue (\(Format.plural(stored.categories.count, "category", "categories")): \(held)); a warehouse holds one taxonomy, import into another --db: " + differences.prefix(3).joined(separator: "; ") + (differences.count > 3 ? "; … (\(differences.count) differences)" : ""))
            return nil
        }
        return ids
    }

    /// The validation pass over users.csv and likes.csv.
    private static func validate(_ configuration: ImportConfiguration, database: String, plan: inout Plan,
                                 usernames: inout FingerprintTable, emails: inout FingerprintTable,
                                 problems: inout ImportProblems, progress: Progress?) throws {
        var usersFile: ImportFile?
        var likesFile: ImportFile?
        var userColumns: UserColumns?
        var likeColumns: LikeColumns?
        if let path = configuration.usersPath {
            usersFile = ImportFile.open(path, required: UserColumns.required, optional: UserColumns.optional,
                                        database: database, problems: &problems)
            userColumns = usersFile.flatMap { UserColumns($0, today: plan.today) }
            plan.usersHaveDemographics = userColumns?.demographics != nil
            if userColumns == nil { return }
        }
        if let path = configuration.likesPath {
            likesFile = ImportFile.open(path, required: LikeColumns.required, optional: LikeColumns.optional,
                                        database: database, problems: &problems)
            likeColumns = likesFile.flatMap { LikeColumns($0) }
            if likeColumns == nil { return }
        }
        for file in [usersFile, likesFile].compactMap({ $0 }) where !file.ignored.isEmpty {
            plan.ignored.append("\(file.name): ignoring column\(file.ignored.count == 1 ? "" : "s") \(file.ignored.map { quotedValue($0) }.joined(separator: ", "))")
        }
        let total = (usersFile?.size ?? 0) + (likesFile?.size ?? 0)
        var rows = 0
        if let users = usersFile, let userColumns {
        let reader = users.reader
        var keptLines: [Int64: Int] = [:]
        do {
            while !problems.isFull, try reader.next() {
                rows += 1
                if rows & 4095 == 0 { progress?("validating", reader.bytesRead, total) }
                switch userColumns.row(reader, width: users.width) {
                case .failure(let problem):
                    problems.add(users.name, reader.line, problem.text)
                case .success(let row):
                    if let earlier = plan.slots.find(row.id) {
                        if earlier.line == 0, configuration.append,
                           let stored = plan.storedIdentities[row.id],
                           stored == identity(UserColumns.identityValues(row), compared: plan.comparedColumns) {
                            // The same user as the warehouse's: kept as it is (once).
                            if let first = keptLines[row.id] {
                                problems.add(users.name, reader.line, "duplicate user_id \(row.id) (first on line \(first))")
                            } else {
                                keptLines[row.id] = reader.line
                                plan.skippedLines.insert(reader.line)
                            }
                            continue
                        }
                        problems.add(users.name, reader.line, earlier.line == 0
                            ? (configuration.append
                                ? "user_id \(row.id) is already in the warehouse with other values (here \(identityExcerpt(row, compared: plan.comparedColumns))); --append keeps a stored user only when every one of \(ImportTables.identityColumns.joined(separator: ", ")) that users.csv has is the same"
                                : "user_id \(row.id) is already in the warehouse (--append adds new users only)")
                            : "duplicate user_id \(row.id) (first on line \(earlier.line))")
                        continue
                    }
                    // Not given (empty): NULL, which the unique indexes let any number of users have.
                    let name = row.username.isEmpty ? nil : Fingerprint(row.username)
                    if let name, let earlier = usernames.line(of: name) {
                        problems.add(users.name, reader.line, "duplicate username \(quotedValue(row.username)) (\(earlier == 0 ? "already in the warehouse" : "first on line \(earlier)"))")
                        continue
                    }
                    let mail = row.email.isEmpty ? nil : Fingerprint(row.email)
                    if let mail, let earlier = emails.line(of: mail) {
                        problems.add(users.name, reader.line, "duplicate email \(quotedValue(row.email)) (\(earlier == 0 ? "already in the warehouse" : "first on line \(earlier)"))")
                        continue
                    }
                    if let name { usernames.insert(name, line: reader.line) }
                    if let mail { emails.insert(mail, line: reader.line) }
                    plan.slots.insert(row.id, line: reader.line)
                    plan.newUsers += 1
                }
            }
        } catch let malformed as CSVReader.Malformed {
            problems.add(users.name, malformed.line, malformed.reason)
        }
        if problems.isEmpty && plan.newUsers == 0 && plan.skippedLines.isEmpty && configuration.eventsPath == nil {
            problems.add(users.name, nil, "no users (only a header)")
        }
        guard problems.isEmpty else { return }
        plan.usersHash = reader.contentHash
        }
        let usersName = configuration.usersPath ?? "the users file"
        guard let likesFile, let likeColumns else {
            progress?("validating", total, total)
            try validateEvents(configuration, database: database, plan: &plan, problems: &problems, progress: progress)
            return
        }
        let users = (name: usersName, size: usersFile?.size ?? 0)
        let ids = plan.subcategoryIDs
        let likes = likesFile.reader
        var current: (id: Int64, total: Int64) = (0, 0)
        do {
            while !problems.isFull, try likes.next() {
                rows += 1
                if rows & 4095 == 0 { progress?("validating", users.size + likes.bytesRead, total) }
                switch likeColumns.row(likes, width: likesFile.width, subcategoryIDs: ids, catalogName: configuration.catalogPath) {
                case .failure(let problem):
                    problems.add(likesFile.name, likes.line, problem.text)
                case .success(let row):
                    plan.likeRows += 1
                    // Like files are mostly grouped by user: the current user's total stays in
                    // `current` and goes back into the table when the user changes.
                    if row.user != current.id {
                        if current.id > 0 { plan.slots.setTotal(current.id, current.total) }
                        guard let slot = plan.slots.find(row.user), slot.line > 0 else {
                            current = (0, 0)
                            problems.add(likesFile.name, likes.line, plan.slots.find(row.user) == nil
                                ? "user_id \(row.user) is not in \(users.name)\(configuration.append ? " (nor in the warehouse)" : "")"
                                : "user_id \(row.user) is already in the warehouse; --append imports likes of new users only")
                            continue
                        }
                        current = (row.user, slot.total)
                    }
                    current.total += row.likes
                    guard current.total <= LikeColumns.maximumLikes else {
                        problems.add(likesFile.name, likes.line, "user \(row.user) has more than \(LikeColumns.maximumLikes) likes in all")
                        current.total -= row.likes
                        continue
                    }
                    plan.likes += row.likes
                }
            }
        } catch let malformed as CSVReader.Malformed {
            problems.add(likesFile.name, malformed.line, malformed.reason)
        }
        if current.id > 0 { plan.slots.setTotal(current.id, current.total) }
        plan.likesHash = likes.contentHash
        progress?("validating", total, total)
        guard problems.isEmpty else { return }
        try validateEvents(configuration, database: database, plan: &plan, problems: &problems, progress: progress)
    }

    /// The writing pass, inside the import's transaction.
    private static func write(_ plan: Plan, configuration: ImportConfiguration, store: WarehouseStore,
                              progress: Progress?) throws {
        let catalogue = plan.catalogue
        if plan.existingSubcategoryIDs == nil {
            let categories = catalogue.categories.enumerated().map { (id: Int64($0.offset + 1), name: $0.element) }
            let subcategories = catalogue.subcategories.enumerated().map {
                (id: Int64($0.offset + 1), categoryID: Int64($0.element.category + 1), name: $0.element.name, description: $0.element.description)
            }
            try CatalogueTables.writeImported(categories: categories, subcategories: subcategories, store)
            try CatalogueViews.regenerate(store)
        }
        let total = [configuration.usersPath, configuration.likesPath].compactMap { $0 }.reduce(Int64(0)) {
            $0 + (FileStatus.ifPresent($1, followLinks: true)?.size ?? 0)
        }
        var usersSize: Int64 = 0
        let rebuilt = plan.newUsers >= plan.existingUsers ? try UsersTable.dropIndexes(store) : []
        let demographics = plan.usersHaveDemographics
        let writer = try ImportTables.userWriter(store, demographics: demographics)
        let likes = try ImportTables.LikeWriter(store)
        let channel = ImportBatch.start(usersPath: configuration.usersPath, likesPath: configuration.likesPath,
                                        catalogName: configuration.catalogPath, users: plan.slots, skippedLines: plan.skippedLines,
                                        subcategories: plan.subcategoryIDs, today: plan.today)
        defer { channel.cancel() }
        while true {
            switch channel.take() {
            case .users(let batch):
                guard batch.fieldsPerUser == (demographics ? ImportBatch.Users.demographicFields : ImportBatch.Users.identityFields) else {
                    throw changed(configuration.usersPath ?? "users")
                }
                try writer.insert(count: batch.ids.count) { statement, index, first in
                    // An empty text is a value not given: NULL (the columns refuse '').
                    func bindText(_ field: Int, at position: Int32) throws {
                        let text = batch.field(index, field)
                        if text.isEmpty { try statement.bindNull(at: position) } else { try statement.bind(text, at: position) }
                    }
                    try statement.bind(batch.ids[index], at: first)
                    try bindText(0, at: first + 1)
                    try bindText(1, at: first + 2)
                    try bindText(2, at: first + 3)
                    try statement.bind(batch.ages[index], at: first + 4)
                    try statement.bind(batch.totals[index], at: first + 5)
                    for field in stride(from: ImportBatch.Users.identityFields, to: batch.fieldsPerUser, by: 1) {
                        try bindText(field, at: first + 6 + Int32(field - ImportBatch.Users.identityFields))
                    }
                }
                usersSize = batch.bytesRead
                progress?("importing", batch.bytesRead, total)
            case .usersDone(let rows, let hash):
                // The same rows are not enough: the same bytes (a count changed in place is caught).
                guard rows == plan.newUsers, hash == plan.usersHash else { throw changed(configuration.usersPath ?? "users") }
                try UsersTable.recreateIndexes(rebuilt, store)
            case .likes(let batch):
                for index in 0..<batch.users.count {
                    try likes.add(user: batch.users[index], subcategory: batch.subcategories[index], likes: batch.counts[index])
                }
                progress?("importing", usersSize + batch.bytesRead, total)
            case .likesDone(let rows, let hash):
                try likes.flush()
                guard rows == plan.likeRows, hash == plan.likesHash else { throw changed(configuration.likesPath ?? "likes") }
                progress?("importing", total, total)
                try writeEvents(plan, configuration: configuration, store: store, likes: likes, progress: progress)
                return
            case .failed(let place):
                throw changed(place)
            }
        }
    }

    /// The compared values of a users.csv row, for the refusal of a stored user with other values:
    /// `username "ann", email (none), country "DE"`.
    static func identityExcerpt(_ row: UserColumns.Row, compared: [Bool]) -> String {
        zip(ImportTables.identityColumns, zip(UserColumns.identityValues(row), compared)).compactMap { column, entry in
            entry.1 ? "\(column) \(entry.0.map { quotedValue($0) } ?? "(none)")" : nil
        }.joined(separator: ", ")
    }

    static func changed(_ place: String) -> WarehouseError {
        .invalidArgument("\(place) changed while importing (it differs from what was validated); nothing was written")
    }
}
