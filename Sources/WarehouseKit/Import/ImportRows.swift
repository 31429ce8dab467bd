/// The columns of `users.csv` and `likes.csv` and how one record of each is checked; both passes
/// (validation, then writing) read records through these, so they agree on every value.
///
/// In users.csv only `user_id` and `age` are required (a platform may export ids only); an
/// empty `username`, `email` or `full_name` is not given (NULL), one given is checked as before.
struct UserColumns {
    static let required = ["user_id", "age"]
    static let optional = ["username", "email", "full_name"] + UserDemographics.columns
    static let maximumAge: Int64 = 150
    /// Longest username or e-mail address, in bytes.
    static let maximumIdentityBytes = 320

    let id: Int, age: Int, username: Int?, email: Int?, fullName: Int?
    /// nil: the file has no demographic column (nothing to parse).
    let demographics: UserDemographics.Positions?
    /// The import's day (UTC), for date_of_birth: the same in both passes.
    let today: CivilDate

    init?(_ file: ImportFile, today: CivilDate) {
        guard let id = file.columns["user_id"], let age = file.columns["age"] else { return nil }
        self.id = id
        self.age = age
        username = file.columns["username"]
        email = file.columns["email"]
        fullName = file.columns["full_name"]
        demographics = UserDemographics.Positions(file)
        self.today = today
    }

    /// Whether the file has the column (a column it lacks is not compared with a stored user's).
    func has(_ column: String) -> Bool {
        switch column {
        case "username": username != nil
        case "email": email != nil
        default: demographics?.contains(column) ?? false
        }
    }

    struct Row {
        let id: Int64
        /// Empty: not given.
        let username: ArraySlice<UInt8>
        let email: ArraySlice<UInt8>
        let fullName: ArraySlice<UInt8>
        let age: Int64
        /// nil: the file has no demographic column.
        let demographics: UserDemographics?
    }

    /// The current record as a user, or the problem with it ("column age: \"151\" is outside 0–150").
    func row(_ reader: CSVReader, width: Int) -> Result<Row, ImportRowProblem> {
        let userID: Int64
        switch recordUserID(reader, width: width, column: id) {
        case .success(let id): userID = id
        case .failure(let problem): return .failure(problem)
        }
        let ageField = reader.field(age)
        let negative = ageField.first == UInt8(ascii: "-") && ageField.dropFirst().unsignedDecimal != nil
        guard let years = ageField.unsignedDecimal ?? (negative ? -1 : nil) else {
            return .failure(ImportRowProblem("column age: \(quotedValue(ageField)) is not an integer"))
        }
        guard (0...Self.maximumAge).contains(years) else {
            return .failure(ImportRowProblem("column age: \(quotedValue(ageField)) is outside 0–\(Self.maximumAge)"))
        }
        let name = username.map { reader.field($0) } ?? []
        let mail = email.map { reader.field($0) } ?? []
        for (column, field) in [("username", name), ("email", mail)] where !field.isEmpty {
            guard field.isValidUTF8 else { return .failure(ImportRowProblem("column \(column) is not UTF-8 text")) }
            guard field.count <= Self.maximumIdentityBytes else {
                return .failure(ImportRowProblem("column \(column) is longer than \(Self.maximumIdentityBytes) bytes"))
            }
            guard !field.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
                return .failure(ImportRowProblem("column \(column): \(quotedValue(field)) holds control characters"))
            }
        }
        // As the schema's CHECK (email LIKE '%_@_%'): something, an @, something.
        if !mail.isEmpty {
            guard let at = mail.dropFirst().firstIndex(of: UInt8(ascii: "@")), at < mail.endIndex - 1 else {
                return .failure(ImportRowProblem("column email: \(quotedValue(mail)) is not an e-mail address"))
            }
        }
        let full = fullName.map { reader.field($0) } ?? []
        guard full.isValidUTF8 else { return .failure(ImportRowProblem("column full_name is not UTF-8 text")) }
        guard !full.contains(0) else { return .failure(ImportRowProblem("column full_name holds a NUL byte")) }
        guard full.count <= 1_000 else { return .failure(ImportRowProblem("column full_name is longer than 1000 bytes")) }
        var demographic: UserDemographics?
        if let demographics {
            switch UserDemographics.read(reader, demographics, age: years, today: today) {
            case .success(let values): demographic = values
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(Row(id: userID, username: name, email: mail, fullName: full, age: years, demographics: demographic))
    }

    /// The row's values of `ImportTables.identityColumns`, in that order (nil: not given).
    static func identityValues(_ row: Row) -> [String?] {
        [row.username, row.email].map { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
            + (row.demographics?.values ?? Array(repeating: nil, count: UserDemographics.columns.count))
    }
}

struct LikeColumns {
    static let required = ["user_id", "subcategory"]
    static let optional = ["likes"]
    /// The largest count of one row and of one user's total, as the analysis reads them.
    static let maximumLikes = Int64(Int32.max)

    let user: Int, subcategory: Int
    /// nil: one row per like event.
    let likes: Int?

    init?(_ file: ImportFile) {
        guard let user = file.columns["user_id"], let subcategory = file.columns["subcategory"] else { return nil }
        self.user = user
        self.subcategory = subcategory
        likes = file.columns["likes"]
    }

    struct Row {
        let user: Int64
        let subcategory: Int64
        let likes: Int64
    }

    /// The current record as a like count, or the problem with it.
    func row(_ reader: CSVReader, width: Int, subcategoryIDs: SubcategoryLookup, catalogName: String) -> Result<Row, ImportRowProblem> {
        let userID: Int64
        switch recordUserID(reader, width: width, column: user) {
        case .success(let id): userID = id
        case .failure(let problem): return .failure(problem)
        }
        var count: Int64 = 1
        if let likes {
            let field = reader.field(likes)
            guard let value = field.unsignedDecimal else {
                let negative = field.first == UInt8(ascii: "-") && field.dropFirst().unsignedDecimal != nil
                return .failure(ImportRowProblem("column likes: \(quotedValue(field)) is \(negative ? "negative" : "not a non-negative integer")"))
            }
            guard value <= Self.maximumLikes else {
                return .failure(ImportRowProblem("column likes: \(quotedValue(field)) is above \(Self.maximumLikes)"))
            }
            count = value
        }
        let name = reader.field(subcategory)
        guard let id = subcategoryIDs.id(of: name) ?? subcategoryIDs.id(of: ArraySlice(String(decoding: name, as: UTF8.self).trimmingSpaces.utf8)) else {
            return .failure(ImportRowProblem("unknown subcategory \(quotedValue(name)) (not in \(catalogName))"))
        }
        return .success(Row(user: userID, subcategory: id, likes: count))
    }
}

/// What is wrong with one record, without its file and line.
struct ImportRowProblem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// The first checks of every row of users.csv, likes.csv and events.csv: the record has the
/// header's `width` fields, and its `user_id` (field `column`) is a positive integer.
func recordUserID(_ reader: CSVReader, width: Int, column: Int) -> Result<Int64, ImportRowProblem> {
    guard reader.fieldCount == width else {
        return .failure(ImportRowProblem("\(reader.fieldCount) fields, the header has \(width) columns"))
    }
    let field = reader.field(column)
    guard let userID = field.unsignedDecimal, userID > 0 else {
        return .failure(ImportRowProblem("column user_id: \(quotedValue(field)) is not a positive integer"))
    }
    return .success(userID)
}

/// A 128-bit fingerprint of a username or e-mail: two independent 64-bit hashes, so that two
/// different values of a million-user file collide with probability about 10⁻²⁷ — the in-memory
/// uniqueness check stores 16 bytes per value instead of the value. (The unique indexes stay the
/// final arbiter when the rows are written.)
struct Fingerprint: Hashable {
    let high: UInt64
    let low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        var fnv: UInt64 = 0xCBF2_9CE4_8422_2325
        var mix: UInt64 = 0x9E37_79B9_7F4A_7C15
        for byte in bytes {
            fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            mix = (mix ^ UInt64(byte)) &* 0xBF58_476D_1CE4_E5B9
            mix ^= mix >> 31
        }
        high = fnv
        low = mix
    }
}

/// Subcategory name (UTF-8 bytes) → id, for the like rows: an open-addressing table keyed by a
/// 64-bit FNV-1a hash of the bytes, so a lookup hashes the field once, with no allocation
/// (Swift's `Dictionary` of byte slices feeds its hasher one byte at a time).
struct SubcategoryLookup {
    private var slots: [(hash: UInt64, name: [UInt8], id: Int64)?]
    private let mask: Int

    init(_ entries: [(name: [UInt8], id: Int64)]) {
        var size = 16
        while size < entries.count * 4 { size <<= 1 }
        slots = Array(repeating: nil, count: size)
        mask = size - 1
        for entry in entries {
            let hash = Self.hash(entry.name[...])
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = (hash, entry.name, entry.id)
        }
    }

    func id(of name: ArraySlice<UInt8>) -> Int64? {
        let hash = Self.hash(name)
        var index = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[index] {
            if slot.hash == hash, slot.name.elementsEqual(name) { return slot.id }
            index = (index + 1) & mask
        }
        return nil
    }

    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
