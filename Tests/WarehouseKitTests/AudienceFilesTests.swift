import Foundation
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// Issue 24's audience-file defects: formula cells (4), several files written as one, all or
/// none (2), no replacing without `--force` even in a race (3), and no directory left behind by
/// a refused `--segment all` (14).
@Suite struct AudienceFilesTests {
    /// Cells a spreadsheet would evaluate get a leading `'` and quotes; others are as before.
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
        ("+1-555", "\"'+1-555\""), ("-2+3", "\"'-2+3\""), ("@SUM(A1)", "\"'@SUM(A1)\""),
        ("\tx", "\"'\tx\""), ("\rx", "\"'\rx\""),
        ("plain", "plain"), ("a,b", "\"a,b\""), ("x=1", "x=1"), ("", ""),
    ])
    func formulaCellsAreNeutralised(text: String, cell: String) {
        #expect(AudienceFile.cell(text) == cell)
    }

    /// A CSV audience whose username, e-mail and segment name begin with formula characters has
    /// no field that begins with one (the hashed formats hold only digests).
    @Test func anAudienceFileHoldsNoFormula() {
        let rows = [AudienceFile.Row(userID: 7, contact: UserContact(username: "=HYPERLINK(\"http://evil\",\"x\")", email: "@x@example.org"), segment: 2,
                                     segmentName: "=cmd|' /C calc'!A0", distance: 0.5)]
        let text = AudienceFile.text(rows, format: .csv).text
        let fields = text.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.allSatisfy { field in !"=+-@\t\r".contains(field.first ?? " ") }, "\(fields)")
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"") && text.contains("\"'=cmd|' /C calc'!A0\""))
    }

    /// The second of two files to one name fails when it is put in place: the first, already in
    /// place, is taken back, no temporary file stays, and a directory the call made is removed.
    @Test func aSetThatFailsLeavesNothing() throws {
        let dir = try TemporaryDirectory()
        let target = dir.path("lists")
        let entries = [FileSet.Entry(path: target + "/a.csv", text: "one\n"), FileSet.Entry(path: target + "/a.csv", text: "two\n")]
        let error = try #require(throws: WarehouseError.self) {
            try FileSet.write(entries, replace: false, creating: target, sparing: nil)
        }
        #expect(error.description.contains("it exists; give --force"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)

        // In an existing directory, beside a file of the user's: that file is untouched.
        try "mine\n".write(toFile: dir.path("keep.csv"), atomically: false, encoding: .utf8)
        let again = [FileSet.Entry(path: dir.path("a.csv"), text: "one\n"), FileSet.Entry(path: dir.path("a.csv"), text: "two\n")]
        _ = try #require(throws: WarehouseError.self) { try FileSet.write(again, replace: false, sparing: nil) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["keep.csv"])
        #expect(try String(contentsOfFile: dir.path("keep.csv"), encoding: .utf8) == "mine\n")
    }

    /// With `replace`, every file is replaced or none: the set succeeds whole, and the files
    /// hold the new bytes.
    @Test func replacingWritesEveryFile() throws {
        let dir = try TemporaryDirectory()
        for name in ["a.csv", "b.csv"] { try "old\n".write(toFile: dir.path(name), atomically: false, encoding: .utf8) }
        let sizes = try FileSet.write([FileSet.Entry(path: dir.path("a.csv"), text: "new a\n"),
                                       FileSet.Entry(path: dir.path("b.csv"), text: "new b\n")], replace: true, sparing: nil)
        #expect(sizes == [6, 6])
        #expect(try String(contentsOfFile: dir.path("a.csv"), encoding: .utf8) == "new a\n")
        #expect(try String(contentsOfFile: dir.path("b.csv"), encoding: .utf8) == "new b\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["a.csv", "b.csv"])
    }

    /// Eight writers race for one name without `replace`: exactly one wins, the file holds its
    /// bytes whole, and the others are refused.
    @Test func ofWritersRacingForOneNameExactlyOneWins() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("same.csv")
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for writer in 0..<8 {
                group.addTask {
                    let text = String(repeating: "writer \(writer)\n", count: 2_000)
                    return (writer, (try? FileSet.write([FileSet.Entry(path: path, text: text)], replace: false, sparing: nil)) != nil)
                }
            }
            var all: [(Int, Bool)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let winners = outcomes.filter(\.1).map(\.0)
        #expect(winners.count == 1, "\(outcomes)")
        let winner = try #require(winners.first)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(repeating: "writer \(winner)\n", count: 2_000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["same.csv"])
    }

    /// `audience --segment all` into a new directory with a run that does not exist: refused,
    /// and the directory is not created.
    @Test func aRefusedSegmentAllLeavesNoDirectory() throws {
        let dir = try TemporaryDirectory()
        let store = try seededStore(users: 300, in: dir)
        _ = try SegmentationJob.run(store: store, configuration: quickSegmentation())
        var configuration = AudienceJob.Configuration(segment: .all, out: dir.path("new"))
        configuration.run = .id(99)
        _ = try #require(throws: WarehouseError.self) {
            try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("new")))
        configuration.run = .latest
        let summary = try AudienceJob.run(store: store, databasePath: store.path, configuration: configuration)
        #expect(summary.files.count >= 2 && summary.files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }
}
