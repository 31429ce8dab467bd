import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse check`: is the file a sound warehouse? Read-only.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database: SQLite's integrity and foreign keys, the schema, and the warehouse's invariants.",
            discussion: """
            One line per check: "ok", or the first offender with the number of offenders. Read-only: the file \
            is opened read-only and nothing in it changes. Exits 0 when every check passes, 1 otherwise.
            """)

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Print the verdicts as JSON.")
        var json = false

        func run() throws {
            let report = try CheckJob.run(path: database.path)
            print(json ? try report.json() : Format.printableLines(report.render()))
            if !report.passed {
                throw ChecksFailed(failures: report.failures, checks: report.checks.count, path: report.database)
            }
        }
    }
}

/// The one line on stderr when a check did not pass (the verdicts are on stdout).
struct ChecksFailed: Error, CustomStringConvertible {
    let failures: Int
    let checks: Int
    let path: String

    var description: String { "\(failures) of \(checks) checks did not pass on '\(path)'" }
}
