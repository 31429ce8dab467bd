import Foundation
import WarehouseTables

/// The files `import-run` reads from a result directory, checked before they are opened: each
/// must be a regular file (a FIFO would block the read for ever, a device could be anything) and
/// not a symbolic link (a link to /etc/shadow would be read, and its lines quoted in errors).
/// Directories inside the result (Spark's part-file directory) must be real directories too.
/// The result directory itself is the user's own argument and may be a link.
enum InputFile {
    /// What is at `path`, without following a final symbolic link (`lstat`); nil when nothing
    /// can be found there.
    static func status(of path: String) -> FileStatus? {
        FileStatus.ifPresent(path, followLinks: false)
    }

    /// Refuses anything at `path` but a regular file; returns its size.
    /// - Parameter role: what the file is, for the message ("meta.json", "an assignments file").
    static func requireRegularFile(_ path: String, role: String) throws -> Int64 {
        guard let status = status(of: path) else { throw WarehouseError.invalidArgument("no \(role) at '\(path)'") }
        switch status.kind {
        case .regular:
            return status.size
        case .directory:
            throw WarehouseError.invalidArgument("'\(path)' (\(role)) is a directory, not a file")
        case .symbolicLink:
            throw linkRefusal(path, role: role)
        default:
            throw WarehouseError.invalidArgument("'\(path)' (\(role)) is \(status.kind.phrase), not a regular file")
        }
    }

    /// Refuses every symbolic link among the components of `relativePath` under `root`, and a
    /// final component that is neither a regular file nor a directory.
    static func requireNoLinks(root: String, relativePath: String, role: String) throws {
        var path = root
        for component in relativePath.split(separator: "/") where component != "." {
            path += "/" + component
            guard let kind = status(of: path)?.kind else { continue }
            switch kind {
            case .regular, .directory:
                continue
            case .symbolicLink:
                throw linkRefusal(path, role: role)
            default:
                throw WarehouseError.invalidArgument("'\(path)' (\(role)) is \(kind.phrase), not a regular file")
            }
        }
    }

    private static func linkRefusal(_ path: String, role: String) -> WarehouseError {
        .invalidArgument("'\(path)' (\(role)) is a symbolic link; import-run reads only regular files inside the result directory")
    }

    /// The whole content of the regular file at `path`, refused above `limit` bytes (naming its size).
    /// Opened with O_NOFOLLOW and O_NONBLOCK and checked again once open, so a file swapped
    /// for a link or a FIFO after the check is refused rather than followed or waited on.
    static func contents(of path: String, role: String, limit: Int) throws -> Data {
        let size = try requireRegularFile(path, role: role)
        guard size <= Int64(limit) else { throw tooLarge(path, role: role, size: size, limit: limit) }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WarehouseError.invalidArgument("cannot read '\(path)' (\(role)): \(String(cString: strerror(errno)))")
        }
        defer { _ = close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw WarehouseError.invalidArgument("'\(path)' (\(role)) is not a regular file")
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = chunk.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress, buffer.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw WarehouseError.invalidArgument("cannot read '\(path)' (\(role)): \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            data.append(contentsOf: chunk[0..<got])
            // The file grew after the check: refuse rather than read on.
            if data.count > limit { throw tooLarge(path, role: role, size: Int64(data.count), limit: limit) }
        }
        return data
    }

    private static func tooLarge(_ path: String, role: String, size: Int64, limit: Int) -> WarehouseError {
        .invalidArgument("'\(path)' (\(role)) is \(size) bytes; it must be at most \(limit) bytes")
    }

    /// A value read from an input file, for a message: shown (escaped) only when it is short and
    /// made of the characters the format uses (digits, letters, `.`, `+`, `-`, `_`); otherwise
    /// only its length, so an unexpected file's content is never quoted.
    static func excerpt(_ text: some StringProtocol, limit: Int = 24) -> String {
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-._ ".unicodeScalars.contains(scalar))
        }
        guard allowed, text.count <= limit else { return "(\(text.utf8.count) bytes, not shown)" }
        return "'\(text)'"
    }
}
