import WarehouseTables

/// Sorted runs of an events file that is not in time order, held in an unlinked temporary file
/// beside the database and merged back in the table's key order, so SQLite appends whatever the
/// file's order. (Written run by run, a shuffled file's runs each land all over the table: past
/// the page cache, every run rewrites most of it.) Memory: one read buffer per run.
///
/// A spilled row is 48 bytes (day, second, kind and the keyword's byte count as 32-bit
/// integers; user, subcategory, item and the value's bits as 64-bit ones), then its keyword's
/// UTF-8 bytes. The ordinal is not kept: the merge numbers rows equal in every key column again,
/// in `ImportJob.sortAndNumber`'s order, so they get the same ordinals as one sort of the whole file.
///
/// Used by one thread at a time: the writing thread fills it, then hands it to the thread that
/// merges it (`EventRun.merge`) and only takes rows from that thread's channel after.
final class EventSpill: @unchecked Sendable {
    private let file: SpillFile
    /// Byte ranges of the runs in the file.
    private var runs: [Range<Int>] = []
    private var size = 0
    private var bytes: [UInt8] = []

    /// Fixed bytes of a spilled row.
    static let fixedBytes = 48

    /// A spill in `directory` (created there, unlinked at once: the system removes it when closed).
    init(directory: String) throws {
        file = try SpillFile(directory: directory, owner: "the import")
    }

    /// Appends one run, sorted by `ImportJob.sortAndNumber`; `keywords` are the texts of its keyword indexes.
    func append(_ rows: [ImportedInteraction], keywords: [String]) throws {
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(rows.count * Self.fixedBytes)
        let texts = keywords.map { Array($0.utf8) }
        for row in rows {
            let keyword = row.keyword >= 0 ? texts[Int(row.keyword)] : []
            for word in [UInt32(bitPattern: row.day), UInt32(bitPattern: row.second), UInt32(bitPattern: row.kind),
                         UInt32(row.keyword >= 0 ? keyword.count : Int(UInt32.max))] {
                withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
            }
            for word in [UInt64(bitPattern: row.user), UInt64(bitPattern: row.subcategory), UInt64(bitPattern: row.item), row.value.bitPattern] {
                withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
            }
            bytes.append(contentsOf: keyword)
        }
        try file.transfer(&bytes, offset: size, count: bytes.count, writing: true)
        runs.append(size..<(size + bytes.count))
        size += bytes.count
    }

    /// Calls `body` with every spilled row in the table's key order, in batches of about
    /// `batchRows` rows (ordinals numbered across the batches), with the batch's keyword texts.
    func merge(batchRows: Int, _ body: ([ImportedInteraction], [String]) throws -> Void) throws {
        var cursors = try runs.map { try Cursor(spill: self, range: $0) }
        // A binary min-heap of the cursors that have a row.
        var heap = cursors.indices.filter { cursors[$0].current != nil }
        func less(_ a: Int, _ b: Int) -> Bool {
            guard let x = cursors[a].current, let y = cursors[b].current else { return false }
            return EventSpill.precedes(x, y)
        }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count && less(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count && less(heap[right], heap[smallest]) { smallest = right }
                guard smallest != parent else { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        var batch: [ImportedInteraction] = []
        batch.reserveCapacity(batchRows)
        var keywords: [String] = []
        var keywordIndex: [String: Int32] = [:]
        var previous: ImportedInteraction?
        while let top = heap.first, let row = cursors[top].current {
            var interaction = row.interaction
            if let text = row.keyword {
                if let found = keywordIndex[text] {
                    interaction.keyword = found
                } else {
                    interaction.keyword = Int32(keywords.count)
                    keywordIndex[text] = interaction.keyword
                    keywords.append(text)
                }
            }
            if let previous, previous.sameKey(interaction) { interaction.ordinal = previous.ordinal + 1 }
            previous = interaction
            batch.append(interaction)
            try cursors[top].advance()
            if cursors[top].current == nil {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            siftDown(0)
            if batch.count >= batchRows {
                try body(batch, keywords)
                batch.removeAll(keepingCapacity: true)
                keywords.removeAll()
                keywordIndex.removeAll()
            }
        }
        if !batch.isEmpty { try body(batch, keywords) }
    }

    /// A spilled row: the interaction (its keyword field unused) and its keyword's text.
    struct Row {
        var interaction: ImportedInteraction
        var keyword: String?
    }

    /// `ImportJob.sortAndNumber`'s order: the key, then the value (none first), then the keyword (none first).
    static func precedes(_ x: Row, _ y: Row) -> Bool {
        if let order = ImportJob.precedesBeforeKeyword(x.interaction, y.interaction) { return order }
        switch (x.keyword, y.keyword) {
        case (nil, nil), (.some, nil): return false
        case (nil, .some): return true
        case let (.some(p), .some(q)): return p < q
        }
    }

    /// Reads one run through a buffer of its own.
    private struct Cursor {
        let spill: EventSpill
        var position: Int
        let end: Int
        var buffer: [UInt8] = []
        var start = 0
        var current: Row?

        static let bufferBytes = 1 << 18

        init(spill: EventSpill, range: Range<Int>) throws {
            self.spill = spill
            position = range.lowerBound
            end = range.upperBound
            try advance()
        }

        /// Reads the next row into `current` (nil at the run's end).
        mutating func advance() throws {
            guard try available(EventSpill.fixedBytes) else {
                current = nil
                return
            }
            func u32(_ at: Int) -> UInt32 {
                buffer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start + at, as: UInt32.self)) }
            }
            func u64(_ at: Int) -> UInt64 {
                buffer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: start + at, as: UInt64.self)) }
            }
            let length = u32(12)
            var row = Row(interaction: ImportedInteraction(
                day: Int32(bitPattern: u32(0)), second: Int32(bitPattern: u32(4)), kind: Int32(bitPattern: u32(8)), keyword: -1,
                user: Int64(bitPattern: u64(16)), subcategory: Int64(bitPattern: u64(24)), item: Int64(bitPattern: u64(32)),
                value: Double(bitPattern: u64(40))), keyword: nil)
            start += EventSpill.fixedBytes
            if length != UInt32.max {
                let count = Int(length)
                guard try available(count) else { throw WarehouseError.brokenInvariant("the import's temporary file ends inside a row") }
                row.keyword = String(decoding: buffer[start..<(start + count)], as: UTF8.self)
                start += count
            }
            current = row
        }

        /// Whether `count` unread bytes are in the buffer, reading more of the run when not.
        private mutating func available(_ count: Int) throws -> Bool {
            if buffer.count - start >= count { return true }
            let kept = Array(buffer[start...])
            let wanted = min(max(Self.bufferBytes, count), end - position)
            guard wanted > 0, kept.count + wanted >= count else { return false }
            var read = [UInt8](repeating: 0, count: wanted)
            try spill.file.transfer(&read, offset: position, count: wanted, writing: false)
            position += wanted
            buffer = kept + read
            start = 0
            return buffer.count >= count
        }
    }
}
