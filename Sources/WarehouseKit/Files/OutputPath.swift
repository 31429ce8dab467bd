import WarehouseTables

/// The one rule every file and directory the warehouse writes goes through (`ReportFileWriter`,
/// `StagingDirectory`, and so every `--out`), checked before any work and again just before the
/// final rename.
///
/// An output path is refused, with a one-line error naming it, when it is:
/// - the warehouse database, or its `-wal`, `-shm` or `-journal` file, by identity (device and
///   inode, so `./w.sqlite`, an absolute path and a hard link are all caught) and, for the
///   journal files that do not exist yet, by name in the database's directory (the directory
///   compared by identity too, so `dir/../w.sqlite-wal` is caught);
/// - a directory (for a file), a regular file (for a directory), a character or block device,
///   a FIFO or a socket: replacing any of them by `rename(2)` would destroy what was there;
/// - a symbolic link. A link is never followed nor replaced: following it would write wherever it
///   points (the database included), and replacing it would silently turn the link into a file.
///   Give the path the link points to instead.
/// Its directory must exist. Nothing is created or changed by the check.
public struct OutputPath: Sendable {
    /// What the output will be.
    public enum Kind: Sendable {
        /// A regular file, written to a temporary sibling and renamed over `path`.
        case file
        /// A directory that must not exist or be empty (see `StagingDirectory`).
        case directory
    }

    /// The path as the user gave it.
    public let path: String
    public let kind: Kind
    /// The database whose files no output may replace; nil for outputs of commands without one.
    public let database: String?

    public init(_ path: String, kind: Kind, sparing database: String?) {
        self.path = path
        self.kind = kind
        self.database = database
    }

    /// Throws `WarehouseError.unsafeOutput` naming the path and the reason, or returns.
    public func check() throws {
        guard !path.isEmpty else { throw refusal("the path is empty") }
        let protected = ProtectedFiles(database: database)
        let existing: FileStatus?
        do {
            existing = try FileStatus.of(path, followLinks: false)
        } catch {
            throw refusal(error.reason)
        }
        if let existing {
            if let role = protected.role(of: existing.identity) {
                throw refusal("it is \(role)")
            }
            switch (existing.kind, kind) {
            case (.regular, .file), (.directory, .directory):
                break
            case (.symbolicLink, _):
                if let target = FileStatus.ifPresent(path, followLinks: true), let role = protected.role(of: target.identity) {
                    throw refusal("it is a symbolic link to \(role)")
                }
                let target = FilePath.resolved(path).map { " to '\($0)'" } ?? ""
                throw refusal("it is a symbolic link\(target); links are neither followed nor replaced: give the target's path")
            case (let found, .file):
                throw refusal("it is \(found.phrase), not a regular file")
            case (.regular, .directory):
                throw refusal("it is a file, not a directory")
            case (let found, .directory):
                throw refusal("it is \(found.phrase), not a directory")
            }
        }
        let directory = FilePath.directory(of: path)
        guard let parent = FileStatus.ifPresent(directory, followLinks: true), parent.kind == .directory else {
            throw refusal("its parent directory does not exist ('\(directory)')")
        }
        if let role = protected.role(of: parent.identity, name: FilePath.name(of: path)) {
            throw refusal("it is \(role)")
        }
    }

    private func refusal(_ reason: String) -> WarehouseError {
        .unsafeOutput(path: path, reason: reason)
    }
}

/// The database and its journal files, by identity and by name in their directory.
struct ProtectedFiles {
    private var identities: [FileIdentity: String] = [:]
    private var names: [NameInDirectory: String] = [:]

    private struct NameInDirectory: Hashable {
        let directory: FileIdentity
        let name: String
    }

    static let suffixes: [(suffix: String, role: String)] = [
        ("", "the warehouse database"),
        ("-wal", "the warehouse database's write-ahead log"),
        ("-shm", "the warehouse database's shared-memory index"),
        ("-journal", "the warehouse database's rollback journal"),
    ]

    init(database: String?) {
        guard let database, !database.isEmpty else { return }
        // SQLite keeps the journal files beside the file a symbolic link points to.
        let bases = [database] + (FilePath.resolved(database).map { [$0] } ?? [])
        for base in bases {
            let directory = FileStatus.ifPresent(FilePath.directory(of: base), followLinks: true)
            let name = FilePath.name(of: base)
            for (suffix, role) in Self.suffixes {
                let described = "\(role) '\(database)\(suffix)'"
                if let status = FileStatus.ifPresent(base + suffix, followLinks: true) {
                    identities[status.identity] = described
                }
                if let directory {
                    names[NameInDirectory(directory: directory.identity, name: name + suffix)] = described
                }
            }
        }
    }

    /// "the warehouse database 'w.sqlite'" when `identity` is one of its files.
    func role(of identity: FileIdentity) -> String? {
        identities[identity]
    }

    /// The same for a name in a directory (for files that may not exist yet).
    func role(of directory: FileIdentity, name: String) -> String? {
        names[NameInDirectory(directory: directory, name: name)]
    }
}
