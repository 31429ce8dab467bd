import TestSupport
import Foundation
import Testing
import Storage
@testable import WarehouseKit

/// Every kind of bad input the import refuses: the problem names file, line, column and value,
/// several problems are reported together, and the database is byte for byte as it was.
@Suite struct ImportRefusalTests {
    /// (which file, its content, a fragment the problems must contain).
    static let cases: [(file: String, text: String, expected: String)] = [
        ("users", "user_id,username,email\n1,a,a@x.org\n", "users.csv:1: missing column \"age\""),
        ("users", "user_id,username,email,age,email\n1,a,a@x.org,3,b@x.org\n", "users.csv:1: duplicate column \"email\" (columns 3 and 5)"),
        ("users", "user_id,username,email,age\n1,a,a@x.org,3\n2,b,b@x.org\n", "users.csv:3: 3 fields, the header has 4 columns"),
        ("users", "user_id,username,email,age\n1,a,a@x.org,151\n", "users.csv:2: column age: \"151\" is outside 0–150"),
        ("users", "user_id,username,email,age\n1,a,a@x.org,-1\n", "users.csv:2: column age: \"-1\" is outside 0–150"),
        ("users", "user_id,username,email,age\n1,a,a@x.org,old\n", "users.csv:2: column age: \"old\" is not an integer"),
        ("users", "user_id,username,email,age\n0,a,a@x.org,3\n", "users.csv:2: column user_id: \"0\" is not a positive integer"),
        ("users", "user_id,username,email,age\n1,a,a@x.org,3\n1,b,b@x.org,3\n", "users.csv:3: duplicate user_id 1 (first on line 2)"),
        ("users", "user_id,username,email,age\n1,a,a@x.org,3\n2,a,b@x.org,3\n", "users.csv:3: duplicate username \"a\" (first on line 2)"),
        ("users", "user_id,username,email,age\n1,a,a@x.org,3\n2,b,a@x.org,3\n", "users.csv:3: duplicate email \"a@x.org\" (first on line 2)"),
        ("users", "user_id,username,email,age\n1,a,nobody,3\n", "users.csv:2: column email: \"nobody\" is not an e-mail address"),
        ("users", "", "users.csv: the file is empty (no header row)"),
        ("users", "user_id,username,email,age\n", "users.csv: no users (only a header)"),
        ("users", "user_id\tusername\temail\tage\n1\ta\ta@x.org\t3\n", "users.csv:1: the header has no commas and looks tab-separated"),
        ("users", "user_id;username;email;age\n", "looks semicolon-separated"),
        ("users", "user_id,username,email,age\n1,\"a,3\n", "users.csv:2: a quoted field is not closed before the end of the file"),
        ("likes", "user_id,subcategory,likes\n1,crochet,2\n", "likes.csv:2: unknown subcategory \"crochet\" (not in "),
        ("likes", "user_id,subcategory,likes\n1,jazz,-2\n", "likes.csv:2: column likes: \"-2\" is negative"),
        ("likes", "user_id,subcategory,likes\n1,jazz,2.5\n", "likes.csv:2: column likes: \"2.5\" is not a non-negative integer"),
        ("likes", "user_id,subcategory,likes\n77,jazz,2\n", "likes.csv:2: user_id 77 is not in "),
        ("likes", "user_id,subcategory,likes\n1,jazz,2147483647\n1,folk,1\n", "likes.csv:3: user 1 has more than 2147483647 likes in all"),
        ("likes", "user_id,likes\n1,2\n", "likes.csv:1: missing column \"subcategory\""),
        ("catalog", "category,subcategory\nmusic,jazz\nbooks,jazz\n", "catalog.csv:3: subcategory \"jazz\" is listed under \"books\" and under \"music\" (line 2)"),
        ("catalog", "category,subcategory\nmusic,jazz\nmusic,folk\n", "catalog.csv: 1 category (\"music\"); a catalogue needs at least 2"),
        ("catalog", "category,subcategory\nmusic,\nbooks,crime\n", "catalog.csv:2: column subcategory is empty"),
        ("catalog", "category\nmusic\n", "catalog.csv:1: missing column \"subcategory\""),
    ]

    @Test(arguments: 0..<cases.count)
    func refusesNamingFileLineColumnAndValue(_ index: Int) throws {
        let (file, text, expected) = Self.cases[index]
        var fixture = try ImportFixture()
        fixture.users = "user_id,username,email,age\n1,ann,ann@example.com,30\n"
        fixture.likes = "user_id,subcategory,likes\n1,jazz,1\n"
        try fixture.run()  // a warehouse to protect: imports below must leave it as it is
        fixture.users = "user_id,username,email,age\n1,ann,ann@example.com,30\n"
        switch file {
        case "users": fixture.users = text
        case "likes": fixture.likes = text
        default: fixture.catalog = text
        }
        let before = fileBytes(fixture.database)
        let other = fixture.dir.path("other.sqlite")
        do {
            _ = try ImportJob.run(database: other, configuration: fixture.configurationAfterWriting())
            Issue.record("accepted: \(text.debugDescription)")
        } catch let refusal as ImportRefusal {
            #expect(refusal.problems.contains { $0.contains(expected) }, "\(refusal.problems)")
        }
        #expect(!FileManager.default.fileExists(atPath: other), "a refused import created the database")
        #expect(fileBytes(fixture.database) == before)
    }

    @Test func reportsTheFirstTenProblemsNotJustOne() throws {
        var fixture = try ImportFixture()
        fixture.users = "user_id,username,email,age\n" + (1...30).map { "\($0),u\($0),u\($0)@x.org,\(200 + $0)" }.joined(separator: "\n") + "\n"
        let problems = try fixture.refusal()
        #expect(problems.count == 10)
        #expect(problems.first?.contains("users.csv:2: column age: \"201\"") == true && problems.last?.contains("users.csv:11:") == true, "\(problems)")
        var both = try ImportFixture()
        both.users = "user_id,username,email,age\n1,a,a@x.org,3\n1,b,b@x.org,3\n"
        both.catalog = "category,subcategory\nmusic,jazz\nbooks,crime\n"
        both.likes = "user_id,subcategory,likes\n1,jazz,x\n1,folk,1\n"
        let mixed = try both.refusal()
        #expect(mixed.count == 1 && mixed[0].contains("duplicate user_id"), "likes are checked once users are valid: \(mixed)")
    }

    @Test func notUTF8GzipDirectoryFIFOAndTheDatabaseItself() throws {
        let fixture = try ImportFixture()
        try fixture.run()
        let before = fileBytes(fixture.database)
        func problems(_ configure: (inout ImportConfiguration) throws -> Void) throws -> [String] {
            var configuration = fixture.configuration(append: true)
            try configure(&configuration)
            do {
                _ = try ImportJob.run(database: fixture.database, configuration: configuration)
                return []
            } catch let refusal as ImportRefusal {
                return refusal.problems
            }
        }
        let latin1 = fixture.dir.path("latin1.csv")
        try Data("user_id,username,email,age\n5,jos\u{E9},j@x.org,3\n".data(using: .isoLatin1)!).write(to: URL(fileURLWithPath: latin1))
        #expect(try problems { $0.usersPath = latin1 }.contains { $0.contains("latin1.csv:2: column username is not UTF-8 text") })
        let gzip = fixture.dir.path("users.csv.gz")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x00]).write(to: URL(fileURLWithPath: gzip))
        #expect(try problems { $0.usersPath = gzip }.contains { $0.contains("users.csv.gz: it is a gzip file (it starts with the bytes 1f 8b)") })
        #expect(try problems { $0.likesPath = fixture.dir.url.path }.contains { $0.contains("it is a directory, not a regular file") })
        let fifo = fixture.dir.path("fifo.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(try problems { $0.likesPath = fifo }.contains { $0.contains("fifo.csv: it is a FIFO (named pipe), not a regular file") })
        #expect(try problems { $0.likesPath = fixture.database }.contains { $0.contains("it is the warehouse database") })
        #expect(try problems { $0.catalogPath = fixture.dir.path("missing.csv") }.contains { $0.contains("missing.csv: no such file") })
        #expect(fileBytes(fixture.database) == before)
    }
}

extension ImportFixture {
    /// The configuration after writing the three files.
    func configurationAfterWriting() throws -> ImportConfiguration {
        try write()
        return configuration()
    }
}
