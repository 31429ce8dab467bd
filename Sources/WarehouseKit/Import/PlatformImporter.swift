import Dispatch
import Storage

/// `warehouse import`: a platform's own taxonomy, users and likes from three CSV files.
///
/// Two passes over the files. The first validates everything and writes nothing (the database
/// is opened read-only, if at all): every refusal names file, line, column and value, and the
/// first `problemLimit` problems are reported together (`ImportRefusal`). It keeps only compact
/// state: per user id its line and like total (`UserSlot`), and a 128-bit fingerprint per
/// username and e-mail, about 100 bytes per user whatever the files' sizes. The second pass, in
/// ONE transaction, re-reads the files and writes the catalogue (when new), users (with
/// `liked_posts` = the total of their likes) and likes (repeated user–subcategory rows added up
/// by an upsert), with the unique indexes on `users` rebuilt after the load when the new users
/// at least double the table, as the seed does. A refused import never opened the database for
/// writing, so the file is byte for byte as it was.
public enum PlatformImporter {
    /// (phase, bytes read, bytes in the phase).
    public typealias Progress = (String, Int64, Int64) -> Void

    /// Per user of users.csv (or, `line` 0, already in the warehouse): where it was and its likes so far.
    struct UserSlot {
        var line: Int
        var total: Int64
    }

    /// What the validation pass leaves for the writing pass.
    struct Plan {
        var catalogue: ImportedCatalogue
        /// Stored ids of the catalogue's subcategories, in catalogue order (nil: write a new catalogue).
        var existingSubcategoryIDs: [Int64]?
        var existingUsers: Int
        var slots: [Int64: UserSlot]
        var newUsers = 0
        var likeRows = 0
        var likes: Int64 = 0
        var ignored: [String] = []

        /// Subcategory name (UTF-8) → the id it has or will have.
        var subcategoryIDs: [ArraySlice<UInt8>: Int64] {
            var map: [ArraySlice<UInt8>: Int64] = [:]
            for (index, subcategory) in catalogue.subcategories.enumerated() {
                map[ArraySlice(subcategory.name.utf8)] = existingSubcategoryIDs?[index] ?? Int64(index + 1)
            }
            return map
        }
    }

    public static func run(database: String, configuration: PlatformImportConfiguration,
                           notice: (String) -> Void = { _ in }, progress: Progress? = nil) throws -> PlatformImportSummary {
        let started = DispatchTime.now()
        var problems = ImportProblems(limit: configuration.problemLimit)
        for path in [configuration.usersPath, configuration.likesPath] where path == configuration.catalogPath {
            problems.add(path, nil, "the same file is given for two inputs")
        }
        guard problems.isEmpty else { throw problems.refusal() }
        guard let catalogue = ImportedCatalogue.read(configuration.catalogPath, database: database, problems: &problems) else {
            throw problems.refusal()
        }
        var plan = Plan(catalogue: catalogue, existingSubcategoryIDs: nil, existingUsers: 0, slots: [:])
        var usernames: [Fingerprint: Int] = [:]
        var emails: [Fingerprint: Int] = [:]
        var state: [SQLValue]?
        let exists = FileStatus.ifPresent(database, followLinks: true) != nil
        if exists {
            let store = try WarehouseStore(path: database, mode: .readOnly)
            try store.snapshot {
                state = try ImportTables.stateFingerprint(store.connection)
                try readExisting(store, configuration: configuration, plan: &plan, usernames: &usernames, emails: &emails,
                                 problems: &problems)
            }
        }
        guard problems.isEmpty else { throw problems.refusal() }
        try validate(configuration, database: database, plan: &plan, usernames: &usernames, emails: &emails,
                     problems: &problems, progress: progress)
        usernames = [:]
        emails = [:]
        guard problems.isEmpty else { throw problems.refusal() }
        for line in plan.ignored { notice(line) }
        if !configuration.dryRun {
            let store = try WarehouseStore(path: database, mode: .createIfMissing)
            try store.write(bulk: true) {
                // The warehouse must be as the validation read it.
                guard try ImportTables.stateFingerprint(store.connection) == state || (!exists && UsersTable.count(store.connection) == 0) else {
                    throw WarehouseError.brokenInvariant("the warehouse changed while the files were validated; nothing was written, run the import again")
                }
                try write(plan, configuration: configuration, connection: store.connection, progress: progress)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let withoutLikes = plan.slots.values.reduce(0) { $0 + ($1.line > 0 && $1.total == 0 ? 1 : 0) }
        return PlatformImportSummary(
            database: database, dryRun: configuration.dryRun, append: configuration.append, users: plan.newUsers,
            likeRowsRead: plan.likeRows, likes: plan.likes, usersWithoutLikes: withoutLikes,
            categories: catalogue.categories.count, subcategories: catalogue.subcategories.count,
            catalogue: plan.existingSubcategoryIDs == nil ? "new" : "existing", ignoredColumns: plan.ignored, seconds: seconds)
    }

    /// Reads what the warehouse holds: its users (refused without --append) and its catalogue
    /// (which must be the file's, if any).
    private static func readExisting(_ store: WarehouseStore, configuration: PlatformImportConfiguration, plan: inout Plan,
                                     usernames: inout [Fingerprint: Int], emails: inout [Fingerprint: Int],
                                     problems: inout ImportProblems) throws {
        let connection = store.connection
        let users = try UsersTable.count(connection)
        if users > 0 && !configuration.append {
            problems.add(store.path, nil, "the warehouse already has \(Format.count(users)) users; pass --append to add new ones, or choose another --db")
            return
        }
        let stored = try ImportTables.catalogue(connection)
        if !stored.categories.isEmpty || !stored.subcategories.isEmpty {
            guard let ids = matchCatalogue(plan.catalogue, stored: stored, catalogName: configuration.catalogPath,
                                           database: store.path, problems: &problems) else { return }
            plan.existingSubcategoryIDs = ids
        }
        plan.existingUsers = users
        guard users > 0 else { return }
        plan.slots.reserveCapacity(users)
        try ImportTables.eachIdentity(connection) { id, username, email in
            plan.slots[id] = UserSlot(line: 0, total: 0)
            usernames[Fingerprint(username.utf8)] = 0
            emails[Fingerprint(email.utf8)] = 0
        }
    }

    /// The stored ids of the file's subcategories when the warehouse holds the same catalogue
    /// (same categories, same subcategories under each, by name); nil with problems otherwise.
    static func matchCatalogue(_ catalogue: ImportedCatalogue, stored: (categories: [ImportTables.StoredEntry], subcategories: [ImportTables.StoredEntry]),
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
    private static func validate(_ configuration: PlatformImportConfiguration, database: String, plan: inout Plan,
                                 usernames: inout [Fingerprint: Int], emails: inout [Fingerprint: Int],
                                 problems: inout ImportProblems, progress: Progress?) throws {
        let usersFile = ImportFile.open(configuration.usersPath, required: UserColumns.required, optional: UserColumns.optional,
                                        database: database, problems: &problems)
        let likesFile = ImportFile.open(configuration.likesPath, required: LikeColumns.required, optional: LikeColumns.optional,
                                        database: database, problems: &problems)
        guard let users = usersFile, let userColumns = UserColumns(users),
              let likesFile, let likeColumns = LikeColumns(likesFile) else { return }
        if !users.ignored.isEmpty { plan.ignored.append("\(users.name): ignoring column\(users.ignored.count == 1 ? "" : "s") \(users.ignored.map { quotedValue($0) }.joined(separator: ", "))") }
        if !likesFile.ignored.isEmpty { plan.ignored.append("\(likesFile.name): ignoring column\(likesFile.ignored.count == 1 ? "" : "s") \(likesFile.ignored.map { quotedValue($0) }.joined(separator: ", "))") }
        let total = users.size + likesFile.size
        var rows = 0
        let reader = users.reader
        do {
            while !problems.isFull, try reader.next() {
                rows += 1
                if rows & 4095 == 0 { progress?("validating", reader.bytesRead, total) }
                switch userColumns.row(reader, width: users.width) {
                case .failure(let problem):
                    problems.add(users.name, reader.line, problem.text)
                case .success(let row):
                    if let earlier = plan.slots[row.id] {
                        problems.add(users.name, reader.line, earlier.line == 0
                            ? "user_id \(row.id) is already in the warehouse (--append adds new users only)"
                            : "duplicate user_id \(row.id) (first on line \(earlier.line))")
                        continue
                    }
                    let name = Fingerprint(row.username)
                    if let earlier = usernames[name] {
                        problems.add(users.name, reader.line, "duplicate username \(quotedValue(row.username)) (\(earlier == 0 ? "already in the warehouse" : "first on line \(earlier)"))")
                        continue
                    }
                    let mail = Fingerprint(row.email)
                    if let earlier = emails[mail] {
                        problems.add(users.name, reader.line, "duplicate email \(quotedValue(row.email)) (\(earlier == 0 ? "already in the warehouse" : "first on line \(earlier)"))")
                        continue
                    }
                    usernames[name] = reader.line
                    emails[mail] = reader.line
                    plan.slots[row.id] = UserSlot(line: reader.line, total: 0)
                    plan.newUsers += 1
                }
            }
        } catch let malformed as CSVReader.Malformed {
            problems.add(users.name, malformed.line, malformed.reason)
        }
        if problems.isEmpty && plan.newUsers == 0 { problems.add(users.name, nil, "no users (only a header)") }
        guard problems.isEmpty else { return }
        let ids = plan.subcategoryIDs
        let likes = likesFile.reader
        do {
            while !problems.isFull, try likes.next() {
                rows += 1
                if rows & 4095 == 0 { progress?("validating", users.size + likes.bytesRead, total) }
                switch likeColumns.row(likes, width: likesFile.width, subcategoryIDs: ids, catalogName: configuration.catalogPath) {
                case .failure(let problem):
                    problems.add(likesFile.name, likes.line, problem.text)
                case .success(let row):
                    plan.likeRows += 1
                    guard var slot = plan.slots[row.user], slot.line > 0 else {
                        problems.add(likesFile.name, likes.line, plan.slots[row.user] == nil
                            ? "user_id \(row.user) is not in \(users.name)\(configuration.append ? " (nor in the warehouse)" : "")"
                            : "user_id \(row.user) is already in the warehouse; --append imports likes of new users only")
                        continue
                    }
                    slot.total += row.likes
                    guard slot.total <= LikeColumns.maximumLikes else {
                        problems.add(likesFile.name, likes.line, "user \(row.user) has more than \(LikeColumns.maximumLikes) likes in all")
                        continue
                    }
                    plan.slots[row.user] = slot
                    plan.likes += row.likes
                }
            }
        } catch let malformed as CSVReader.Malformed {
            problems.add(likesFile.name, malformed.line, malformed.reason)
        }
        progress?("validating", total, total)
    }

    /// The writing pass, inside the import's transaction.
    private static func write(_ plan: Plan, configuration: PlatformImportConfiguration, connection: Connection,
                              progress: Progress?) throws {
        let catalogue = plan.catalogue
        if plan.existingSubcategoryIDs == nil {
            let categories = catalogue.categories.enumerated().map { (id: Int64($0.offset + 1), name: $0.element) }
            let subcategories = catalogue.subcategories.enumerated().map {
                (id: Int64($0.offset + 1), categoryID: Int64($0.element.category + 1), name: $0.element.name, description: $0.element.description)
            }
            try ImportTables.writeCatalogue(categories: categories, subcategories: subcategories, connection)
            try CatalogueViews.regenerate(connection)
        }
        var problems = ImportProblems(limit: 1)
        guard let users = ImportFile.open(configuration.usersPath, required: UserColumns.required, optional: UserColumns.optional,
                                          database: nil, problems: &problems),
              let userColumns = UserColumns(users),
              let likesFile = ImportFile.open(configuration.likesPath, required: LikeColumns.required, optional: LikeColumns.optional,
                                              database: nil, problems: &problems),
              let likeColumns = LikeColumns(likesFile) else {
            throw changed(problems.lines.first ?? configuration.usersPath)
        }
        let total = users.size + likesFile.size
        let rebuilt = plan.newUsers >= plan.existingUsers ? try UsersTable.dropIndexes(connection) : []
        let writer = try ImportTables.userWriter(connection)
        var batch: [(UserColumns.Row, Int64)] = []
        batch.reserveCapacity(4096)
        var rows = 0
        func flush() throws {
            try writer.insert(count: batch.count) { statement, index, first in
                let (row, total) = batch[index]
                try statement.bind(row.id, at: first)
                try statement.bind(String(decoding: row.username, as: UTF8.self), at: first + 1)
                try statement.bind(String(decoding: row.fullName, as: UTF8.self), at: first + 2)
                try statement.bind(String(decoding: row.email, as: UTF8.self), at: first + 3)
                try statement.bind(row.age, at: first + 4)
                try statement.bind(total, at: first + 5)
            }
            batch.removeAll(keepingCapacity: true)
        }
        do {
            let reader = users.reader
            while try reader.next() {
                guard case .success(let row) = userColumns.row(reader, width: users.width),
                      let slot = plan.slots[row.id], slot.line == reader.line else {
                    throw changed("\(users.name):\(reader.line)")
                }
                // The row's slices point into the reader's record: copy them before the next record.
                batch.append((UserColumns.Row(id: row.id, username: ArraySlice(Array(row.username)), email: ArraySlice(Array(row.email)),
                                              fullName: ArraySlice(Array(row.fullName)), age: row.age), slot.total))
                if batch.count == 4096 {
                    try flush()
                    progress?("importing", reader.bytesRead, total)
                }
                rows += 1
            }
            try flush()
            guard rows == plan.newUsers else { throw changed(users.name) }
            try UsersTable.recreateIndexes(rebuilt, connection)
            let ids = plan.subcategoryIDs
            let likes = try ImportTables.LikeWriter(connection)
            let reader2 = likesFile.reader
            var likeRows = 0
            while try reader2.next() {
                guard case .success(let row) = likeColumns.row(reader2, width: likesFile.width, subcategoryIDs: ids,
                                                               catalogName: configuration.catalogPath),
                      plan.slots[row.user]?.line ?? 0 > 0 else {
                    throw changed("\(likesFile.name):\(reader2.line)")
                }
                likeRows += 1
                if row.likes > 0 { try likes.add(user: row.user, subcategory: row.subcategory, likes: row.likes) }
                if likeRows & 16383 == 0 { progress?("importing", users.size + reader2.bytesRead, total) }
            }
            try likes.flush()
            guard likeRows == plan.likeRows else { throw changed(likesFile.name) }
            progress?("importing", total, total)
        } catch let malformed as CSVReader.Malformed {
            throw changed("line \(malformed.line)")
        }
    }

    private static func changed(_ place: String) -> WarehouseError {
        .invalidArgument("\(place) changed while importing (it differs from what was validated); nothing was written")
    }
}
