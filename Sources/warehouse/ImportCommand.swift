import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse import`: a platform's own taxonomy, users and likes from three CSV files.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a platform's interest taxonomy, users and likes from CSV files, in one transaction.",
            discussion: """
            catalog.csv: category,subcategory[,description]. users.csv: user_id,username,email,age[,full_name]. \
            likes.csv: user_id,subcategory,likes (a count per user and subcategory) or user_id,subcategory (one row \
            per like). RFC 4180 CSV with a header row, columns in any order, UTF-8. Every problem names file, line, \
            column and value; the first 10 are reported and nothing is written.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: ArgumentHelp("The taxonomy: category,subcategory[,description].", valueName: "file"))
        var catalog: String

        @Option(parsing: .unconditional, help: ArgumentHelp("The users: user_id,username,email,age[,full_name].", valueName: "file"))
        var users: String

        @Option(parsing: .unconditional, help: ArgumentHelp("The likes: user_id,subcategory[,likes].", valueName: "file"))
        var likes: String

        @Flag(help: "Add new users to a warehouse that already holds the same catalogue.")
        var append = false

        @Flag(name: .customLong("dry-run"), help: "Validate everything and write nothing.")
        var dryRun = false

        @OptionGroup var quiet: QuietOption
        @OptionGroup var json: JSONOption

        var importConfiguration: ImportConfiguration {
            ImportConfiguration(catalogPath: catalog, usersPath: users, likesPath: likes, append: append, dryRun: dryRun)
        }

        func validate() throws {
            for (flag, value) in [("--catalog", catalog), ("--users", users), ("--likes", likes)] where value.isEmpty {
                throw ValidationError("\(flag) must not be empty")
            }
        }

        func run() throws {
            var bar: ProgressBar?
            var phase = ""
            let summary: ImportSummary
            do {
                summary = try ImportJob.run(
                    database: database.path, configuration: importConfiguration,
                    notice: { printError("warehouse: " + Format.printable($0)) },
                    progress: { stage, done, total in
                        if stage != phase {
                            bar?.finish()
                            phase = stage
                            bar = ProgressBar(label: stage, unit: "MB", quiet: !quiet.showsProgress)
                        }
                        bar?.update(done: Int(done >> 20), total: Int(total >> 20))
                    })
            } catch {
                // A refusal's problems are printed one a line by `CommandLineError`, after the bar is gone.
                bar?.finish()
                throw error
            }
            bar?.finish()
            print(try json.output(summary) { summary.render() })
        }
    }
}
