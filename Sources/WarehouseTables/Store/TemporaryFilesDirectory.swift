#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where SQLite puts its temporary files (the sorts of an index build, a large transaction's
/// statement journals), and whether that, not the database's own disk, is what filled up.
///
/// SQLite's unix VFS takes the first of `$SQLITE_TMPDIR`, `$TMPDIR`, `/var/tmp`, `/usr/tmp`,
/// `/tmp` that is a directory it may write and search, else `.` (`unixTempFileDir` in
/// os_unix.c). A "disk full" there looks like one on the database's disk; this names it.
public struct TemporaryFilesDirectory: Sendable, Equatable {
    /// The directory, and the variable it came from (nil for a fixed default).
    public let path: String
    public let variable: String?
    /// Free bytes there for an unprivileged writer.
    public let free: Int64

    /// SQLite's temporary directory for `environment`, when it is on another file system than
    /// the directory of `database` and has less than half its free space (so the full disk was
    /// probably the temporary one); nil otherwise, or when anything is unknown.
    package static func suspect(database: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> TemporaryFilesDirectory? {
        let directory = (database as NSString).deletingLastPathComponent
        let databaseDirectory = directory.isEmpty ? "." : directory
        guard let chosen = chosen(environment: environment), let temporary = space(chosen.path),
              let own = space(databaseDirectory), temporary.device != own.device, temporary.free < own.free / 2 else { return nil }
        return TemporaryFilesDirectory(path: chosen.path, variable: chosen.variable, free: temporary.free)
    }

    /// SQLite's choice among the candidates, as its unix VFS makes it.
    static func chosen(environment: [String: String]) -> (path: String, variable: String?)? {
        var candidates: [(String, String?)] = []
        for variable in ["SQLITE_TMPDIR", "TMPDIR"] {
            if let value = environment[variable], !value.isEmpty { candidates.append((value, variable)) }
        }
        candidates += ["/var/tmp", "/usr/tmp", "/tmp"].map { ($0, nil) }
        for (path, variable) in candidates {
            var status = stat()
            guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR, access(path, W_OK | X_OK) == 0 else { continue }
            return (path, variable)
        }
        return nil
    }

    /// The device and free bytes of the file system holding `path`.
    static func space(_ path: String) -> (device: UInt64, free: Int64)? {
        var status = stat(), info = statvfs()
        guard stat(path, &status) == 0, statvfs(path, &info) == 0, info.f_blocks > 0 else { return nil }
        let free = UInt64(info.f_bavail).multipliedReportingOverflow(by: UInt64(info.f_frsize))
        return (UInt64(status.st_dev), free.overflow ? Int64.max : Int64(clamping: free.partialValue))
    }

    /// `'/small/tmp' ($TMPDIR, 12.0 MB free)`.
    var description: String {
        let megabytes = Double(free) / 1_048_576
        return "'\(path)' (\(variable.map { "$" + $0 + ", " } ?? "")\(String(format: "%.1f", megabytes)) MB free)"
    }
}
