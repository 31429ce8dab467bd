import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse import`: a platform's own taxonomy, users, likes and timestamped events from CSV files.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a platform's interest taxonomy, users and likes from CSV files, in one transaction.",
            discussion: """
            catalog.csv: category,subcategory[,description]. users.csv: user_id,age and optional \
            username, email, full_name, gender, country (ISO 3166-1 alpha-2), region, city, postal_code, phone (stored \
            E.164; a national number needs the row's country), date_of_birth (YYYY-MM-DD); an empty field is not given. \
            likes.csv: user_id,subcategory,likes (a count per user and subcategory) or user_id,subcategory (one row \
            per like). events.csv: user_id,kind,timestamp and subcategory or item_id, optional value and keyword \
            (any kind names; timestamps in Unix seconds or ISO 8601 with a zone); items.csv: item_id,subcategory, \
            one row per item and subcategory. A kind named rate or rating with values counts as interest from 4 \
            unless --min-value names it. RFC 4180 CSV with a header row, columns in any order, UTF-8. Every problem \
            names file, line, column and value; the first 10 are reported and nothing is written.
            """)

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: ArgumentHelp("The taxonomy: category,subcategory[,description].", valueName: "file"))
        var catalog: String

        @Option(parsing: .unconditional, help: ArgumentHelp("The users: user_id,age[,username,email,full_name,gender,country,region,city,postal_code,phone,date_of_birth] (may be left out with --append and --events).", valueName: "file"))
        var users: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("The likes: user_id,subcategory[,likes].", valueName: "file"))
        var likes: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Timestamped events: user_id,kind,timestamp and subcategory or item_id, optional value and keyword.", valueName: "file"))
        var events: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("The items events name: item_id,subcategory, one row per item and subcategory.", valueName: "file"))
        var items: String?

        @Option(name: .customLong("min-value"), parsing: .unconditional,
                help: ArgumentHelp("kind=X[,kind=Y]: an interaction of the kind with a value below X is not interest (default: rate=4, rating=4 for rated events).", valueName: "rules"))
        var minValue: String?

        @Flag(help: "Add new users, and events of users already there, to a warehouse that already holds the same catalogue.")
        var append = false

        @Flag(name: .customLong("dry-run"), help: "Validate everything and write nothing.")
        var dryRun = false

        @OptionGroup var quiet: QuietOption
        @OptionGroup var json: JSONOption

        var importConfiguration: ImportConfiguration {
            ImportConfiguration(catalogPath: catalog, usersPath: users, likesPath: likes, eventsPath: events, itemsPath: items,
                                minValues: (try? Self.minValues(minValue)) ?? [:], append: append, dryRun: dryRun)
        }

        /// `kind=X[,kind=Y]` as kind → X; a ValidationError for anything else.
        static func minValues(_ text: String?) throws -> [String: Double] {
            guard let text else { return [:] }
            var values: [String: Double] = [:]
            for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let equals = entry.lastIndex(of: "=") else {
                    throw ValidationError("--min-value: '\(Format.printable(String(entry)))' is not kind=value")
                }
                let kind = String(entry[..<equals]), number = String(entry[entry.index(after: equals)...])
                guard !kind.isEmpty, kind.count <= 64 else { throw ValidationError("--min-value: '\(Format.printable(String(entry)))' has no kind (1-64 characters)") }
                guard let value = Double(number), value.isFinite, abs(value) < 1e300 else {
                    throw ValidationError("--min-value: '\(Format.printable(number))' of kind '\(Format.printable(kind))' is not a finite number")
                }
                guard values[kind] == nil else { throw ValidationError("--min-value names kind '\(Format.printable(kind))' twice") }
                values[kind] = value
            }
            return values
        }

        func validate() throws {
            for (flag, value) in [("--catalog", catalog), ("--users", users), ("--likes", likes), ("--events", events), ("--items", items)] where value?.isEmpty == true {
                throw ValidationError("\(flag) must not be empty")
            }
            if likes == nil && events == nil { throw ValidationError("give --likes, --events or both") }
            if users == nil && !(append && events != nil) { throw ValidationError("--users may be left out only with --append and --events") }
            if items != nil && events == nil { throw ValidationError("--items is read only with --events") }
            if minValue != nil && events == nil { throw ValidationError("--min-value is read only with --events") }
            _ = try Self.minValues(minValue)
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
