/// The import's in-memory indexes: open-addressing hash tables with linear probing and a
/// multiplicative (Fibonacci) hash, kept at most half full. Swift's `Dictionary` hashes every key
/// with a seeded SipHash; these cost one multiply, and their flat arrays hold 24 bytes per user
/// (ids) or 24 per username / e-mail (fingerprints), whatever the files' sizes.

/// User id → (line in users.csv, 0 for a user already in the warehouse; likes so far).
///
/// One array of entries, so a lookup (a cache miss in a table of a million users, one per event
/// in a time-ordered file) fetches the id, line and total together.
struct UserTable {
    private struct Entry {
        /// 0: an empty slot.
        var id: Int64
        var line: Int
        var total: Int64
    }

    private var entries: [Entry]
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        var bits: UInt64 = 4
        while size < capacity * 2 { size <<= 1; bits += 1 }
        entries = Array(repeating: Entry(id: 0, line: 0, total: 0), count: size)
        shift = 64 - bits
    }

    /// The slot of `id` (ids are positive; 0 marks an empty slot), or of the empty slot it would take.
    private func slot(_ id: Int64) -> Int {
        var index = Int(truncatingIfNeeded: (UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = entries.count - 1
        while true {
            let found = entries[index].id
            if found == id || found == 0 { return index }
            index = (index + 1) & mask
        }
    }

    /// The line and total of `id`, nil when it is not in the table.
    func find(_ id: Int64) -> (line: Int, total: Int64)? {
        let entry = entries[slot(id)]
        return entry.id == id ? (entry.line, entry.total) : nil
    }

    /// Adds `id` (which must not be there yet).
    mutating func insert(_ id: Int64, line: Int) {
        if (count + 1) * 2 > entries.count { grow() }
        entries[slot(id)] = Entry(id: id, line: line, total: 0)
        count += 1
    }

    /// Adds `likes` to the total of `id` (which must be there).
    mutating func addToTotal(_ id: Int64, _ likes: Int64) {
        entries[slot(id)].total += likes
    }

    /// Sets the total of `id` (which must be there).
    mutating func setTotal(_ id: Int64, _ total: Int64) {
        entries[slot(id)].total = total
    }

    /// Every (line, total) of the users read from users.csv (line > 0).
    var fileUsers: [(line: Int, total: Int64)] {
        entries.compactMap { $0.id != 0 && $0.line > 0 ? ($0.line, $0.total) : nil }
    }

    private mutating func grow() {
        let old = entries
        self = UserTable(capacity: entries.count)
        for entry in old where entry.id != 0 {
            entries[slot(entry.id)] = entry
            count += 1
        }
    }
}

/// Fingerprint → the line it was first seen on (0: already in the warehouse).
struct FingerprintTable {
    private var highs: [UInt64]
    private var lows: [UInt64]
    /// -1 marks an empty slot.
    private var lines: [Int]
    private var shift: UInt64
    private var count = 0

    init(capacity: Int) {
        var size = 16
        var bits: UInt64 = 4
        while size < capacity * 2 { size <<= 1; bits += 1 }
        highs = Array(repeating: 0, count: size)
        lows = Array(repeating: 0, count: size)
        lines = Array(repeating: -1, count: size)
        shift = 64 - bits
    }

    private func slot(_ key: Fingerprint) -> Int {
        var index = Int(truncatingIfNeeded: (key.low &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = lines.count - 1
        while lines[index] >= 0 && (highs[index] != key.high || lows[index] != key.low) { index = (index + 1) & mask }
        return index
    }

    /// The line `key` was first seen on, nil when new.
    func line(of key: Fingerprint) -> Int? {
        let line = lines[slot(key)]
        return line >= 0 ? line : nil
    }

    /// Records `key` (which must be new) as seen on `line`.
    mutating func insert(_ key: Fingerprint, line: Int) {
        if (count + 1) * 2 > lines.count { grow() }
        let index = slot(key)
        highs[index] = key.high
        lows[index] = key.low
        lines[index] = line
        count += 1
    }

    private mutating func grow() {
        let old = (highs, lows, lines)
        self = FingerprintTable(capacity: lines.count)
        for index in 0..<old.2.count where old.2[index] >= 0 {
            insert(Fingerprint(high: old.0[index], low: old.1[index]), line: old.2[index])
        }
    }
}
