import ArgumentParser
import WarehouseKit

// The options several commands share, declared once each with one help text and one range check
// (the library's configurations keep their own checks; the command line says it here).

/// `--json`: print the result as JSON instead of text.
struct JSONOption: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print the result as JSON (snake_case keys; absent values are null).")
    var enabled = false

    /// `value` as JSON or as text, as asked.
    func output<T: Encodable>(_ value: T, text: () -> String) throws -> String {
        enabled ? try Format.json(value) : Format.printableLines(text())
    }
}

/// `--quiet`: no progress on stderr (progress is shown only when stderr is a terminal anyway).
struct QuietOption: ParsableArguments {
    @Flag(name: .customLong("quiet"), help: "No progress on stderr (shown only when stderr is a terminal anyway).")
    var enabled = false

    /// Whether to show progress: not quiet, and stderr is a terminal.
    var showsProgress: Bool { !enabled && standardErrorIsTerminal }
}

/// `--threads N`: worker threads, 1…256; results never depend on it.
struct ThreadsOption: ParsableArguments {
    static let range = 1...256

    @Option(name: .customLong("threads"), parsing: .unconditional,
            help: ArgumentHelp("Worker threads, \(range.lowerBound)…\(range.upperBound) (default: the cores); results do not depend on it.",
                               valueName: "n"))
    var count: Int?

    func validate() throws {
        if let count, !Self.range.contains(count) {
            throw ValidationError("--threads must be between \(Self.range.lowerBound) and \(Self.range.upperBound), got \(count)")
        }
    }
}

/// `--run ID|latest`, defaulting to the latest run.
struct RunOption: ParsableArguments {
    @Option(name: .customLong("run"), parsing: .unconditional, help: ArgumentHelp(RunOption.help, valueName: "id|latest"))
    var selector: RunSelector = .latest

    static let help = "The run: a run id (see `warehouse runs`), or 'latest'."
}

/// `--run ID|latest` where no run is a choice of its own (`export` without a run exports the default features).
struct OptionalRunOption: ParsableArguments {
    @Option(name: .customLong("run"), parsing: .unconditional,
            help: ArgumentHelp(RunOption.help + " Without it: the default features, no run.", valueName: "id|latest"))
    var selector: RunSelector?
}

extension RunSelector: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }

    public var defaultValueDescription: String { description }
}

/// `--age 25-34 --gender female --country DE,FR`: who an audience may contain, by who users are.
/// Each takes a comma-separated list (a user passes a list by matching any item); given together,
/// a user must pass each.
struct UserFilterOptions: ParsableArguments {
    @Option(name: .customLong("age"), parsing: .unconditional,
            help: ArgumentHelp("Only users of these ages: bands such as 25-34, 65+ or 30, comma-separated.", valueName: "bands"))
    var ages: String?

    @Option(name: .customLong("gender"), parsing: .unconditional,
            help: ArgumentHelp("Only users of these genders: female, male, other, unknown (not disclosed), comma-separated.", valueName: "list"))
    var genders: String?

    @Option(name: .customLong("country"), parsing: .unconditional,
            help: ArgumentHelp("Only users in these countries: ISO 3166-1 alpha-2 codes such as DE,FR.", valueName: "codes"))
    var countries: String?

    /// The filter the options give; checked values, or a one-line error naming the option and value.
    func filter() throws -> UserFilter {
        UserFilter(ages: try ages.map(UserFilter.ages) ?? [],
                   genders: try genders.map(UserFilter.genders) ?? [],
                   countries: try countries.map(UserFilter.countries) ?? [])
    }
}
