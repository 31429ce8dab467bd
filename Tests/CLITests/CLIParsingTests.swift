import ArgumentParser
import Testing
@testable import warehouse
import WarehouseKit

/// The command line parsed in-process, as swift-argument-parser's own end-to-end tests do:
/// every command's options, defaults and refusals, without a database or a subprocess.
@Suite struct CLIParsingTests {
    /// `arguments` parsed as the root command, cast to the subcommand expected.
    private func parse<T: ParsableCommand>(_ type: T.Type, _ arguments: [String],
                                           sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        let command = try WarehouseCommand.parseAsRoot(arguments)
        return try #require(command as? T, "parsed \(arguments) as \(Swift.type(of: command))", sourceLocation: sourceLocation)
    }

    /// The one-line message the executable prints for `arguments`, which must be refused
    /// (after "warehouse: error: "), as `CommandLineError` words it.
    private func refusal(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try WarehouseCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) was accepted", sourceLocation: sourceLocation)
            return ""
        } catch {
            #expect(!WarehouseCommand.exitCode(for: error).isSuccess, sourceLocation: sourceLocation)
            let failure = CommandLineError(error, arguments: arguments)
            #expect(failure.exitCode == ExitCode.validationFailure.rawValue, "\(arguments)", sourceLocation: sourceLocation)
            #expect(!failure.message.contains("\n") && failure.message.first?.isUppercase != true, "\(arguments): \(failure.message)",
                    sourceLocation: sourceLocation)
            return failure.message
        }
    }

    private func expectRefusal(_ arguments: [String], mentioning fragments: [String],
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let message = refusal(arguments, sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(message.contains(fragment), "\(arguments): \(message)", sourceLocation: sourceLocation)
        }
        #expect(!message.contains("Missing value"), "\(arguments): \(message)", sourceLocation: sourceLocation)
    }

    // MARK: Defaults

    @Test func seedDefaults() throws {
        let seed = try parse(WarehouseCommand.Seed.self, ["seed"])
        #expect(seed.users == 10_000 && seed.seed == 42 && !seed.append)
        #expect(!seed.quiet.enabled && !seed.json.enabled && seed.database.db == nil)
        let set = try parse(WarehouseCommand.Seed.self, ["seed", "--users", "20", "--seed", "7", "--append", "--quiet", "--json",
                                                         "--db", "x.sqlite"])
        #expect(set.users == 20 && set.seed == 7 && set.append && set.quiet.enabled && set.json.enabled && set.database.path == "x.sqlite")
    }

    @Test func runSegmentationDefaults() throws {
        let run = try parse(WarehouseCommand.RunSegmentation.self, ["run-segmentation"])
        #expect(run.fit.k == 4 && run.fit.nInit == 10 && run.fit.maxIter == nil && run.fit.tol == nil && run.fit.seed == 42)
        #expect(run.elbow.range == 1...10 && run.fit.components == nil && run.fit.miniBatch == nil && run.alignTo == nil)
        #expect(run.silhouetteSample == 10_000 && run.threads.count == nil && !run.json.enabled && !run.quiet.enabled)
        #expect(run.fit.features == "category_share")
        let set = try parse(WarehouseCommand.RunSegmentation.self, [
            "run-segmentation", "--k", "3", "--elbow", "2-8", "--threads", "2", "--components", "2", "--mini-batch", "500",
            "--align-to", "1", "--features", "age,category_share", "--json", "--quiet"])
        #expect(set.fit.k == 3 && set.elbow.range == 2...8 && set.threads.count == 2 && set.fit.components == 2 && set.fit.miniBatch == 500)
        #expect(set.alignTo == 1 && set.json.enabled && set.quiet.enabled)
        #expect(try parse(WarehouseCommand.RunSegmentation.self, ["run-segmentation", "--elbow", "off"]).elbow.range == nil)
        #expect(try parse(WarehouseCommand.RunSegmentation.self, ["run-segmentation", "--elbow", "3...3"]).elbow.range == 3...3)
    }

    @Test func reportAndPipelineDefaults() throws {
        let report = try parse(WarehouseCommand.Report.self, ["report"])
        #expect(report.out == "report.html" && report.sample == 4_000 && report.seed == 42)
        #expect(report.runOption.selector == .latest && !report.json.enabled)
        #expect(try parse(WarehouseCommand.Report.self, ["report", "--run", "3", "--json"]).runOption.selector == .id(3))
        let pipeline = try parse(WarehouseCommand.Pipeline.self, ["pipeline"])
        #expect(pipeline.users == 10_000 && pipeline.k == 4 && pipeline.seed == 42 && pipeline.out == "report.html")
        #expect(!pipeline.quiet.enabled && !pipeline.json.enabled)
        #expect(try parse(WarehouseCommand.Pipeline.self, ["pipeline", "--json", "--quiet"]).json.enabled)
    }

    @Test func infoRunsAndCompare() throws {
        #expect(!(try parse(WarehouseCommand.Info.self, ["info"])).json.enabled)
        #expect(try parse(WarehouseCommand.Info.self, ["info", "--json"]).json.enabled)
        #expect(try parse(WarehouseCommand.Runs.self, ["runs", "--json"]).json.enabled)
        let compare = try parse(WarehouseCommand.Compare.self, ["compare", "1", "latest", "--json"])
        #expect(compare.a == .id(1) && compare.b == .latest && compare.json.enabled)
    }

    @Test func targetingCommandsDefaults() throws {
        let target = try parse(WarehouseCommand.Target.self, ["target"])
        #expect(target.runOption.selector == .latest && target.segment == nil && target.top == 10 && target.ranking == .lift)
        // "users", the name before there was one lift, still means it.
        #expect(try parse(WarehouseCommand.Target.self, ["target", "--by", "users"]).ranking == .lift)
        #expect(target.minSupport == 30 && !target.all && !target.json.enabled)
        let set = try parse(WarehouseCommand.Target.self, ["target", "--run", "2", "--segment", "3", "--top", "5", "--by", "likes",
                                                           "--min-support", "0", "--all", "--json"])
        #expect(set.options.run == .id(2) && set.options.segment == 3 && set.options.top == 5 && set.options.ranking == .likes)
        #expect(set.options.minSupport == 0 && set.all && set.json.enabled)

        let recommend = try parse(WarehouseCommand.Recommend.self, ["recommend", "--user", "12"])
        #expect(recommend.options.userID == 12 && recommend.options.top == 5 && !recommend.options.includeLiked)
        #expect(recommend.options.run == .latest && !recommend.options.all && recommend.options.out == nil)
        let every = try parse(WarehouseCommand.Recommend.self, ["recommend", "--all", "--out", "s.csv", "--top", "3"])
        #expect(every.options.all && every.options.out == "s.csv" && every.options.top == 3 && every.options.userID == nil)

        let assign = try parse(WarehouseCommand.Assign.self, ["assign"])
        #expect(assign.runOption.selector == .latest && assign.threads.count == nil && !assign.json.enabled)
        #expect(try parse(WarehouseCommand.Assign.self, ["assign", "--run", "1", "--threads", "3"]).threads.count == 3)
    }

    @Test func importOptions() throws {
        let command = try parse(WarehouseCommand.Import.self,
                                ["import", "--catalog", "c.csv", "--users", "u.csv", "--likes", "l.csv", "--append", "--dry-run"])
        let configuration = command.importConfiguration
        #expect(configuration.catalogPath == "c.csv" && configuration.usersPath == "u.csv" && configuration.likesPath == "l.csv")
        #expect(configuration.append && configuration.dryRun && configuration.problemLimit == 10)
        #expect(!(try parse(WarehouseCommand.Import.self, ["import", "--catalog", "c", "--users", "u", "--likes", "l"])).dryRun)
        expectRefusal(["import", "--catalog", "c.csv", "--users", "u.csv"], mentioning: ["--likes"])
        expectRefusal(["import", "--catalog", "", "--users", "u.csv", "--likes", "l.csv"], mentioning: ["--catalog must not be empty"])
    }

    @Test func exchangeDefaults() throws {
        let export = try parse(WarehouseCommand.Export.self, ["export", "--out", "dir"])
        #expect(export.out == "dir" && export.runOption.selector == nil && export.threads.count == nil && !export.json.enabled)
        #expect(try parse(WarehouseCommand.Export.self, ["export", "--out", "dir", "--run", "latest"]).runOption.selector == .latest)
        let imported = try parse(WarehouseCommand.ImportRun.self, ["import-run", "result"])
        #expect(imported.directory == "result" && imported.alignTo == nil && imported.silhouetteSample == 10_000)
        #expect(imported.threads.count == nil && !imported.json.enabled && !imported.quiet.enabled)
    }

    // MARK: Refusals

    @Test func sharedOptionsAreCheckedOnceWithOneMessage() {
        for command in [["assign"], ["export", "--out", "d"], ["import-run", "d"], ["run-segmentation"]] {
            for bad in ["0", "-2", "257"] {
                expectRefusal(command + ["--threads", bad], mentioning: ["--threads must be between 1 and 256, got \(bad)"])
            }
            expectRefusal(command + ["--threads", "many"], mentioning: ["many", "--threads"])
        }
        for command in [["assign"], ["target"], ["recommend", "--user", "1"], ["report"], ["export", "--out", "d"]] {
            expectRefusal(command + ["--run", "-1"], mentioning: ["'-1'", "--run"])
            expectRefusal(command + ["--run", "first"], mentioning: ["'first'", "--run"])
        }
    }

    @Test func negativeValuesAreNamed() {
        expectRefusal(["recommend", "--user", "-1"], mentioning: ["--user", "-1"])
        expectRefusal(["recommend", "--user", "1", "--top", "-1"], mentioning: ["--top", "-1"])
        expectRefusal(["recommend", "--user", "1", "--all", "--out", "x.csv"], mentioning: ["--user", "--all"])
        expectRefusal(["recommend", "--all"], mentioning: ["--all", "--out"])
        expectRefusal(["recommend", "--user", "1", "--out", "x.csv"], mentioning: ["--out", "--all"])
        expectRefusal(["target", "--top", "-1"], mentioning: ["--top", "-1"])
        expectRefusal(["target", "--segment", "-2"], mentioning: ["--segment", "-2"])
        expectRefusal(["target", "--min-support", "-1"], mentioning: ["--min-support", "-1"])
        expectRefusal(["run-segmentation", "--k", "-3"], mentioning: ["--k", "-3"])
        expectRefusal(["run-segmentation", "--n-init", "-1"], mentioning: ["--n-init", "-1"])
        expectRefusal(["run-segmentation", "--components", "-1"], mentioning: ["--components", "-1"])
        expectRefusal(["run-segmentation", "--mini-batch", "-10"], mentioning: ["--mini-batch", "-10"])
        expectRefusal(["run-segmentation", "--align-to", "-1"], mentioning: ["--align-to", "-1"])
        expectRefusal(["report", "--sample", "-4"], mentioning: ["--sample", "-4"])
        expectRefusal(["report", "--seed", "-4"], mentioning: ["-4"])
        expectRefusal(["seed", "--users", "-5"], mentioning: ["--users", "-5"])
        expectRefusal(["pipeline", "--k", "-1"], mentioning: ["--k", "-1"])
        expectRefusal(["import-run", "d", "--silhouette-sample", "-1"], mentioning: ["--silhouette-sample", "-1"])
    }

    @Test func elbowRangesSayWhatIsAccepted() {
        for bad in ["1..10", "3", "5...3", "a...b", "1...", ""] {
            let message = refusal(["run-segmentation", "--elbow", bad])
            #expect(message.contains("'\(bad)'") && message.contains("LOW...HIGH") && message.contains("'off'"), "\(bad): \(message)")
        }
        #expect(refusal(["run-segmentation", "--elbow", "5...3"]).contains("backwards"))
        #expect(refusal(["run-segmentation", "--elbow", "3"]).contains("one k"))
        expectRefusal(["run-segmentation", "--elbow", "0...5"], mentioning: ["--elbow", "1...100"])
    }

    @Test func otherRefusals() {
        expectRefusal(["seed", "--users", "0"], mentioning: ["--users", "0"])
        expectRefusal(["seed", "--db", ""], mentioning: ["--db must not be empty"])
        expectRefusal(["report", "--out", ""], mentioning: ["--out must not be empty"])
        expectRefusal(["target", "--by", "clicks"], mentioning: ["clicks"])
        expectRefusal(["recommend"], mentioning: ["--user"])
        expectRefusal(["compare", "1"], mentioning: ["<B>"])
        expectRefusal(["run-segmentation", "--features", "astrology"], mentioning: ["astrology"])
        expectRefusal(["run-segmentation", "--tol", "nan"], mentioning: ["--tol"])
    }

    // MARK: Help

    @Test func helpAgreesWithTheReadme() {
        let report = WarehouseCommand.Report.configuration.discussion
        #expect(report.contains("one script of its own") && !report.contains("no script"), "\(report)")
        let importRun = WarehouseCommand.ImportRun.configuration
        #expect((importRun.abstract + importRun.discussion).contains("scripts/spark-segmentation.sh"))
        #expect(!(importRun.abstract + importRun.discussion).contains(".py"), "README: export → spark-segmentation.sh → import-run")
    }

    // MARK: Typos

    @Test func aMistypedSubcommandGetsASuggestion() throws {
        let typo = try #require(CommandSuggestion.message(for: ["run-segmentaton", "--db", "x"]))
        #expect(typo.contains("'run-segmentaton'") && typo.contains("did you mean 'run-segmentation'?"))
        #expect(!typo.contains("bench-chart") && !typo.contains("pipeline, seed"), "no list of every command: \(typo)")
        #expect(CommandSuggestion.message(for: ["segment", "--k", "4"])?.contains("did you mean 'run-segmentation'?") == true)
        #expect(CommandSuggestion.message(for: ["raport"])?.contains("did you mean 'report'?") == true)
        #expect(CommandSuggestion.message(for: ["targets"])?.contains("did you mean 'target'?") == true)
        #expect(CommandSuggestion.message(for: ["impot-run"])?.contains("did you mean 'import-run'?") == true)
        #expect(CommandSuggestion.message(for: ["seed", "--users", "5"]) == nil)
        #expect(CommandSuggestion.message(for: ["help", "seed"]) == nil)
        #expect(CommandSuggestion.message(for: ["--help"]) == nil)
        #expect(CommandSuggestion.message(for: []) == nil)
        #expect(CommandSuggestion.distance("kitten", "sitting") == 3)
        for word in ["x", "segmnt", "run-segmentaton", "a-typo-much-longer-than-any-command-of-the-warehouse-at-all-really", "raport\u{1B}[2J"] {
            let line = CommandLineError.prefix + (try #require(CommandSuggestion.message(for: [word])))
            #expect(line.count <= 100 && !line.contains("\n") && !line.contains("\u{1B}"), "\(line.count) columns: \(line)")
            #expect(line.contains("did you mean '"), "\(line)")
        }
        #expect(CommandSuggestion.message(for: ["x"])?.hasSuffix("(warehouse --help lists the commands)") == true)
        #expect(CommandSuggestion.distance("", "abc") == 3)
    }
}
