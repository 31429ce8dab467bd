import Foundation
import TestSupport
import Testing

/// `warehouse import --events` from the outside: the summary (text and JSON) names the kinds and
/// the interest rules, --append takes events without --users, refusals print file:line: column
/// and value and leave the database as it was, and bad arguments are refused before reading.
@Suite struct CLIImportEventsTests {
    struct Files {
        let dir: TemporaryDirectory
        var db: String { dir.path("w.sqlite") }

        init() throws {
            dir = try TemporaryDirectory()
            try put("catalog.csv", "category,subcategory\nmusic,jazz\nmusic,folk\nfilm,noir\n")
            try put("users.csv", "user_id,username,email,age\n1,ann,ann@example.com,30\n2,bob,bob@example.com,40\n")
            try put("items.csv", "item_id,subcategory\nm-1,jazz\nm-1,noir\nm-2,folk\n")
            try put("events.csv", "user_id,kind,timestamp,item_id,value\n1,like,1700000000,m-1,\n2,rate,2023-11-14T22:13:20Z,m-2,5\n2,view,1700000100,m-1,\n")
        }

        func put(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir.path(name)))
        }

        func arguments(users: Bool = true, events: String = "events.csv") -> [String] {
            ["import", "--db", db, "--catalog", dir.path("catalog.csv")] + (users ? ["--users", dir.path("users.csv")] : [])
                + ["--events", dir.path(events), "--items", dir.path("items.csv")]
        }
    }

    @Test func eventsImportWithKindsAndRulesInTheSummary() throws {
        let files = try Files()
        let imported = try CLIRunner.run(files.arguments() + ["--min-value", "view=1", "--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(json["events"] as? Int == 3 && json["interactions"] as? Int == 5, "\(imported.stdout)")
        let kinds = try #require(json["kinds"] as? [[String: Any]])
        #expect(kinds.map { "\($0["kind"] ?? "") \($0["rows"] ?? "")" } == ["like 2", "rate 1", "view 2"])
        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.map { "\($0["kind"] ?? "")=\($0["min_value"] ?? "") \($0["by_default"] ?? "")" } == ["view=1 0", "rate=4 1"], "\(rules)")
        let check = try CLIRunner.run(["check", "--db", files.db])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // --append without --users: events of stored users; the text summary names kinds and rules.
        try files.put("more.csv", "user_id,kind,timestamp,subcategory,value\n1,rating,1700000200,folk,3\n1,like,1700000000,jazz,\n")
        let appended = try CLIRunner.run(["import", "--db", files.db, "--catalog", files.dir.path("catalog.csv"),
                                          "--events", files.dir.path("more.csv"), "--append"])
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(appended.stdout.contains("2 events") && appended.stdout.contains("rating counts from value 4 (default for ratings)"), "\(appended.stdout)")
        let again = try CLIRunner.run(["check", "--db", files.db])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    }

    @Test func aRefusalPrintsEveryProblemAndLeavesTheDatabase() throws {
        let files = try Files()
        #expect(try CLIRunner.run(files.arguments()).status == 0)
        let before = FileManager.default.contents(atPath: files.db)
        try files.put("bad.csv", "user_id,kind,timestamp,item_id\n1,view,2023-11-14 22:13,m-1\n3,view,1700000000,m-1\n1,view,1700000000,m-9\n")
        let refused = try CLIRunner.run(files.arguments(users: false, events: "bad.csv") + ["--append"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("bad.csv:2: column timestamp: \"2023-11-14 22:13\""), "\(refused.stderr)")
        #expect(refused.stderr.contains("bad.csv:3: column user_id: \"3\" is an unknown user"), "\(refused.stderr)")
        #expect(refused.stderr.contains("bad.csv:4: column item_id: \"m-9\" is an unknown item"), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was written"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: files.db) == before)
    }

    @Test(arguments: [
        (["--min-value", "view"], "--min-value: 'view' is not kind=value"),
        (["--min-value", "view=abc"], "is not a finite number"),
        (["--min-value", "view=1,view=2"], "names kind 'view' twice"),
    ])
    func badMinValuesAreRefused(_ extra: [String], _ expected: String) throws {
        let files = try Files()
        let outcome = try CLIRunner.run(files.arguments() + extra)
        #expect(outcome.status != 0 && outcome.stderr.contains(expected), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: files.db))
    }

    @Test func missingInputsAreRefused() throws {
        let files = try Files()
        let catalog = ["import", "--db", files.db, "--catalog", files.dir.path("catalog.csv")]
        let neither = try CLIRunner.run(catalog + ["--users", files.dir.path("users.csv")])
        #expect(neither.status != 0 && neither.stderr.contains("give --likes, --events or both"), "\(neither.stderr)")
        let noUsers = try CLIRunner.run(catalog + ["--events", files.dir.path("events.csv")])
        #expect(noUsers.status != 0 && noUsers.stderr.contains("--users may be left out only with --append"), "\(noUsers.stderr)")
        let itemsAlone = try CLIRunner.run(catalog + ["--users", files.dir.path("users.csv"), "--likes", files.dir.path("events.csv"),
                                                      "--items", files.dir.path("items.csv")])
        #expect(itemsAlone.status != 0 && itemsAlone.stderr.contains("--items is read only with --events"), "\(itemsAlone.stderr)")
        #expect(!FileManager.default.fileExists(atPath: files.db))
    }
}
