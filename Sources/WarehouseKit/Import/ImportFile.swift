import WarehouseTables

/// One input CSV of an import, opened and its header read: refuses (as problems, naming the
/// file) a path that is not a regular file or is the warehouse database itself, an empty file,
/// a compressed or binary file (by its magic bytes), text that is not UTF-8, a delimiter that
/// is clearly not a comma, and missing or duplicate columns.
struct ImportFile {
    /// The path as the user gave it: messages start with it.
    let name: String
    let reader: CSVReader
    /// Position of each known column in a record (required and optional ones present).
    let columns: [String: Int]
    /// The header's width: every record must have this many fields.
    let width: Int
    /// Header columns the import does not use, in file order.
    let ignored: [String]

    /// The size of the file in bytes (for progress).
    let size: Int64

    /// Opens `path` and reads its header; nil (with problems added) when it cannot be imported.
    /// - Parameter database: the warehouse path, which no input may be.
    static func open(_ path: String, required: [String], optional: [String], database: String?,
                     problems: inout ImportProblems) -> ImportFile? {
        let status: FileStatus?
        do {
            status = try FileStatus.of(path, followLinks: true)
        } catch {
            problems.add(path, nil, "cannot read it: \(error.reason)")
            return nil
        }
        guard let status else {
            problems.add(path, nil, "no such file")
            return nil
        }
        if let role = ProtectedFiles(database: database).role(of: status.identity) {
            problems.add(path, nil, "it is \(role), not an input file")
            return nil
        }
        guard status.kind == .regular else {
            problems.add(path, nil, "it is \(status.kind.phrase), not a regular file")
            return nil
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path)
        } catch {
            problems.add(path, nil, "\(error)")
            return nil
        }
        do {
            if let what = try kindOfBinary(reader.peek(16)) {
                problems.add(path, nil, what)
                return nil
            }
            guard try reader.next() else {
                problems.add(path, nil, "the file is empty (no header row)")
                return nil
            }
        } catch let malformed as CSVReader.Malformed {
            problems.add(path, malformed.line, malformed.reason)
            return nil
        } catch {
            problems.add(path, nil, "\(error)")
            return nil
        }
        var names: [String] = []
        for index in 0..<reader.fieldCount {
            let field = reader.field(index)
            guard field.isValidUTF8 else {
                problems.add(path, reader.line, "the header is not UTF-8 text (column \(index + 1)); save the file as UTF-8")
                return nil
            }
            names.append(String(decoding: field, as: UTF8.self).trimmingSpaces.lowercased())
        }
        if names.count == 1, let separator = likelySeparator(names[0]) {
            problems.add(path, reader.line, "the header has no commas and looks \(separator)-separated; import reads comma-separated files")
            return nil
        }
        var columns: [String: Int] = [:]
        var ok = true
        for (index, name) in names.enumerated() {
            if let earlier = columns[name] {
                problems.add(path, reader.line, "duplicate column \(quotedValue(name)) (columns \(earlier + 1) and \(index + 1))")
                ok = false
            } else {
                columns[name] = index
            }
        }
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { quotedValue($0) }.joined(separator: ", ")
            let header = names.prefix(8).map { quotedValue($0) }.joined(separator: ", ")
            problems.add(path, reader.line, "missing column\(missing.count == 1 ? "" : "s") \(list) (the header has \(header)\(names.count > 8 ? ", …" : ""))")
            ok = false
        }
        guard ok else { return nil }
        let known = Set(required + optional)
        return ImportFile(name: path, reader: reader, columns: columns.filter { known.contains($0.key) }, width: names.count,
                          ignored: names.filter { !known.contains($0) && !$0.isEmpty }, size: status.size)
    }

    /// "a gzip file" and the like for the magic bytes of compressed and binary formats.
    static func kindOfBinary(_ head: ArraySlice<UInt8>) -> String? {
        let bytes = Array(head)
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        if starts([0x1F, 0x8B]) { return "it is a gzip file (it starts with the bytes 1f 8b): decompress it first (gunzip)" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "it is a zip archive: extract the CSV first" }
        if starts([0x42, 0x5A, 0x68]) { return "it is a bzip2 file: decompress it first (bunzip2)" }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return "it is an xz file: decompress it first (unxz)" }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return "it is a zstd file: decompress it first (unzstd)" }
        if starts(Array("SQLite format 3".utf8)) { return "it is an SQLite database, not a CSV file" }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { return "it is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8" }
        if bytes.contains(0) { return "it holds NUL bytes: a binary file, not CSV text" }
        return nil
    }

    /// The separator a one-column header most likely uses instead of commas.
    static func likelySeparator(_ header: String) -> String? {
        if header.contains("\t") { return "tab" }
        if header.contains(";") { return "semicolon" }
        if header.contains("|") { return "pipe" }
        return nil
    }

    /// The current record's field for `column` (which must be known).
    func field(_ column: String) -> ArraySlice<UInt8>? {
        columns[column].map { reader.field($0) }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
