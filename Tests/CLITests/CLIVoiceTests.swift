import TestSupport
import Foundation
import Testing

/// One voice across commands, from the outside: a typo gets a suggestion, every command that
/// prints facts has JSON with `null` for absent values and labelled arrays, and text fits 100 columns.
@Suite struct CLIVoiceTests {
    private func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIRunner.Outcome {
        let outcome = try CLIRunner.run(arguments)
        #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
        return outcome
    }

    private func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let outcome = try run(arguments + ["--json"], sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
        return try #require(object as? [String: Any], "\(arguments): \(outcome.stdout)", sourceLocation: sourceLocation)
    }

    @Test func aMistypedSubcommandNamesTheTypoAndSuggests() throws {
        for (arguments, suggestion) in [(["run-segmentaton", "--db", "x"], "run-segmentation"), (["segment", "--k", "4"], "run-segmentation"),
                                        (["infos"], "info")] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status != 0)
            #expect(outcome.errorLines.count == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("'\(arguments[0])'") && outcome.stderr.contains("did you mean '\(suggestion)'?"), "\(outcome.stderr)")
            #expect(outcome.errorLines.allSatisfy { $0.count <= 100 }, "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("Unknown option"), "\(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "x"))
    }

    @Test func everyCommandHasJSONWithNullsAndLabelledArrays() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        let seed = try json(["seed", "--db", db, "--users", "2500", "--quiet"])
        #expect(seed["users"] as? Int == 2500 && seed["first_user_id"] as? Int == 1 && seed["like_rows"] as? Int ?? 0 > 0)

        let first = try json(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "off", "--quiet"])
        #expect(first["suggested_k"] is NSNull, "no elbow: suggested_k is null, not missing")
        #expect((first["elbow"] as? [Any])?.isEmpty == true)
        #expect((first["explained_variance"] as? Double ?? 2) <= 1)
        #expect(first["silhouette_users"] as? Int == first["users"] as? Int)
        let second = try json(["run-segmentation", "--db", db, "--n-init", "2", "--elbow", "2...4", "--seed", "5", "--quiet"])
        #expect(second.keys.contains("suggested_k") && second["adjusted_rand_index"] is Double)
        for row in second["elbow"] as? [[String: Any]] ?? [] { #expect(row.keys.contains("silhouette")) }

        let info = try json(["info", "--db", db])
        let infoRuns = try #require(info["runs"] as? [[String: Any]])
        #expect(infoRuns.count == 2 && infoRuns[0]["suggested_k"] is NSNull && infoRuns[0]["adjusted_rand_index"] is Double)
        #expect((info["tables"] as? [[String: Any]])?.contains { $0["table"] as? String == "users" && $0["rows"] as? Int == 2500 } == true)
        #expect((info["seed_batches"] as? [[String: Any]])?.first?["users"] as? Int == 2500)

        let runs = try json(["runs", "--db", db])
        let entries = try #require(runs["runs"] as? [[String: Any]])
        #expect(entries.count == 2 && entries[0]["aligned_to"] is NSNull && entries[0]["suggested_k"] is NSNull)
        #expect(entries.allSatisfy { ($0["explained_variance"] as? Double ?? 2) <= 1 })

        let compare = try json(["compare", "--db", db, "1", "2"])
        let overlap = try #require(compare["overlap"] as? [String: Any])
        #expect(overlap["adjusted_rand_index"] is Double)
        let counts = try #require(overlap["counts"] as? [[String: Any]])
        #expect(counts.count == 16 && counts.allSatisfy { $0["segment_a"] is Int && $0["segment_b"] is Int && $0["users"] is Int })
        #expect((overlap["sizes_a"] as? [[String: Any]])?.first?["segment"] as? Int == 1)

        let nothing = try json(["assign", "--db", db, "--run", "1"])
        #expect(nothing["assigned"] as? Int == 0 && nothing["mean_distance"] is NSNull)
        _ = try run(["seed", "--db", db, "--users", "100", "--append", "--seed", "3", "--quiet"])
        let assign = try json(["assign", "--db", db, "--run", "1"])
        let perSegment = try #require(assign["per_segment"] as? [[String: Any]])
        #expect(perSegment.map { $0["segment"] as? Int } == [1, 2, 3, 4])
        #expect(perSegment.reduce(0) { $0 + ($1["users"] as? Int ?? 0) } == assign["assigned"] as? Int)
        #expect(assign["mean_distance"] is Double)

        let target = try json(["target", "--db", db, "--run", "1"])
        let segments = try #require(target["segments"] as? [[String: Any]])
        #expect(segments.count == 4)
        for segment in segments {
            #expect(segment.keys.contains("mean_age"))
            let subcategories = segment["subcategories"] as? [[String: Any]] ?? []
            #expect(!subcategories.isEmpty && subcategories.allSatisfy { ($0["user_index"] as? Double ?? 0) > 100 },
                    "only what the segment likes more than everyone")
            #expect(subcategories.allSatisfy { $0.keys.contains("like_index") })
        }
        let everything = try json(["target", "--db", db, "--run", "1", "--all"])
        let all = (everything["segments"] as? [[String: Any]])?.first?["categories"] as? [Any]
        #expect(all?.count == 4, "--all lists every category")

        let recommend = try json(["recommend", "--db", db, "--user", "7", "--run", "1"])
        #expect(recommend["segment"] is Int && recommend["suggestions"] is [Any])

        let report = try json(["report", "--db", db, "--out", dir.path("r.html")])
        #expect(report["run_id"] as? Int == 2 && report["charts"] as? Int ?? 0 > 0 && report["bytes"] as? Int ?? 0 > 0)

        let pipeline = try json(["pipeline", "--db", dir.path("p.sqlite"), "--users", "1500", "--out", dir.path("p.html"), "--quiet"])
        #expect(pipeline["seeded"] is [String: Any] && pipeline["existing_users"] as? Int == 0)
        let pipelineRun = try #require(pipeline["run"] as? [String: Any])
        #expect((pipelineRun["adjusted_rand_index"] as? Double ?? 0) <= 1 && pipelineRun.keys.contains("suggested_k"))
        let again = try json(["pipeline", "--db", dir.path("p.sqlite"), "--out", dir.path("p.html"), "--quiet"])
        #expect(again["seeded"] is NSNull && again["existing_users"] as? Int == 1500)

        let export = try json(["export", "--db", db, "--out", dir.path("export")])
        #expect(export["run_id"] is NSNull && (export["files"] as? [Any])?.isEmpty == false)
    }

    @Test func textFitsOneHundredColumnsWithSeparatorsAndPlurals() throws {
        let dir = try TemporaryDirectory()
        // Relative paths (run in the directory): the layout must fit, a user's long path may not.
        let db = "a warehouse with spaces.sqlite"
        var outputs: [(String, String)] = []
        func text(_ arguments: [String]) throws {
            let outcome = try CLIRunner.run(arguments, in: dir.url)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
            outputs.append((arguments.joined(separator: " "), outcome.stdout))
        }
        try text(["seed", "--db", db, "--users", "12000", "--quiet"])
        try text(["run-segmentation", "--db", db, "--n-init", "2", "--quiet"])
        try text(["run-segmentation", "--db", db, "--n-init", "2", "--k", "5", "--elbow", "off", "--align-to", "1", "--seed", "9",
                  "--features", "category_share,age,log_liked_posts", "--quiet"])
        try text(["seed", "--db", db, "--users", "300", "--append", "--seed", "2", "--quiet"])
        try text(["assign", "--db", db, "--run", "1"])
        try text(["info", "--db", db])
        try text(["runs", "--db", db])
        try text(["target", "--db", db, "--run", "1"])
        try text(["target", "--db", db, "--run", "2", "--all", "--by", "likes", "--top", "20"])
        try text(["compare", "--db", db, "1", "2"])
        try text(["recommend", "--db", db, "--user", "12100", "--run", "1"])
        try text(["recommend", "--db", db, "--user", "5"])
        try text(["report", "--db", db, "--out", "the report.html"])
        try text(["export", "--db", db, "--out", "spark export"])
        try text(["pipeline", "--db", "p.sqlite", "--users", "1000", "--out", "p.html", "--quiet"])
        for (command, output) in outputs {
            // Paths are the user's: measured without the temporary directory's absolute prefix.
            for line in output.replacingOccurrences(of: dir.url.path + "/", with: "").split(separator: "\n") {
                #expect(line.count <= 100, "\(command): \(line.count) columns: \(line)")
            }
            #expect(!output.contains(" 1 segments") && !output.contains(" 1 users") && !output.contains(" 1 components"), "\(command)")
        }
        let all = outputs.map(\.1).joined(separator: "\n")
        #expect(all.contains("12,000 users") && all.contains("12,300"))
        #expect(all.range(of: "×[0-9]", options: .regularExpression) == nil, "lift is an index, not a ratio")
        let export = try #require(outputs.first { $0.0.hasPrefix("export") }?.1)
        #expect(export.contains("next: scripts/spark-segmentation.sh '") && export.contains("spark export' OUT"), "\(export)")
        let segmentation = try #require(outputs.first { $0.0.hasPrefix("run-segmentation") }?.1)
        #expect(segmentation.contains("over all 11,"), "12,000 users are below the exact-silhouette limit: \(segmentation)")
        #expect(!segmentation.contains("sample"))
        let pipeline = try #require(outputs.last?.1)
        #expect(pipeline.contains("adjusted Rand index vs planted personas 0.") && !pipeline.contains("personas 9"), "\(pipeline)")
    }
}
