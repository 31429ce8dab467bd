import Foundation
import Synchronization

/// Paths of outputs being built that must not outlive an interrupted process: the hidden
/// staging directory of an export, for instance. A writer registers the path when it creates
/// it and unregisters it when it renames or removes it; the CLI's interruption handler (on
/// SIGINT or SIGTERM) calls `removeAll()` before it ends the process, since `deinit` and `defer`
/// do not run then.
public enum PartialOutputs {
    private static let paths = Mutex<Set<String>>([])

    /// Records `path` (a file or a directory) as partial.
    public static func register(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    /// Forgets `path`: it was committed or cleaned up by its owner.
    public static func unregister(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// The paths registered now, sorted.
    public static var registered: [String] {
        paths.withLock { $0.sorted() }
    }

    /// Removes every registered path (recursively), and forgets them. A writer still filling a
    /// directory may add a file between the listing and the removal, so each removal is retried.
    public static func removeAll() {
        let pending = paths.withLock { current -> Set<String> in
            defer { current.removeAll() }
            return current
        }
        for path in pending {
            for _ in 0..<5 {
                do {
                    try FileManager.default.removeItem(atPath: path)
                    break
                } catch {
                    if !FileManager.default.fileExists(atPath: path) { break }
                }
            }
        }
    }
}
