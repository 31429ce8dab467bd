import Foundation
import WarehouseSupport
import WarehouseTables

/// The segments an engine assigned, read from its CSV output and matched to the users it was
/// given.
///
/// Format: one CSV file, or a directory of part files (`*.csv`, read in name order; names
/// starting with "." or "_", such as Spark's `_SUCCESS` and `.crc` files, are skipped). Every
/// file starts with a header naming at least `user_id` and `segment`, optionally `distance`, in
/// any order (other columns are ignored). `segment` is 1…k; `distance`, when present, must be a
/// finite number ≥ 0 (the run stores the distance recomputed from its own tables).
///
/// Invariant of the result: every one of the expected users has exactly one segment.
struct EngineAssignments {
    /// Per expected user (parallel to the `userIDs` given), the segment 0…k−1 as the engine numbered it.
    let labels: [Int32]
    /// The files read, relative to the result directory.
    let files: [String]

    /// - Parameters:
    ///   - userIDs: the users the engine was given (ascending): those with likes up to `maxUserID`.
    ///   - warehouseIDs: every user of the warehouse (ascending), to say why an id is unexpected.
    /// - Throws: `WarehouseError.invalidArgument` naming the file, the line and the value.
    static func read(directory: String, relativePath: String, userIDs: [Int64], warehouseIDs: [Int64],
                     maxUserID: Int64, k: Int) throws -> EngineAssignments {
        let root = URL(fileURLWithPath: directory)
        let files = try partFiles(root: root, relativePath: relativePath)
        var labels = [Int32](repeating: -1, count: userIDs.count)
        for file in files {
            try readFile(root.appendingPathComponent(file).path, into: &labels, userIDs: userIDs,
                         warehouseIDs: warehouseIDs, maxUserID: maxUserID, k: k)
        }
        if let missing = labels.firstIndex(of: -1) {
            let count = labels.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            throw WarehouseError.invalidArgument(
                "'\(root.appendingPathComponent(relativePath).path)' gives no segment to \(count) of the \(userIDs.count) exported users "
                    + "(the first is user \(userIDs[missing])); every exported user needs one")
        }
        return EngineAssignments(labels: labels, files: files)
    }

    /// The CSV files to read, relative to `root`.
    static func partFiles(root: URL, relativePath: String) throws -> [String] {
        let url = root.appendingPathComponent(relativePath)
        // No link anywhere on the way, and a file or a directory at the end (a FIFO would hang the read).
        try InputFile.requireNoLinks(root: root.path, relativePath: relativePath, role: "the assignments")
        guard let status = InputFile.status(of: url.path) else {
            throw WarehouseError.invalidArgument("no assignments at '\(url.path)' (meta.json names '\(printableExcerpt(relativePath, limit: 64))')")
        }
        switch status.kind {
        case .regular:
            return [relativePath]
        case .directory:
            break
        default:
            _ = try InputFile.requireRegularFile(url.path, role: "the assignments")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let parts = entries.filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") && $0.hasSuffix(".csv") }.sorted()
        guard !parts.isEmpty else {
            throw WarehouseError.invalidArgument("'\(url.path)' holds no CSV part file (*.csv)")
        }
        for part in parts {
            // Names are printed in messages: one with an escape sequence would reach the terminal.
            if part.unicodeScalars.contains(where: isUnprintable) {
                throw WarehouseError.invalidArgument(
                    "'\(url.path)' holds a part file whose name has control characters ('\(printableExcerpt(part, limit: 64))')")
            }
            _ = try InputFile.requireRegularFile(url.appendingPathComponent(part).path, role: "an assignments part file")
        }
        return parts.map { relativePath + "/" + $0 }
    }

    private static func readFile(_ path: String, into labels: inout [Int32], userIDs: [Int64], warehouseIDs: [Int64],
                                 maxUserID: Int64, k: Int) throws {
        // Checked again just before opening: a FIFO put there meanwhile would block the open.
        _ = try InputFile.requireRegularFile(path, role: "an assignments file")
        let reader = try CSVReader(path: path)
        func bad(_ message: String) -> WarehouseError { .invalidArgument("'\(path)' line \(reader.line): \(message)") }
        /// The next record's fields, nil at the end; a malformed record names its line.
        func nextRow() throws -> [ArraySlice<UInt8>]? {
            do {
                guard try reader.next() else { return nil }
            } catch let malformed as CSVReader.Malformed {
                throw WarehouseError.invalidArgument("'\(path)' line \(malformed.line): \(malformed.reason)")
            }
            return (0..<reader.fieldCount).map(reader.field)
        }
        guard let header = try nextRow()?.map(\.text) else {
            throw WarehouseError.invalidArgument("'\(path)' is empty; expected a header with user_id and segment")
        }
        guard let userColumn = header.firstIndex(of: "user_id"), let segmentColumn = header.firstIndex(of: "segment") else {
            throw bad("the header \(shown(header)) lacks user_id or segment")
        }
        let distanceColumn = header.firstIndex(of: "distance")
        while let fields = try nextRow() {
            guard fields.count == header.count else {
                throw bad("expected \(header.count) fields (\(shown(header))), got \(fields.count)")
            }
            guard let user = fields[userColumn].int64 else {
                throw bad("user_id \(InputFile.excerpt(fields[userColumn].text)) is not an integer")
            }
            guard let segment = fields[segmentColumn].int64 else {
                throw bad("segment \(InputFile.excerpt(fields[segmentColumn].text)) is not an integer")
            }
            guard segment >= 1, segment <= Int64(k) else { throw bad("segment \(segment) is outside 1…\(k) (k in meta.json)") }
            if let distanceColumn {
                guard let distance = fields[distanceColumn].double, distance.isFinite, distance >= 0 else {
                    throw bad("distance \(InputFile.excerpt(fields[distanceColumn].text)) is not a finite number ≥ 0")
                }
            }
            guard let row = sortedIndex(of: user, in: userIDs) else {
                if user > maxUserID { throw bad("user \(user) came after the export (its last user id is \(maxUserID))") }
                if sortedIndex(of: user, in: warehouseIDs) != nil { throw bad("user \(user) has no likes, so it was not exported") }
                throw bad("user \(user) is not in the warehouse")
            }
            guard labels[row] < 0 else { throw bad("user \(user) has a segment already (it appears twice)") }
            labels[row] = Int32(segment - 1)
        }
    }

    /// A header for a message, quoted only when it looks like one (at most 16 names of letters,
    /// digits and "_"): the first line of a file that is not ours is never echoed.
    static func shown(_ header: [String]) -> String {
        let names = header.allSatisfy { name in
            name.count <= 32 && name.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
            }
        }
        return names && header.count <= 16
            ? "'\(header.joined(separator: ","))'" : "(\(header.count) fields, not shown: not a header of this format)"
    }

    /// The index of `value` in ascending `values`, nil when absent.
    static func sortedIndex(of value: Int64, in values: [Int64]) -> Int? {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] == value ? low : nil
    }
}
