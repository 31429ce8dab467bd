import Foundation

/// Writes a report file atomically: the bytes go to a temporary file in the destination's
/// directory, which is then renamed over the destination (`rename(2)` is atomic within one file
/// system), so readers see the old file or the whole new one, never a partial page.
public enum ReportFileWriter {
    /// Writes `text` (UTF-8) to `path`; returns the bytes written.
    /// - Throws: `WarehouseError.invalidArgument` naming the path when the directory is missing,
    ///   `path` is a directory, or the write or rename fails (the temporary file is removed).
    @discardableResult
    public static func write(_ text: String, to path: String) throws -> Int {
        let files = FileManager.default
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WarehouseError.invalidArgument("cannot write the report to '\(path)': it is a directory")
        }
        guard files.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WarehouseError.invalidArgument("cannot write the report to '\(path)': its directory does not exist")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
        let data = Data(text.utf8)
        do {
            try data.write(to: temporary)
        } catch {
            try? files.removeItem(at: temporary)
            throw WarehouseError.invalidArgument("cannot write the report to '\(path)': \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? files.removeItem(at: temporary)
            throw WarehouseError.invalidArgument("cannot write the report to '\(path)': \(reason)")
        }
        return data.count
    }
}
