#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's identity on this machine: two paths name the same file exactly when both numbers
/// match (`./w.sqlite`, an absolute path and a hard link all give the same identity).
package struct FileIdentity: Hashable, Sendable {
    package let device: UInt64
    package let inode: UInt64
}

/// What `stat(2)` or `lstat(2)` says about a path, in the terms our refusals use.
package struct FileStatus: Sendable {
    package enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, characterDevice, blockDevice, fifo, socket, other

        /// "a directory", "a FIFO (named pipe)", … for one-line refusals.
        package var phrase: String {
            switch self {
            case .regular: "a regular file"
            case .directory: "a directory"
            case .symbolicLink: "a symbolic link"
            case .characterDevice: "a character device"
            case .blockDevice: "a block device"
            case .fifo: "a FIFO (named pipe)"
            case .socket: "a socket"
            case .other: "not a regular file"
            }
        }
    }

    package let kind: Kind
    package let identity: FileIdentity
    package let size: Int64

    /// The status of `path`, following a final symbolic link (`followLinks`, stat) or not
    /// (lstat); nil when nothing is there (ENOENT). Other failures (EACCES, ENAMETOOLONG,
    /// ENOTDIR, ELOOP) throw `FileStatus.Failure` with the system's reason.
    package static func of(_ path: String, followLinks: Bool) throws(Failure) -> FileStatus? {
        var status = stat()
        let result = followLinks ? stat(path, &status) : lstat(path, &status)
        guard result == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw Failure(reason: String(cString: strerror(code)), code: code)
        }
        let kind: Kind = switch status.st_mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        case S_IFCHR: .characterDevice
        case S_IFBLK: .blockDevice
        case S_IFIFO: .fifo
        case S_IFSOCK: .socket
        default: .other
        }
        return FileStatus(kind: kind, identity: FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)),
                          size: Int64(status.st_size))
    }

    /// Like `of`, but a failure counts as "nothing there": for checks that only look for a match.
    package static func ifPresent(_ path: String, followLinks: Bool) -> FileStatus? {
        (try? of(path, followLinks: followLinks)) ?? nil
    }

    package struct Failure: Error, Sendable {
        package let reason: String
        package let code: Int32
    }
}

extension FileStatus {
    /// Whether `path` lies on a file system mounted read-only (`statvfs`, `ST_RDONLY`).
    package static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        var info = statvfs()
        return statvfs(path, &info) == 0 && (UInt(info.f_flag) & UInt(ST_RDONLY)) != 0
    }

    /// Whether a reader of the SQLite file at `path` must open it `immutable` to read it at all:
    /// it is on a read-only file system, or it is a WAL-mode file (header bytes 18 and 19 are 2)
    /// in a directory this process cannot write, with no `-wal` or `-shm` beside it. SQLite could
    /// not create the `-shm` a WAL reader needs; with no `-wal` the last writer closed the file
    /// cleanly, so everything is in it. (A writer that starts after the open is not seen.)
    package static func needsImmutableRead(_ path: String) -> Bool {
        if isOnReadOnlyFileSystem(path) { return true }
        guard access(FilePath.directory(of: path), W_OK) != 0,
              ifPresent(path + "-wal", followLinks: false) == nil, ifPresent(path + "-shm", followLinks: false) == nil else {
            return false
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { _ = close(descriptor) }
        var header = [UInt8](repeating: 0, count: 20)
        let got = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 20, 0) }
        return got == 20 && header[18] == 2 && header[19] == 2
    }
}

/// Path helpers that keep the text the user gave (no standardisation that could hide "..").
package enum FilePath {
    /// The directory part of `path` ("." when there is none).
    package static func directory(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = trimmed[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    /// The last component of `path` ("" for "/").
    package static func name(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `path` resolved through every symbolic link (`realpath(3)`), or nil when it cannot be.
    package static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The longest file name the directory's file system takes (`pathconf(_PC_NAME_MAX)`; 255
    /// when it does not say).
    package static func nameLimit(inDirectory directory: String) -> Int {
        let limit = pathconf(directory, Int32(_PC_NAME_MAX))
        return limit > 0 ? Int(limit) : 255
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}

/// unlink(2), under a name no method shadows.
package func unlinkFile(_ path: String) -> Int32 {
    unlink(path)
}
