import Foundation
import TestSupport
import Testing
@testable import WarehouseTables

/// Issue 24, item 12: a "disk full" that is SQLite's temporary directory's names it.
@Suite struct TemporaryFilesDirectoryTests {
    /// SQLite's order: $SQLITE_TMPDIR, then $TMPDIR, then the fixed defaults; a candidate that is
    /// not a directory is passed over.
    @Test func theDirectoryIsChosenAsSQLiteChoosesIt() throws {
        let dir = try TemporaryDirectory()
        let a = dir.path("a"), b = dir.path("b"), file = dir.path("file")
        try FileManager.default.createDirectory(atPath: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: b, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        #expect(TemporaryFilesDirectory.chosen(environment: ["SQLITE_TMPDIR": a, "TMPDIR": b])?.path == a)
        #expect(TemporaryFilesDirectory.chosen(environment: ["SQLITE_TMPDIR": a, "TMPDIR": b])?.variable == "SQLITE_TMPDIR")
        #expect(TemporaryFilesDirectory.chosen(environment: ["SQLITE_TMPDIR": file, "TMPDIR": b])?.path == b)
        #expect(TemporaryFilesDirectory.chosen(environment: ["TMPDIR": dir.path("missing")])?.variable == nil)
    }

    /// On the database's own file system the temporary directory is not the suspect: the plain
    /// message stays.
    @Test func aTemporaryDirectoryBesideTheDatabaseIsNotBlamed() throws {
        let dir = try TemporaryDirectory()
        #expect(TemporaryFilesDirectory.suspect(database: dir.path("w.sqlite"), environment: ["SQLITE_TMPDIR": dir.path("")]) == nil)
        let plain = WarehouseError.diskFull(path: "w.sqlite")
        #expect(plain.description == "disk full (or database size limit reached) while writing 'w.sqlite'; nothing was written")
    }

    @Test func theMessageNamesTheDirectoryItsVariableAndTheRemedy() {
        let error = WarehouseError.diskFull(path: "w.sqlite",
                                            temporary: TemporaryFilesDirectory(path: "/small", variable: "TMPDIR", free: 3 * 1_048_576 / 2))
        #expect(error.description == "disk full while writing 'w.sqlite': SQLite's temporary files go to '/small' ($TMPDIR, 1.5 MB free), "
                + "on another disk than the database's; set TMPDIR (or SQLITE_TMPDIR) to a directory with room; nothing was written")
    }
}
