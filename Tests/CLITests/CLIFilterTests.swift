import Foundation
import Storage
import TestSupport
import Testing

/// `--age`, `--gender`, `--country` from the outside: `target`, `lookalike`, `recommend --all` and
/// `report` print or write only the users a filter passes and name it; impossible values and a
/// filter that leaves no one are one line on stderr, a non-zero exit, no file and the database as
/// it was. Genders and countries are set here (id mod 4, id mod 5), not taken from the seed.
@Suite struct CLIFilterTests {
    @Test func filtersChooseTheAudienceAndImpossibleOnesAreOneLine() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1500", "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "off", "--quiet"]).status == 0)
        let edit = try Connection(path: db)
        try edit.execute("""
            UPDATE users SET gender = CASE id % 4 WHEN 0 THEN 'female' WHEN 1 THEN 'male' WHEN 2 THEN 'other' END,
                             country = CASE id % 5 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' WHEN 4 THEN 'GB' END
            """)
        let women = Int(try edit.scalar("""
            SELECT count(*) FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
            WHERE a.run_id = 1 AND u.gender = 'female'
            """)?.int64 ?? -1)
        edit.close()

        // target: the women's profile, said in text and JSON; not stored.
        let text = try CLIRunner.run(["target", "--db", db, "--gender", "female"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("over \(women.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) users passing --gender female"),
                "\(text.stdout.prefix(300))")
        let json = try CLIRunner.run(["target", "--db", db, "--gender", "F", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["filter"] as? String == "--gender female" && object?["population_users"] as? Int == women)
        let check = try Connection(path: db, options: .init(readOnly: true))
        #expect(try check.scalar("SELECT count(*) FROM segment_audiences") == .integer(0))
        check.close()

        // recommend --all: only the filtered users' rows.
        let rec = try CLIRunner.run(["recommend", "--db", db, "--all", "--out", dir.path("de.csv"), "--country", "de"])
        #expect(rec.status == 0, "\(rec.stderr)")
        let ids = try String(contentsOfFile: dir.path("de.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .compactMap { $0.split(separator: ",").first.flatMap { Int($0) } }
        #expect(!ids.isEmpty && ids.allSatisfy { $0 % 5 == 0 })

        // lookalike: candidates filtered.
        let look = try CLIRunner.run(["lookalike", "--db", db, "--segment", "1", "--size", "20", "--out", dir.path("l.csv"),
                                      "--gender", "male", "--age", "18-34,65+"])
        #expect(look.status == 0, "\(look.stderr)")
        let chosen = try String(contentsOfFile: dir.path("l.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .compactMap { $0.split(separator: ",").first.flatMap { Int($0) } }
        #expect(chosen.count == 20 && chosen.allSatisfy { $0 % 4 == 1 })

        // report: the filter at the top of the page.
        let report = try CLIRunner.run(["report", "--db", db, "--out", dir.path("r.html"), "--gender", "female", "--country", "FR"])
        #expect(report.status == 0 && report.stdout.contains("users passing --gender female --country FR"), "\(report.stderr)")
        let html = try String(contentsOfFile: dir.path("r.html"), encoding: .utf8)
        #expect(html.contains("Only users passing --gender female --country FR") && html.contains("Gender per segment"))

        // Refusals: one line, non-zero, nothing written, the database as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for (arguments, fragment, file) in [
            (["target", "--db", db, "--age", "40-30"], "--age 40-30", nil),
            (["target", "--db", db, "--country", "UK"], "--country UK", nil),
            (["target", "--db", db, "--gender", "robot"], "--gender robot", nil),
            (["target", "--db", db, "--age", "150"], "no member of run 1 passes --age 150", nil),
            (["recommend", "--db", db, "--user", "3", "--gender", "female"], "goes with --all", nil),
            (["recommend", "--db", db, "--all", "--out", dir.path("none.csv"), "--age", "150"], "no user passes --age 150", "none.csv"),
            (["lookalike", "--db", db, "--segment", "1", "--size", "5", "--out", dir.path("none.csv"), "--age", "150"], "passes --age 150", "none.csv"),
            (["report", "--db", db, "--out", dir.path("none.html"), "--age", "150"], "no user passes --age 150", "none.html"),
            (["report", "--db", db, "--out", dir.path("none.html"), "--age", "40-30"], "--age 40-30", "none.html"),
        ] as [([String], String, String?)] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status != 0, "\(arguments)")
            #expect(outcome.errorLines.count == 1 && outcome.stderr.contains(fragment), "\(arguments): \(outcome.stderr)")
            if let file { #expect(!FileManager.default.fileExists(atPath: dir.path(file)), "\(arguments)") }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
