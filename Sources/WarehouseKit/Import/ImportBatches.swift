import Dispatch
import WarehouseSupport

/// The writing pass's parsing half: users.csv, then likes.csv, re-read on a background thread
/// and handed to the writing thread in batches (`BatchChannel`, a few batches deep), so parsing
/// and SQLite's inserts run on the two cores at once. Every record is checked again against what
/// the validation pass saw (same user on the same line, known users only): a file changed in
/// between is a failure, and the writer rolls back.
enum ImportBatch: Sendable {
    /// Users: ids, ages, like totals, and username, full name and e-mail of each as UTF-8 in `text`,
    /// then (when users.csv has any demographic column) the seven of `UserDemographics.columns`
    /// in their stored forms (field `i` of user `u` ends at `ends[fieldsPerUser·u + i]`; empty: NULL).
    struct Users: Sendable {
        static let identityFields = 3
        static let demographicFields = identityFields + UserDemographics.columns.count
        var fieldsPerUser = identityFields
        var ids: [Int64] = []
        var ages: [Int64] = []
        var totals: [Int64] = []
        var text: [UInt8] = []
        var ends: [Int] = []
        var bytesRead: Int64 = 0

        func field(_ user: Int, _ index: Int) -> String {
            let position = fieldsPerUser * user + index
            let start = position == 0 ? 0 : ends[position - 1]
            return String(decoding: text[start..<ends[position]], as: UTF8.self)
        }
    }

    struct Likes: Sendable {
        var users: [Int64] = []
        var subcategories: [Int64] = []
        var counts: [Int64] = []
        var bytesRead: Int64 = 0
    }

    case users(Users)
    /// Every user is sent: `rows` of them, from a file whose bytes hash to `hash` (`CSVReader.contentHash`).
    case usersDone(rows: Int, hash: UInt64)
    case likes(Likes)
    /// Every like is sent: `rows` like rows read, from a file whose bytes hash to `hash`.
    case likesDone(rows: Int, hash: UInt64)
    /// A file could not be read again as validated: the place, for the message.
    case failed(String)

    static let batchRows = 8_192

    /// Starts the parser; the caller takes batches from the channel until `likesDone` or `failed`.
    static func start(usersPath: String?, likesPath: String?, catalogName: String, users table: UserTable,
                      skippedLines: Set<Int> = [], subcategories: SubcategoryLookup, today: CivilDate) -> BatchChannel<ImportBatch> {
        let channel = BatchChannel<ImportBatch>(depth: 4)
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome = produce(usersPath: usersPath, likesPath: likesPath, catalogName: catalogName, table: table,
                                  skippedLines: skippedLines, subcategories: subcategories, today: today, channel: channel)
            if let failure = outcome { _ = channel.put(.failed(failure)) }
        }
        return channel
    }

    /// Parses and sends everything; returns the place of a failure, nil when all was sent (or cancelled).
    private static func produce(usersPath: String?, likesPath: String?, catalogName: String, table: UserTable,
                                skippedLines: Set<Int>, subcategories: SubcategoryLookup, today: CivilDate,
                                channel: BatchChannel<ImportBatch>) -> String? {
        var problems = ImportProblems(limit: 1)
        guard let usersPath else {
            guard channel.put(.users(Users())), channel.put(.usersDone(rows: 0, hash: 0)) else { return nil }
            return produceLikes(likesPath: likesPath, catalogName: catalogName, table: table, subcategories: subcategories, channel: channel)
        }
        guard let usersFile = ImportFile.open(usersPath, required: UserColumns.required, optional: UserColumns.optional,
                                              database: nil, problems: &problems),
              let userColumns = UserColumns(usersFile, today: today) else {
            return problems.lines.first ?? usersPath
        }
        do {
            let fieldsPerUser = userColumns.demographics == nil ? Users.identityFields : Users.demographicFields
            var batch = Users(fieldsPerUser: fieldsPerUser)
            var rows = 0
            let reader = usersFile.reader
            while try reader.next() {
                guard case .success(let row) = userColumns.row(reader, width: usersFile.width),
                      let slot = table.find(row.id), slot.line == reader.line || (slot.line == 0 && skippedLines.contains(reader.line)) else {
                    return "\(usersFile.name):\(reader.line)"
                }
                if slot.line == 0 { continue }
                batch.ids.append(row.id)
                batch.ages.append(row.age)
                batch.totals.append(slot.total)
                for field in [row.username, row.fullName, row.email] {
                    batch.text.append(contentsOf: field)
                    batch.ends.append(batch.text.count)
                }
                if let demographics = row.demographics {
                    for value in demographics.values {
                        if let value { batch.text.append(contentsOf: value.utf8) }
                        batch.ends.append(batch.text.count)
                    }
                }
                rows += 1
                if batch.ids.count == batchRows {
                    batch.bytesRead = reader.bytesRead
                    guard channel.put(.users(batch)) else { return nil }
                    batch = Users(fieldsPerUser: fieldsPerUser)
                }
            }
            batch.bytesRead = reader.bytesRead
            guard channel.put(.users(batch)), channel.put(.usersDone(rows: rows, hash: reader.contentHash)) else { return nil }
        } catch let malformed as CSVReader.Malformed {
            return "line \(malformed.line)"
        } catch {
            return "\(error)"
        }
        return produceLikes(likesPath: likesPath, catalogName: catalogName, table: table, subcategories: subcategories, channel: channel)
    }

    /// Parses and sends likes.csv (or, with none, that there are none).
    private static func produceLikes(likesPath: String?, catalogName: String, table: UserTable, subcategories: SubcategoryLookup,
                                     channel: BatchChannel<ImportBatch>) -> String? {
        guard let likesPath else {
            _ = channel.put(.likesDone(rows: 0, hash: 0))
            return nil
        }
        var problems = ImportProblems(limit: 1)
        guard let likesFile = ImportFile.open(likesPath, required: LikeColumns.required, optional: LikeColumns.optional,
                                              database: nil, problems: &problems),
              let likeColumns = LikeColumns(likesFile) else {
            return problems.lines.first ?? likesPath
        }
        do {
            var likes = Likes()
            var likeRows = 0
            var lastUser: Int64 = 0
            let likesReader = likesFile.reader
            while try likesReader.next() {
                guard case .success(let row) = likeColumns.row(likesReader, width: likesFile.width, subcategoryIDs: subcategories,
                                                               catalogName: catalogName),
                      row.user == lastUser || table.find(row.user)?.line ?? 0 > 0 else {
                    return "\(likesFile.name):\(likesReader.line)"
                }
                lastUser = row.user
                likeRows += 1
                guard row.likes > 0 else { continue }
                likes.users.append(row.user)
                likes.subcategories.append(row.subcategory)
                likes.counts.append(row.likes)
                if likes.users.count == batchRows {
                    likes.bytesRead = likesReader.bytesRead
                    guard channel.put(.likes(likes)) else { return nil }
                    likes = Likes()
                }
            }
            likes.bytesRead = likesReader.bytesRead
            guard channel.put(.likes(likes)), channel.put(.likesDone(rows: likeRows, hash: likesReader.contentHash)) else { return nil }
            return nil
        } catch let malformed as CSVReader.Malformed {
            return "line \(malformed.line)"
        } catch {
            return "\(error)"
        }
    }
}
