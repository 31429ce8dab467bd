import ArgumentParser

/// The root command: a namespace for the subcommands, each a thin layer over `WarehouseKit`.
struct WarehouseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse",
        abstract: "Audience segmentation for personalised advertising, on SQLite.",
        discussion: """
        Seed a synthetic population, segment users by what they like (PCA + k-means), and \
        report the segments. The database is an ordinary SQLite file: query it with sqlite3.
        """,
        version: "0.1.0",
        subcommands: [
            Pipeline.self, Seed.self, RunSegmentation.self, Report.self, Info.self,
            Target.self, Assign.self, Recommend.self, Name.self, Audience.self, Lookalike.self, Runs.self, Compare.self, Trends.self, Evaluate.self, Export.self, ImportRun.self, Import.self, Check.self, BenchChart.self,
        ]
    )
}

/// `--db`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The warehouse database file.",
        discussion: "Default: $WAREHOUSE_DB, else warehouse.sqlite in the working directory.",
        valueName: "path"))
    var db: String?

    var path: String {
        if let db { return db }
        if let fromEnvironment = environmentValue("WAREHOUSE_DB"), !fromEnvironment.isEmpty { return fromEnvironment }
        return "warehouse.sqlite"
    }

    func validate() throws {
        if let db, db.isEmpty { throw ValidationError("--db must not be empty") }
    }
}
