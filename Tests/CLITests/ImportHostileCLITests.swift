import TestSupport
import Foundation
import Testing

/// `warehouse import` on hostile-but-valid files, and what the commands downstream make of them
/// (the cases `scripts/fuzz-import.sh` and its brief single out): like counts at the 2^31 − 1
/// limit, a user whose likes sum past it, a catalogue that differs from the stored one only by
/// case or spaces, one user, no like rows.
@Suite struct ImportHostileCLITests {
    static let catalog = CLIImportTests.example + "/catalog.csv"

    private func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The example's subcategories, grouped by category in file order.
    private func subcategoriesByCategory() throws -> [[String]] {
        let lines = try String(contentsOfFile: Self.catalog, encoding: .utf8).split(separator: "\n").dropFirst()
        var order: [String] = [], groups: [String: [String]] = [:]
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if groups[fields[0]] == nil { order.append(fields[0]) }
            groups[fields[0], default: []].append(fields[1])
        }
        return order.map { groups[$0] ?? [] }
    }

    /// Every user at exactly 2^31 − 1 likes (spread over categories): the population's and the
    /// categories' sums pass Int32. k-means, target and report work; latent class, whose log tables
    /// grow with the largest count, refuses in one line instead of allocating gigabytes.
    @Test func usersAtTheLikeLimitImportAndDownstreamCommandsDoNotTrap() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite"), users = dir.path("users.csv"), likes = dir.path("likes.csv")
        let groups = try subcategoriesByCategory()
        var userText = "user_id,username,email,age\n", likeText = "user_id,subcategory,likes\n"
        let limit = Int(Int32.max)
        for id in 1...40 {
            userText += "\(id),user\(id),user\(id)@example.com,\(20 + id)\n"
            let first = groups[id % groups.count][0], second = groups[(id + 1) % groups.count][0]
            let part = limit / (id + 1)
            likeText += "\(id),\(first),\(part)\n\(id),\(second),\(limit - part)\n"
        }
        try write(userText, users)
        try write(likeText, likes)
        let imported = try CLIRunner.run(CLIImportTests.importArguments(db, users: users, likes: likes) + ["--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(json["likes"] as? Int == 40 * limit)
        let check = try CLIRunner.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)")
        for arguments in [["run-segmentation", "--k", "2", "--elbow", "off", "--quiet"], ["target"],
                          ["report", "--out", dir.path("r.html")], ["recommend", "--user", "1"]] {
            let outcome = try CLIRunner.run(arguments + ["--db", db])
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
        }
        let latent = try CLIRunner.run(["run-segmentation", "--db", db, "--k", "2", "--elbow", "off", "--method", "latent-class", "--quiet"])
        #expect(latent.status == 1 && latent.errorLines.count == 1, "\(latent.status): \(latent.stderr)")
        #expect(latent.stderr.contains("largest user total \(limit)") && latent.stderr.contains("k-means"), "\(latent.stderr)")
    }

    /// Likes summing past 2^31 − 1 for one user, over one subcategory or several: refused with
    /// file:line naming the user, and no database file is created.
    @Test func aUserWhoseLikesSumPastTheLimitIsRefused() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite"), users = dir.path("users.csv"), likes = dir.path("likes.csv")
        try write("user_id,username,email,age\n7,seven,seven@example.com,30\n8,eight,eight@example.com,31\n", users)
        let groups = try subcategoriesByCategory()
        for rows in [["\(groups[0][0]),2147483647", "\(groups[0][0]),1"], ["\(groups[0][0]),2147483000", "\(groups[1][0]),648"]] {
            try write("user_id,subcategory,likes\n8,\(groups[1][0]),5\n" + rows.map { "7,\($0)\n" }.joined(), likes)
            let outcome = try CLIRunner.run(CLIImportTests.importArguments(db, users: users, likes: likes))
            #expect(outcome.status == 1, "\(outcome.stdout)")
            #expect(outcome.errorLines.first?.contains("\(likes):4: user 7 has more than 2147483647 likes") == true, "\(outcome.stderr)")
            #expect(outcome.errorLines.count == 2, "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: db))
        }
    }

    /// A catalogue differing only by spaces around names is the stored one (names are trimmed);
    /// one differing by case is another taxonomy: refused naming both spellings, file unchanged.
    @Test func aCatalogueDifferingByCaseIsRefusedAndBySpacesIsTheSame() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        let first = try CLIRunner.run(CLIImportTests.importArguments(db))
        #expect(first.status == 0, "\(first.stderr)")
        let text = try String(contentsOfFile: Self.catalog, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fields = lines[1].split(separator: ",", maxSplits: 2).map(String.init)
        let users = dir.path("users.csv"), likes = dir.path("likes.csv")
        try write("user_id,username,email,age\n990001,late,late@example.com,40\n", users)
        try write("user_id,subcategory\n990001,\(fields[1])\n", likes)

        let upper = dir.path("upper.csv")
        try write(([lines[0], ([fields[0].uppercased()] + fields.dropFirst()).joined(separator: ",")] + lines.dropFirst(2)).joined(separator: "\n"), upper)
        let before = FileManager.default.contents(atPath: db)
        let refused = try CLIRunner.run(CLIImportTests.importArguments(db, catalog: upper, users: users, likes: likes) + ["--append"])
        #expect(refused.status == 1 && refused.errorLines.count == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(upper): the warehouse") && refused.stderr.contains("\"\(fields[0].uppercased())\"")
                && refused.stderr.contains("\"\(fields[0])\""), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: db) == before)

        let spaced = dir.path("spaced.csv")
        try write(([lines[0], ([" \(fields[0]) ", "\t\(fields[1]) "] + fields.dropFirst(2)).joined(separator: ",")] + lines.dropFirst(2)).joined(separator: "\n"), spaced)
        let appended = try CLIRunner.run(CLIImportTests.importArguments(db, catalog: spaced, users: users, likes: likes) + ["--append"])
        #expect(appended.status == 0 && appended.stdout.contains("(existing)"), "\(appended.stderr)")
        #expect(try CLIRunner.run(["check", "--db", db]).status == 0)
    }

    /// One user and a likes file with a header only: imported (the user without likes); the
    /// downstream commands refuse in one line each, without a trap.
    @Test func oneUserWithoutLikeRowsImportsAndDownstreamRefusesCleanly() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite"), users = dir.path("users.csv"), likes = dir.path("likes.csv")
        try write("user_id,username,email,age\n1,only,only@example.com,50\n", users)
        try write("user_id,subcategory,likes\n", likes)
        let imported = try CLIRunner.run(CLIImportTests.importArguments(db, users: users, likes: likes) + ["--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(json["users"] as? Int == 1 && json["like_rows_read"] as? Int == 0, "\(imported.stdout)")
        let again = try CLIRunner.run(CLIImportTests.importArguments(dir.path("w2.sqlite"), users: users, likes: likes))
        #expect(again.stdout.contains("(0 likes; 1 user without likes)"), "\(again.stdout)")
        #expect(try CLIRunner.run(["check", "--db", db]).status == 0)
        for arguments in [["run-segmentation", "--k", "2", "--elbow", "off", "--quiet"], ["target"]] {
            let outcome = try CLIRunner.run(arguments + ["--db", db])
            #expect(outcome.status == 1 && outcome.errorLines.count == 1, "\(arguments): \(outcome.status) \(outcome.stderr)")
        }
        let report = try CLIRunner.run(["report", "--db", db, "--out", dir.path("r.html")])
        #expect(report.status == 0, "\(report.stderr)")
    }

    /// Inputs from the fuzzer's catalogue of hostile files, each refused in at most a few lines
    /// naming the file, with the database byte for byte as it was.
    @Test func hostileInputsAreRefusedNamingTheFile() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(CLIImportTests.importArguments(db)).status == 0)
        let before = FileManager.default.contents(atPath: db)
        let header = "user_id,username,email,age\n"
        let cases: [(String, Data)] = [
            ("five-megabyte field", Data((header + "5,\(String(repeating: "x", count: 5 << 20)),a@b.c,5\n").utf8)),
            ("50,000 columns", Data((header.dropLast() + (0..<50_000).map { ",c\($0)" }.joined() + "\n").utf8)),
            ("CR line ends", Data(header.replacingOccurrences(of: "\n", with: "\r").utf8) + Data("5,a,a@b.c,5\r".utf8)),
            ("gzip bytes", Data([0x1F, 0x8B, 0x08, 0x00, 0x00])),
            ("NUL in a row", Data((header + "5,a\u{0}b,a@b.c,5\n").utf8)),
            ("invalid UTF-8", Data(header.utf8) + Data([0x35, 0x2C, 0xFF, 0x2C, 0x61, 0x40, 0x62, 0x2C, 0x35, 0x0A])),
            ("an unclosed quote", Data((header + "5,\"a,a@b.c,5\n").utf8)),
            ("a huge id", Data((header + "99999999999999999999,a,a@b.c,5\n").utf8)),
            ("a signed age", Data((header + "5,a,a@b.c,+5\n").utf8)),
        ]
        for (what, bytes) in cases {
            let users = dir.path("users.csv")
            try bytes.write(to: URL(fileURLWithPath: users))
            let outcome = try CLIRunner.run(CLIImportTests.importArguments(db, users: users) + ["--append"])
            #expect(outcome.status == 1, "\(what): \(outcome.stdout)")
            #expect(outcome.errorLines.count <= 11 && outcome.errorLines.allSatisfy { $0.contains(users) || $0.contains("import refused") },
                    "\(what): \(outcome.stderr.prefix(2_000))")
            #expect(outcome.stderr.utf8.count < 4_000, "\(what): \(outcome.stderr.utf8.count) bytes of stderr")
            #expect(FileManager.default.contents(atPath: db) == before, "\(what)")
        }
    }
}
