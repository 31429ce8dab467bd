import TestSupport
import Foundation
import Testing

/// One voice for every error, from the outside: ArgumentParser's own refusals read like ours (one
/// line, lowercase, the option, the value and the reason, exit 64), `--json` turns any error into
/// one JSON object on stderr with the same exit code, and a typo's line fits 100 columns.
@Suite struct CLIErrorVoiceTests {
    /// One kind of parse error: the arguments, and what the line must say.
    struct ParseCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let line: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// ArgumentParser's wording, which none of our lines may have.
    static let theirs = ["Unknown option", "Missing value", "Missing expected", "The value", "is invalid for", "Please provide",
                         "Unexpected argument", "unexpected arguments:", "does not take any value", "Did you mean", "Invalid option"]

    @Test(arguments: [
        // A value that cannot be read: what the option accepts, and the value.
        ParseCase(arguments: ["report", "--run", "0"], line: "--run must be a run id (1 or more) or 'latest', got '0'"),
        ParseCase(arguments: ["seed", "--users", "many"], line: "--users must be a whole number, got 'many'"),
        ParseCase(arguments: ["seed", "--users", "99999999999999999999"],
                  line: "--users must be a whole number no larger than 9223372036854775807, got '99999999999999999999'"),
        ParseCase(arguments: ["report", "--seed", "-4"], line: "--seed must be a whole number from 0 to 18446744073709551615, got '-4'"),
        ParseCase(arguments: ["run-segmentation", "--tol", "small"], line: "--tol must be a number, got 'small'"),
        ParseCase(arguments: ["compare", "1", "x"], line: "<B> must be a run id (1 or more) or 'latest', got 'x'"),
        // A closed list: its values.
        ParseCase(arguments: ["target", "--by", "clicks"], line: "--by must be 'lift' or 'likes', got 'clicks'"),
        ParseCase(arguments: ["audience", "--segment", "1", "--out", "a.csv", "--format", "pdf"],
                  line: "--format must be 'csv', 'meta' or 'google', got 'pdf'"),
        // A transform's own reason.
        ParseCase(arguments: ["run-segmentation", "--elbow", "5...3"],
                  line: "--elbow got '5...3': the range runs backwards (5 > 3); write LOW...HIGH"),
        // A missing value, a missing required option or argument.
        ParseCase(arguments: ["seed", "--users"], line: "--users <users> needs a value, got none"),
        ParseCase(arguments: ["recommend"], line: "recommend needs --user <id>, or --all --out FILE"),
        ParseCase(arguments: ["compare", "1"], line: "compare needs <B>, got none"),
        // Unknown options, inside a command and before it.
        ParseCase(arguments: ["seed", "--user", "5"], line: "seed has no option '--user'; did you mean '--users'?"),
        ParseCase(arguments: ["seed", "--bogus"], line: "seed has no option '--bogus' (see warehouse seed --help)"),
        ParseCase(arguments: ["--db", "x.sqlite", "info"],
                  line: "option '--db' comes before the command; options go after it: warehouse info --db x.sqlite"),
        ParseCase(arguments: ["--db", "x.sqlite"], line: "option '--db' comes before any command; options go after one"),
        ParseCase(arguments: ["seed", "---x"], line: "'---x' is not an option name for seed (see warehouse seed --help)"),
        // Arguments a command does not take, a value for a flag.
        ParseCase(arguments: ["info", "extra"], line: "info does not take the argument 'extra' (see warehouse info --help)"),
        ParseCase(arguments: ["info", "a", "b"], line: "info does not take the arguments 'a', 'b'"),
        ParseCase(arguments: ["info", "--json=yes"], line: "--json takes no value, got 'yes'"),
        // A value with a terminal escape is printed escaped.
        ParseCase(arguments: ["seed", "--users", "\u{1B}[2J"], line: "--users must be a whole number, got '\\u{1B}[2J'"),
    ])
    func parseErrorsSpeakOurVoice(_ test: ParseCase) throws {
        let dir = try TemporaryDirectory()
        let outcome = try CLIRunner.run(test.arguments, in: dir.url)
        #expect(outcome.status == 64, "status \(outcome.status)")
        #expect(outcome.stdout.isEmpty && outcome.errorLines.count == 1, "\(outcome.stderr)")
        let line = try #require(outcome.errorLines.first)
        #expect(line.hasPrefix("warehouse: error: " + test.line), "\(line)")
        let message = line.dropFirst("warehouse: error: ".count)
        #expect(message.first?.isUppercase == false, "lowercase: \(line)")
        for phrase in Self.theirs { #expect(!line.contains(phrase), "ArgumentParser's '\(phrase)': \(line)") }
        #expect(!line.unicodeScalars.contains { $0.value == 0x1B }, "a raw escape: \(line.debugDescription)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty, "a refusal writes nothing")
    }

    /// The error `arguments` print with `--json` (appended): one object, `error` the text line's message.
    private func jsonError(_ arguments: [String], status: Int32, in directory: URL,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let text = try CLIRunner.run(arguments, in: directory)
        let json = try CLIRunner.run(arguments + ["--json"], in: directory)
        #expect(text.status == status && json.status == status, "\(arguments): \(text.status), \(json.status)", sourceLocation: sourceLocation)
        #expect(json.errorLines.count == 1 && json.stderr.hasSuffix("}\n"), "one line: \(json.stderr)", sourceLocation: sourceLocation)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any],
                                  "\(json.stderr)", sourceLocation: sourceLocation)
        let message = try #require(object["error"] as? String, sourceLocation: sourceLocation)
        #expect(text.errorLines.last == "warehouse: error: " + message, "the same message: \(text.stderr) vs \(message)",
                sourceLocation: sourceLocation)
        return object
    }

    @Test func errorsUnderJSONAreOneObjectOnStderr() throws {
        let dir = try TemporaryDirectory()
        // Parse errors, the option before the command, a typo: exit 64.
        for arguments in [["seed", "--users", "many"], ["recommend"], ["report", "--run", "0"], ["info", "extra"]] {
            let object = try jsonError(arguments, status: 64, in: dir.url)
            #expect(Array(object.keys) == ["error"], "\(object)")
        }
        let before = try CLIRunner.run(["--json", "info", "--db", "w.sqlite"], in: dir.url)
        #expect(before.status == 64 && before.stderr == "{\"error\":\"option '--json' comes before the command; options go after it: "
                + "warehouse info --json --db w.sqlite\"}\n", "\(before.stderr)")
        let typo = try jsonError(["segmnt"], status: 64, in: dir.url)
        #expect((typo["error"] as? String)?.hasPrefix("unknown command 'segmnt'; did you mean") == true)

        // Job errors: exit 1, and nothing on stdout.
        let missing = try jsonError(["info", "--db", dir.path("none.sqlite")], status: 1, in: dir.url)
        #expect((missing["error"] as? String)?.contains("no warehouse database at") == true)
        #expect(try CLIRunner.run(["runs", "--db", dir.path("none.sqlite"), "--json"]).stdout.isEmpty)

        // An import's refusal: its problems as a list beside the message.
        try "category,subcategory\nsports,\n".write(toFile: dir.path("c.csv"), atomically: true, encoding: .utf8)
        try "user_id,username,email,age\n1,a,a@example.com,30\n".write(toFile: dir.path("u.csv"), atomically: true, encoding: .utf8)
        try "user_id,subcategory\n1,tennis\n".write(toFile: dir.path("l.csv"), atomically: true, encoding: .utf8)
        let refused = try jsonError(["import", "--db", dir.path("i.sqlite"), "--catalog", dir.path("c.csv"), "--users", dir.path("u.csv"),
                                     "--likes", dir.path("l.csv")], status: 1, in: dir.url)
        #expect((refused["error"] as? String)?.hasPrefix("import refused") == true)
        let problems = try #require(refused["problems"] as? [String])
        #expect(problems.first?.contains("c.csv:2") == true, "\(problems)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("i.sqlite")))
    }

    @Test func helpAndVersionPrintInFull() throws {
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n" && version.stderr.isEmpty)
        for arguments in [["info", "--help"], ["info", "--json", "--help"], ["help", "info"]] {
            let help = try CLIRunner.run(arguments)
            #expect(help.status == 0 && help.stdout.contains("USAGE: warehouse info [--db <path>] [--json]") && help.stderr.isEmpty,
                    "\(arguments): \(help.stdout)\(help.stderr)")
        }
    }

    @Test(arguments: ["segmnt", "run-segmentaton", "impot-run", "x", String(repeating: "typo", count: 40)])
    func theUnknownCommandLineFitsOneHundredColumns(_ word: String) throws {
        let outcome = try CLIRunner.run([word, "--db", "x"])
        #expect(outcome.status == 64 && outcome.errorLines.count == 1, "\(outcome.stderr)")
        let line = try #require(outcome.errorLines.first)
        #expect(line.count <= 100, "\(line.count) columns: \(line)")
        #expect(line.hasPrefix("warehouse: error: unknown command '") && line.contains("; did you mean '"), "\(line)")
    }

    /// One fact, one key: the keys chosen (`database`, `components`, `adjusted_rand_index`,
    /// `feature_sets`, `feature_names`, `like_index`, `user_share`, `name_source`,
    /// `users_without_likes`, `run_id` vs a listed run's `id`) and none of the old names.
    @Test func oneFactHasOneKeyEverywhere() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let outcome = try CLIRunner.run(arguments + ["--json"], in: dir.url)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
            return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                                sourceLocation: sourceLocation)
        }
        /// Every key at any depth.
        func keys(_ value: Any) -> Set<String> {
            if let object = value as? [String: Any] { return object.reduce(into: Set(object.keys)) { $0.formUnion(keys($1.value)) } }
            if let list = value as? [Any] { return list.reduce(into: []) { $0.formUnion(keys($1)) } }
            return []
        }
        let old: Set = ["n_components", "ari", "features", "likes_index", "segment_share", "population_share", "without_likes", "source"]

        let seed = try json(["seed", "--db", db, "--users", "600", "--quiet"])
        #expect(seed["database"] as? String == db && seed["batch_id"] as? Int == 1)
        let run = try json(["run-segmentation", "--db", db, "--k", "3", "--n-init", "1", "--elbow", "off", "--quiet"])
        #expect(run["run_id"] as? Int == 1 && run["feature_sets"] as? String == "category_share")
        #expect((run["feature_names"] as? [String])?.first?.hasPrefix("share_") == true)
        let segment = try #require((run["segments"] as? [[String: Any]])?.first)
        #expect(segment["name_source"] as? String == "generated")
        let category = try #require((segment["top_categories"] as? [[String: Any]])?.first)
        #expect(Set(category.keys) == ["category", "like_share", "lift"])

        let info = try json(["info", "--db", db])
        #expect(info["database"] as? String == db && info["path"] == nil)
        let infoRun = try #require((info["runs"] as? [[String: Any]])?.first)
        #expect(infoRun["id"] as? Int == 1 && infoRun["components"] is Int && infoRun["feature_sets"] as? String == "category_share")
        #expect(infoRun.keys.contains("adjusted_rand_index") && infoRun["run_id"] == nil)

        let runs = try json(["runs", "--db", db])
        let entry = try #require((runs["runs"] as? [[String: Any]])?.first)
        #expect(entry["id"] as? Int == 1 && entry["components"] as? Int == infoRun["components"] as? Int)
        #expect(entry["adjusted_rand_index"] as? Double == infoRun["adjusted_rand_index"] as? Double)
        #expect(entry["feature_sets"] as? String == "category_share")

        _ = try json(["seed", "--db", db, "--users", "30", "--append", "--seed", "2", "--quiet"])
        let assign = try json(["assign", "--db", db])
        #expect(assign["run_id"] as? Int == 1 && assign["users_without_likes"] is Int)
        let recommend = try json(["recommend", "--db", db, "--user", "3"])
        let suggestion = try #require((recommend["suggestions"] as? [[String: Any]])?.first)
        #expect(suggestion["predicted_share"] is Double && suggestion["segment_prior"] is Double && suggestion["own_share"] is Double)
        let names = try json(["name", "--db", db])
        #expect((names["segments"] as? [[String: Any]])?.allSatisfy { $0["name_source"] as? String == "generated" } == true)
        let check = try json(["check", "--db", db])
        #expect(check["database"] as? String == db && check["path"] == nil)

        // An engine's result for run 1, imported as run 2: its components and ARI under the same keys.
        let export = try json(["export", "--db", db, "--run", "1", "--out", dir.path("export")])
        let featureNames = try #require(export["feature_names"] as? [String])
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("export/schema.json")))
        let maxUserID = try #require(((schema as? [String: Any])?["segmentation"] as? [String: Any])?["max_user_id"] as? Int)
        let result = dir.url.appendingPathComponent("result")
        try FileManager.default.createDirectory(at: result, withIntermediateDirectories: true)
        let assignments = try CLIRunner.run(["audience", "--db", db, "--run", "1", "--segment", "all", "--out", dir.path("segments")], in: dir.url)
        #expect(assignments.status == 0, "\(assignments.stderr)")
        var rows = ["user_id,segment,distance"]
        for segmentNumber in 1...3 {
            let csv = try String(contentsOfFile: dir.path("segments/run1-segment\(segmentNumber).csv"), encoding: .utf8)
            for line in csv.split(separator: "\n").dropFirst() {
                // The run's own users (the engine never saw those assigned later); the distance is the last field.
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard let user = Int(fields[0]), user <= maxUserID else { continue }
                rows.append("\(user),\(segmentNumber),\(fields[fields.count - 1])")
            }
        }
        try (rows.joined(separator: "\n") + "\n").write(to: result.appendingPathComponent("assignments.csv"), atomically: true, encoding: .utf8)
        let meta: [String: Any] = [
            "format": "warehouse-segmentation-result", "version": 1, "engine": "spark", "engine_version": "test", "k": 3,
            "n_components": infoRun["components"] as? Int ?? 0, "seed": 42, "max_iter": 300, "tol": 1e-4, "features": "category_share",
            "feature_names": featureNames, "users": rows.count - 1, "max_user_id": maxUserID, "inertia": 100.0, "iterations": 5,
            "seconds": 1.0, "assignments": "assignments.csv", "source_run": 1,
        ]
        try JSONSerialization.data(withJSONObject: meta, options: [.sortedKeys]).write(to: result.appendingPathComponent("meta.json"))
        let imported = try json(["import-run", "--db", db, result.path, "--quiet"])
        #expect(imported["run_id"] as? Int == 2 && imported["components"] as? Int == infoRun["components"] as? Int)
        #expect(imported.keys.contains("adjusted_rand_index") && imported["source_run"] as? Int == 1)
        let compare = try json(["compare", "--db", db, "1", "2"])
        #expect((compare["segment_names_a"] as? [[String: Any]])?.first?["name_source"] is String)

        let pipeline = try json(["pipeline", "--db", dir.path("p.sqlite"), "--users", "400", "--out", dir.path("p.html"), "--quiet"])
        #expect(pipeline["database"] as? String == dir.path("p.sqlite") && (pipeline["run"] as? [String: Any])?["run_id"] as? Int == 1)
        #expect(((pipeline["report"] as? [String: Any])?["segments"] as? [[String: Any]])?.first?["name_source"] is String)

        for (command, output) in [("seed", seed), ("run-segmentation", run), ("info", info), ("runs", runs), ("assign", assign),
                                  ("recommend", recommend), ("name", names), ("check", check), ("import-run", imported),
                                  ("compare", compare), ("pipeline", pipeline)] {
            #expect(keys(output).isDisjoint(with: old), "\(command) still says \(keys(output).intersection(old).sorted())")
        }
    }
}
