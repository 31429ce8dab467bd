
/// Writes a report file atomically (`FileSet`, replacing): the bytes go to a new temporary file in
/// the destination's directory, which is then renamed over the destination (`rename(2)` is atomic
/// within one file system), so readers see the old file or the whole new one, never a partial page.
///
/// The destination passes `OutputPath` (kind `.file`) before anything is written and again
/// just before the rename: never the database or its journal files, a device, a FIFO, a socket,
/// a directory or a symbolic link.
public enum ReportFileWriter {
    /// Checks that `path` may be written (see `OutputPath`), so a command can refuse before its work.
    public static func check(_ path: String, sparing database: String?) throws {
        try OutputPath(path, kind: .file, sparing: database).check()
    }

    /// Writes `text` (UTF-8) to `path`; returns the bytes written.
    /// - Parameter database: the warehouse whose files must not be replaced (nil: none).
    /// - Throws: `WarehouseError.unsafeOutput` naming the path when `OutputPath` refuses it or the
    ///   write or rename fails (the temporary file is removed; the destination is as it was).
    @discardableResult
    public static func write(_ text: String, to path: String, sparing database: String?) throws -> Int {
        try FileSet.write([FileSet.Entry(path: path, text: text)], replace: true, sparing: database)[0]
    }
}
