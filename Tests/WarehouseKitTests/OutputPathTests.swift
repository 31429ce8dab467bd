import Foundation
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// `OutputPath`: no output replaces the warehouse, its journal files, a device, a FIFO, a
/// directory or a symbolic link; refusals are one line naming the path and change nothing.
@Suite struct OutputPathTests {
    /// A seeded warehouse and its directory.
    private func warehouse() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        let path = dir.path("w.sqlite")
        let store = try WarehouseStore(path: path, mode: .createIfMissing)
        _ = try SeedJob.run(store: store, configuration: SeedConfiguration(users: 20))
        // For the paths that go through "sub/.." (the kernel resolves ".." only in a directory that exists).
        for sub in ["sub", "x", "y"] {
            try FileManager.default.createDirectory(atPath: dir.path(sub), withIntermediateDirectories: false)
        }
        return (dir, path)
    }

    private func expectRefused(_ out: String, sparing database: String?, naming fragment: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let files = FileManager.default
        let before = database.flatMap { files.contents(atPath: $0) }
        let existed = (try? files.destinationOfSymbolicLink(atPath: out)) ?? (files.fileExists(atPath: out) ? "file" : nil)
        do {
            try ReportFileWriter.write("<html>replaced</html>", to: out, sparing: database)
            Issue.record("'\(out)' was written", sourceLocation: sourceLocation)
        } catch let error as WarehouseError {
            guard case .unsafeOutput(let path, _) = error else {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(path == out, sourceLocation: sourceLocation)
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
        if let database {
            #expect(files.contents(atPath: database) == before, "the database changed", sourceLocation: sourceLocation)
        }
        let after = (try? files.destinationOfSymbolicLink(atPath: out)) ?? (files.fileExists(atPath: out) ? "file" : nil)
        #expect(after == existed, sourceLocation: sourceLocation)
    }

    @Test func theDatabaseIsRefusedByIdentityWhateverThePath() throws {
        let (dir, db) = try warehouse()
        expectRefused(db, sparing: db, naming: "it is the warehouse database")
        expectRefused(dir.path("sub/../w.sqlite"), sparing: db, naming: "it is the warehouse database")
        expectRefused(dir.url.path + "//./w.sqlite", sparing: db, naming: "it is the warehouse database")
        let hard = dir.path("hard-link.html")
        #expect(link(db, hard) == 0)
        expectRefused(hard, sparing: db, naming: "it is the warehouse database")
        // The same file named from the other side: the store opened through the hard link.
        expectRefused(db, sparing: hard, naming: "it is the warehouse database")
    }

    @Test func theJournalFilesAreRefusedWhetherTheyExistOrNot() throws {
        let (dir, db) = try warehouse()
        // The store is closed: SQLite removed -wal and -shm; they are refused by name.
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        for suffix in ["-wal", "-shm", "-journal"] {
            expectRefused(db + suffix, sparing: db, naming: "'\(db)\(suffix)'")
            expectRefused(dir.path("x/../w.sqlite\(suffix)"), sparing: db, naming: "'\(db)\(suffix)'")
        }
        // Open, the -wal exists, and a hard link to it is caught by identity.
        let store = try WarehouseStore(path: db, mode: .mustExist)
        try store.write { try store.connection.run("INSERT INTO categories VALUES (99, 'extra')") }
        #expect(FileManager.default.fileExists(atPath: db + "-wal"))
        let walLink = dir.path("log.html")
        #expect(link(db + "-wal", walLink) == 0)
        expectRefused(walLink, sparing: db, naming: "write-ahead log")
        expectRefused(db + "-wal", sparing: db, naming: "write-ahead log")
    }

    @Test func devicesFIFOsAndDirectoriesAreRefused() throws {
        let (dir, db) = try warehouse()
        expectRefused("/dev/null", sparing: db, naming: "a character device")
        let fifo = dir.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        expectRefused(fifo, sparing: db, naming: "a FIFO")
        expectRefused(dir.url.path, sparing: db, naming: "a directory")
        expectRefused(dir.path("missing/report.html"), sparing: db, naming: "directory")
        expectRefused("", sparing: db, naming: "empty")
    }

    @Test func aSymbolicLinkIsNeitherFollowedNorReplaced() throws {
        let (dir, db) = try warehouse()
        let toDatabase = dir.path("report.html")
        try FileManager.default.createSymbolicLink(atPath: toDatabase, withDestinationPath: db)
        expectRefused(toDatabase, sparing: db, naming: "it is a symbolic link to the warehouse database")
        let other = dir.path("other.html")
        try "old".write(toFile: other, atomically: false, encoding: .utf8)
        let toOther = dir.path("link.html")
        try FileManager.default.createSymbolicLink(atPath: toOther, withDestinationPath: other)
        expectRefused(toOther, sparing: db, naming: "symbolic link")
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "old")
        let dangling = dir.path("dangling.html")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.path("nowhere.html"))
        expectRefused(dangling, sparing: db, naming: "symbolic link")
        #expect(!FileManager.default.fileExists(atPath: dir.path("nowhere.html")))
    }

    @Test func anOrdinaryFileIsReplacedAtomically() throws {
        let (dir, db) = try warehouse()
        let out = dir.path("report.html")
        try "old".write(toFile: out, atomically: false, encoding: .utf8)
        #expect(try ReportFileWriter.write("new", to: out, sparing: db) == 3)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["report.html", "sub", "w.sqlite", "x", "y"])
    }

    @Test func anExportDirectoryFollowsTheSameRule() throws {
        let (dir, db) = try warehouse()
        let store = try WarehouseStore(path: db, mode: .readOnly)
        func expectExportRefused(_ out: String, naming fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let error = #expect(throws: WarehouseError.self, sourceLocation: sourceLocation) {
                try ExportJob.run(store: store, configuration: ExportConfiguration(directory: out))
            }
            #expect(error?.description.contains(fragment) == true, "\(out): \(String(describing: error))", sourceLocation: sourceLocation)
        }
        expectExportRefused(db, naming: "warehouse database")
        // A directory named like the journal SQLite would create next would break the warehouse.
        expectExportRefused(db + "-journal", naming: "rollback journal")
        expectExportRefused(dir.path("y/../w.sqlite-wal"), naming: "write-ahead log")
        let empty = dir.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        let link = dir.path("export-link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: empty)
        expectExportRefused(link, naming: "symbolic link")
        expectExportRefused("/dev/null", naming: "character device")
        #expect(!FileManager.default.fileExists(atPath: db + "-journal"))
        // Nothing was left behind: no staging directory, the link still a link.
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { !$0.hasPrefix("w.sqlite") }
        #expect(entries.sorted() == ["empty", "export-link", "sub", "x", "y"])
    }
}
