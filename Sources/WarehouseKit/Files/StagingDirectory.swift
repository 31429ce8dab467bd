import Foundation
import WarehouseSupport
import WarehouseTables

/// A directory that appears whole or not at all: files are written into a hidden sibling
/// (`.NAME.partial-PID-UUID`), which `commit()` renames to the destination (`rename(2)`, atomic
/// within one file system). Released without `commit()`, the sibling is removed, so a failed
/// export leaves nothing behind.
///
/// The destination must not exist, or be an empty directory (replaced); its parent must exist;
/// and it passes `OutputPath` (kind `.directory`): never a file, the database or its journal
/// files (even those not created yet), a device, a FIFO, a socket or a symbolic link. The files
/// inside are created new (`O_EXCL`) in the staging directory, so nothing existing is replaced.
final class StagingDirectory {
    let destination: URL
    let staging: URL
    private let rule: OutputPath
    private var committed = false

    /// Checks the destination and creates the staging directory.
    /// - Parameter database: the warehouse whose files must not be replaced.
    /// - Throws: `WarehouseError.unsafeOutput` or `.invalidArgument` naming the path: a refused,
    ///   non-empty or non-directory destination, a missing parent, or a directory that cannot be created.
    init(destination path: String, sparing database: String?) throws {
        let files = FileManager.default
        rule = OutputPath(path, kind: .directory, sparing: database)
        try rule.check()
        destination = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw WarehouseError.invalidArgument("cannot export to '\(path)': it is a file, not a directory")
            }
            let entries = (try? files.contentsOfDirectory(atPath: destination.path)) ?? []
            guard entries.isEmpty else {
                throw WarehouseError.invalidArgument(
                    "cannot export to '\(path)': the directory is not empty (\(entries.count) entries); choose a new --out")
            }
        }
        let parent = destination.deletingLastPathComponent()
        guard files.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WarehouseError.invalidArgument("cannot export to '\(path)': its parent directory does not exist")
        }
        staging = parent.appendingPathComponent(
            ".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        // Registered before it exists, so an interruption between the two cannot leave it behind
        // (the interruption handler removes what is registered on SIGINT / SIGTERM).
        PartialOutputs.register(staging.path)
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            PartialOutputs.unregister(staging.path)
            throw WarehouseError.invalidArgument("cannot export to '\(path)': cannot create a directory beside it (\(error.localizedDescription))")
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
        PartialOutputs.unregister(staging.path)
    }

    /// The staging path of file `name`.
    func path(_ name: String) -> String {
        staging.appendingPathComponent(name).path
    }

    /// Renames the staging directory to the destination (removing an empty destination first).
    func commit() throws {
        try rule.check()
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: destination.path, isDirectory: &isDirectory), isDirectory.boolValue {
            // rmdir(2) fails unless it is still empty: a directory filled meanwhile is kept.
            guard rmdir(destination.path) == 0 else {
                throw WarehouseError.invalidArgument(
                    "cannot export to '\(destination.path)': \(String(cString: strerror(errno))); nothing was written")
            }
        }
        guard rename(staging.path, destination.path) == 0 else {
            throw WarehouseError.invalidArgument(
                "cannot export to '\(destination.path)': \(String(cString: strerror(errno))); nothing was written")
        }
        committed = true
    }
}
