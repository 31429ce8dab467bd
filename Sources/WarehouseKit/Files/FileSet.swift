#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import WarehouseTables

/// Several files written as one: all of them, or none.
///
/// 1. Every destination passes `OutputPath` (and, without `replace`, must not exist) before
///    anything is written; a `directory` to hold them that is missing is created first.
/// 2. Each file's bytes go to a temporary sibling. A write that fails (a full disk, a file-size
///    limit) removes every temporary file, and the directory when this call created it.
/// 3. Only then is each file put in place: with `replace`, by `rename(2)` over the destination,
///    the replaced file kept under a temporary name until every file is in place; without it,
///    by `link(2)`, which never replaces a file, so of several writers racing for one name
///    exactly one wins, and the others are refused as if the file had existed before them. A
///    failure here puts back what was replaced and removes what was added.
/// (A file system without hard links, where `link(2)` is refused, falls back to checking the
/// name again and renaming: the race is then narrowed to that moment, not closed.)
enum FileSet {
    struct Entry {
        let path: String
        let bytes: [UInt8]

        init(path: String, text: String) {
            self.path = path
            bytes = Array(text.utf8)
        }

        /// Bytes as they are (a large file built as bytes is not copied into a string and back).
        init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// Writes `entries`; returns the bytes of each.
    /// - Parameters:
    ///   - replace: whether an existing destination may be replaced (`--force`).
    ///   - directory: the directory `entries` go into, created when missing (nil: it must exist).
    ///   - database: the warehouse whose files no destination may be (`OutputPath`).
    /// - Throws: `WarehouseError.unsafeOutput` naming the path and the reason; nothing is then
    ///   left behind.
    static func write(_ entries: [Entry], replace: Bool, creating directory: String? = nil, sparing database: String?) throws -> [Int] {
        var created: String?
        if let directory, FileStatus.ifPresent(directory, followLinks: false) == nil {
            guard mkdir(directory, 0o777) == 0 else {
                throw WarehouseError.unsafeOutput(path: directory, reason: "cannot create the directory (\(String(cString: strerror(errno))))")
            }
            created = directory
        }
        var temporaries: [String] = []
        var placed: [(path: String, backup: String?)] = []
        func undo() {
            for entry in placed.reversed() {
                if let backup = entry.backup { _ = rename(backup, entry.path) } else { _ = unlink(entry.path) }
            }
            for temporary in temporaries { _ = unlink(temporary) }
            if let created { _ = rmdir(created) }
        }
        do {
            for entry in entries { try check(entry.path, replace: replace, database: database) }
            var sizes: [Int] = []
            for entry in entries {
                let temporary = temporaryName(for: entry.path)
                let bytes = entry.bytes
                if let code = writeNewFile(temporary, bytes) {
                    _ = unlink(temporary)
                    throw temporaryFailure(entry.path, code)
                }
                temporaries.append(temporary)
                sizes.append(bytes.count)
            }
            for (entry, temporary) in zip(entries, temporaries) {
                try OutputPath(entry.path, kind: .file, sparing: database).check()
                placed.append((entry.path, try place(temporary, at: entry.path, replace: replace, keepingOld: entries.count > 1)))
                temporaries.removeAll { $0 == temporary }
            }
            for entry in placed { if let backup = entry.backup { _ = unlink(backup) } }
            return sizes
        } catch {
            undo()
            throw error
        }
    }

    /// One file too large to build in memory, written as `produce` hands it over: each piece goes
    /// straight to a temporary sibling, which is then put in place as `write` places a file. The
    /// temporary is registered with `PartialOutputs` while it is being written (an interrupt
    /// removes it). A throw from `produce` or a failed write (a full disk, a file-size limit)
    /// removes it, and nothing is left at `path`. Returns the bytes written.
    static func writeStreamed(to path: String, replace: Bool, sparing database: String?,
                              produce: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws -> Int {
        try check(path, replace: replace, database: database)
        let temporary = temporaryName(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw temporaryFailure(path, errno)
        }
        PartialOutputs.register(temporary)
        var isOpen = true, written = 0
        defer {
            if isOpen { _ = close(descriptor) }
            _ = unlink(temporary)
            PartialOutputs.unregister(temporary)
        }
        try produce { bytes in
            if let code = writeAll(descriptor, bytes) { throw temporaryFailure(path, code) }
            written += bytes.count
        }
        isOpen = false
        guard close(descriptor) == 0 else { throw temporaryFailure(path, errno) }
        try OutputPath(path, kind: .file, sparing: database).check()
        _ = try place(temporary, at: path, replace: replace, keepingOld: false)
        return written
    }

    /// A temporary sibling of `path` that could not be created or written (`code`: its `errno`).
    private static func temporaryFailure(_ path: String, _ code: Int32) -> WarehouseError {
        .unsafeOutput(path: path, reason: "cannot write a temporary file beside it (\(String(cString: strerror(code))))")
    }

    /// `OutputPath`'s rules, and without `replace` no file at `path`.
    static func check(_ path: String, replace: Bool, database: String?) throws {
        try OutputPath(path, kind: .file, sparing: database).check()
        if !replace, FileStatus.ifPresent(path, followLinks: false) != nil { throw exists(path) }
    }

    private static func exists(_ path: String) -> WarehouseError {
        .unsafeOutput(path: path, reason: "it exists; give --force to replace it")
    }

    /// Puts `temporary` in place at `path`; returns the name the replaced file is kept under
    /// (when `keepingOld` and there was one), for `undo`.
    private static func place(_ temporary: String, at path: String, replace: Bool, keepingOld: Bool) throws -> String? {
        func failure(_ code: Int32) -> WarehouseError { .unsafeOutput(path: path, reason: String(cString: strerror(code))) }
        if !replace {
            if link(temporary, path) == 0 {
                _ = unlink(temporary)
                return nil
            }
            let code = errno
            if code == EEXIST { throw exists(path) }
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK else { throw failure(code) }
            if FileStatus.ifPresent(path, followLinks: false) != nil { throw exists(path) }
        }
        var backup: String?
        if keepingOld, FileStatus.ifPresent(path, followLinks: false) != nil {
            let name = temporaryName(for: path)
            guard link(path, name) == 0 else { throw failure(errno) }
            backup = name
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            if let backup { _ = unlink(backup) }
            throw failure(code)
        }
        return backup
    }

    /// Creates `path` (which must not exist) holding `bytes`; the `errno` of a failure (a full
    /// disk, `EFBIG` past a file-size limit), nil on success.
    private static func writeNewFile(_ path: String, _ bytes: [UInt8]) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return errno }
        defer { _ = close(descriptor) }
        return writeAll(descriptor, bytes)
    }

    /// Writes all of `bytes` to `descriptor` (again after `EINTR` or a short write); the `errno`
    /// of a failure, nil on success.
    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    /// `write(2)` (the name `write` is this type's own).
    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// A new hidden name beside `path`.
    private static func temporaryName(for path: String) -> String {
        FilePath.directory(of: path) + "/.\(FilePath.name(of: path)).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
    }
}
