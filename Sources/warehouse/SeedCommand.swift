import ArgumentParser
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse seed`: generate a synthetic population into the warehouse.
    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a synthetic population (users, likes, planted personas) in one transaction.")

        @OptionGroup var database: DatabaseOptions

        @Option(parsing: .unconditional, help: "How many users to generate.")
        var users: Int = 10_000

        @Option(parsing: .unconditional, help: "Generator seed: the same seed gives the same users.")
        var seed: UInt64 = 42

        @Flag(help: "Add users to a warehouse that already has some.")
        var append = false

        @Option(parsing: .unconditional, help: ArgumentHelp(
            "Days of interactions (likes, comments, shares, searches, with timestamps) ending at --as-of; 0: all-time likes only.",
            valueName: "days"))
        var days: Int = SeedConfiguration.defaultDays

        @Option(name: .customLong("as-of"), help: ArgumentHelp(
            "End of the interactions' period: a date (its end, 23:59:59 UTC), an ISO 8601 date-time with a zone, or Unix seconds.",
            valueName: "moment"))
        var asOf: String?

        @OptionGroup var quiet: QuietOption
        @OptionGroup var json: JSONOption

        var configuration: SeedConfiguration {
            get throws {
                let moment = try asOf.map { try parseMoment($0, option: "--as-of") } ?? SeedConfiguration.defaultAsOf
                return SeedConfiguration(users: users, seed: seed, append: append, days: days, asOf: moment)
            }
        }

        func validate() throws {
            do { try configuration.validate() } catch { throw ValidationError(String(describing: error)) }
        }

        func run() throws {
            let configuration = try configuration
            try SeedPreflight.refuseBeforeCreating(path: database.path, users: configuration.users, days: configuration.days)
            let store = try WarehouseStore(path: database.path, mode: .createIfMissing)
            let bar = ProgressBar(label: "seeding", unit: "users", quiet: !quiet.showsProgress)
            let summary: SeedSummary
            do {
                summary = try SeedJob.run(store: store, configuration: configuration) { done, total in
                    bar.update(done: done, total: total)
                }
            } catch {
                // A seed that fails into a file this command created leaves no file behind.
                bar.finish()
                store.discardCreatedFile()
                throw error
            }
            bar.finish()
            print(try json.output(summary) { summary.render() })
        }
    }
}
