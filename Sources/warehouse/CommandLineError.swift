import ArgumentParser
import WarehouseKit

/// Every failure of the command line, in one voice: ONE line on stderr, lowercase, naming the
/// option, the value given and the reason (`--run must be a run id (1 or more) or 'latest', got
/// '0'`), or with `--json` one JSON object, `{"error":"…"}`; the exit code is ArgumentParser's
/// (64 for a usage error, 1 for a failed job).
///
/// ArgumentParser's own messages (capitalised, no reason: `The value '0' is invalid for '--run
/// <id|latest>'`) are translated here, in one place, for every command. Its error types are
/// internal, so they are told apart by the text it documents for each kind (see `translated`);
/// anything else, our `ValidationError`s and the jobs' errors, is ours already and passes as it is.
struct CommandLineError: Error {
    /// The line after "warehouse: error: ".
    let message: String
    /// Lines printed before it: an import's problems, one a line (JSON: `problems`).
    var problems: [String] = []
    /// The process's exit code, never 0.
    let exitCode: Int32

    /// What every error line starts with.
    static let prefix = "warehouse: error: "

    init(message: String, problems: [String] = [], exitCode: Int32) {
        self.message = message
        self.problems = problems
        self.exitCode = exitCode == 0 ? 1 : exitCode
    }

    /// `error`, thrown while parsing or running `arguments` (without the program name), in our voice.
    init(_ error: Error, arguments: [String]) {
        if let refusal = error as? ImportRefusal {
            self.init(message: refusal.summary, problems: refusal.problems, exitCode: 1)
            return
        }
        let code = WarehouseCommand.exitCode(for: error).rawValue
        let text = WarehouseCommand.message(for: error)
        let ours = code == ExitCode.validationFailure.rawValue ? Self.translated(text, arguments: arguments) : nil
        self.init(message: ours ?? Self.firstLine(text), exitCode: code)
    }

    // MARK: Output

    /// Whether the errors are to be JSON: `--json` is among the options (before any `--`).
    static func wantsJSON(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--json")
    }

    /// The longest line printed, in Unicode scalars (an import's problem line may reach 1,000
    /// bytes): a value echoed whole (a 40 KB `--db`, one character with 20,000 combining marks)
    /// is cut here, whichever message carries it.
    static let lineLimit = 2_000

    /// Writes the error to stderr: its lines, or with `json` one JSON object on one line.
    func report(json: Bool) {
        if json {
            writeStandardError(Self.jsonLine(Format.excerpt(message, limit: Self.lineLimit),
                                             problems: problems.map { Format.excerpt($0, limit: Self.lineLimit) }) + "\n")
        } else {
            // Every line printable (a path or value with a terminal escape is shown escaped) and cut.
            for problem in problems { printError(Self.prefix + Format.excerpt(problem, limit: Self.lineLimit)) }
            printError(Self.prefix + Format.excerpt(message, limit: Self.lineLimit))
        }
    }

    /// `{"error":"<message>"}` (and `"problems":[…]` when there are any), on one line.
    static func jsonLine(_ message: String, problems: [String] = []) -> String {
        struct Object: Encodable {
            let error: String
            let problems: [String]?
        }
        let object = Object(error: message, problems: problems.isEmpty ? nil : problems)
        return (try? Format.json(object, compact: true)) ?? "{\"error\":\"failed\"}"
    }

    // MARK: ArgumentParser's messages

    /// ArgumentParser's message `text` for `arguments`, in our voice; nil when it is not one of its
    /// own (then it is ours: a `ValidationError` of a command).
    ///
    /// | ArgumentParser (1.5–1.8)                              | ours                                              |
    /// | ----------------------------------------------------- | ------------------------------------------------- |
    /// | `Unknown option '--x'` (before the command)           | `option '--x' comes before the command; …`        |
    /// | `Unknown option '--x'[. Did you mean '--y'?]`         | `seed has no option '--x'; did you mean '--y'?`   |
    /// | `Missing value for '--x <v>'`                         | `--x <v> needs a value, got none`                 |
    /// | `The option '--x' does not take any value, but 'v' …` | `--x takes no value, got 'v'`                     |
    /// | `Unexpected argument 'v'`, `2 unexpected arguments: …`| `seed does not take the argument 'v' (see …)`     |
    /// | `Missing expected argument '--x <v>'`                 | `recommend needs --x <v>, got none`               |
    /// | `The value 'v' is invalid for '--x <v>'`              | `--x must be <what it accepts>, got 'v'`          |
    /// | `… invalid for '--x <v>'. Please provide one of …`    | `--x must be 'a' or 'b', got 'v'`                 |
    /// | `… invalid for '--x <v>': <reason>` (a transform)     | `--x got 'v': <reason>`                           |
    /// | `Invalid option: ---x`                                | `'---x' is not an option name for seed (see …)`   |
    /// | anything else                                         | its first line, lowercased, without a final `.`   |
    static func translated(_ text: String, arguments: [String]) -> String? {
        let command = arguments.first.flatMap { CommandSuggestion.all.contains($0) && $0 != "help" ? $0 : nil }
        let name = command ?? "warehouse"
        let see = "(see warehouse\(command.map { " " + $0 } ?? "") --help)"

        if let match = text.firstMatch(of: #/^Unknown option '(?<option>[^']*)'(?:\. Did you mean '(?<suggestion>[^']*)'\?)?/#) {
            let option = printable(match.option)
            guard command != nil else { return beforeTheCommand(option: option, arguments: arguments) }
            if let suggestion = match.suggestion { return "\(name) has no option '\(option)'; did you mean '\(suggestion)'?" }
            return "\(name) has no option '\(option)' \(see)"
        }
        if let match = text.firstMatch(of: #/^Missing value for '(?<option>[^']*)'/#) {
            return "\(match.option) needs a value, got none"
        }
        if let match = text.wholeMatch(of: #/(?s)The option '(?<option>[^']*)' does not take any value, but '(?<value>.*)' was specified\./#) {
            return "\(match.option) takes no value, got '\(printable(match.value))'"
        }
        if let match = text.wholeMatch(of: #/(?s)Unexpected argument '(?<value>.*)'/#) {
            return "\(name) does not take the argument '\(printable(match.value))' \(see)"
        }
        if let match = text.wholeMatch(of: #/(?s)\d+ unexpected arguments: '(?<values>.*)'/#) {
            return "\(name) does not take the arguments '\(printable(match.values))' \(see)"
        }
        if let match = text.wholeMatch(of: #/Missing expected argument '(?<what>[^']*)'/#) {
            return "\(name) needs \(match.what), got none"
        }
        if let match = text.wholeMatch(of: #/Missing one of: (?<what>.*)/#) {
            return "\(name) needs one of \(match.what), got none"
        }
        if let match = text.wholeMatch(of: #/(?s)The value '(?<value>.*)' is invalid for '(?<target>--[^' ]+(?: <[^>]*>)?|<[^>]*>)'(?<rest>.*)/#) {
            let target = String(match.target)
            let option = target.hasPrefix("<") ? target : String(target.prefix { $0 != " " })
            return invalidValue(printable(match.value), for: option, rest: String(match.rest), see: see)
        }
        if let match = text.firstMatch(of: #/^Invalid option: (?<option>.*)/#) {
            return "'\(printable(match.option))' is not an option name for \(name) \(see)"
        }
        let line = firstLine(text)
        guard let first = line.first, first.isUppercase, line.dropFirst().first?.isUppercase != true else { return nil }
        return first.lowercased() + line.dropFirst().trimmingSuffix(".")
    }

    /// `warehouse --db x info`: options belong to a command, after its name.
    private static func beforeTheCommand(option: String, arguments: [String]) -> String {
        let words = arguments.map { printable(Format.shellQuoted($0)) }
        guard let index = arguments.firstIndex(where: { CommandSuggestion.all.contains($0) && $0 != "help" }) else {
            return "option '\(option)' comes before any command; options go after one: warehouse <command> "
                + words.joined(separator: " ") + " (warehouse --help lists the commands)"
        }
        let reordered = [words[index]] + words[..<index] + words[(index + 1)...]
        return "option '\(option)' comes before the command; options go after it: warehouse " + reordered.joined(separator: " ")
    }

    /// The message for a `value` that `option` could not read; `rest` is what ArgumentParser wrote
    /// after the option: a transform's reason, the values an enumeration takes, or nothing.
    private static func invalidValue(_ value: String, for option: String, rest: String, see: String) -> String {
        if rest.hasPrefix(": ") {
            return "\(option) got '\(value)': \(firstLine(String(rest.dropFirst(2))))"
        }
        if rest.hasPrefix(". Please provide one of") {
            let bullets = rest.matches(of: #/\n  - (?<value>[^\n]*)/#).map { String($0.value) }
            let quoted = bullets.isEmpty ? rest.matches(of: #/'(?<value>[^']*)'/#).map { String($0.value) } : bullets
            return "\(option) must be \(oneOf(quoted)), got '\(value)'"
        }
        guard let accepted = accepted[option] else { return "\(option) does not take '\(value)' \(see)" }
        if accepted == wholeNumber, value.wholeMatch(of: #/[+-]?[0-9]+/#) != nil {
            let bound = value.hasPrefix("-") ? "no smaller than \(Int64.min)" : "no larger than \(Int64.max)"
            return "\(option) must be a whole number \(bound), got '\(value)'"
        }
        return "\(option) must be \(accepted), got '\(value)'"
    }

    private static let wholeNumber = "a whole number"
    private static let runID = "a run id (1 or more) or 'latest'"

    /// What each option accepts whose value can fail to be read (numbers and run selectors): one
    /// name takes one kind of value in every command. Options of text or of a closed list of
    /// values are not here: text is always read, and a list is named by ArgumentParser.
    static let accepted: [String: String] = {
        var table = ["--run": runID, "<A>": runID, "<B>": runID,
                     "--seed": "a whole number from 0 to \(UInt64.max)",
                     "--user": "a user id (a whole number, 1 or more)", "--align-to": "a run id (a whole number, 1 or more)"]
        for option in ["--tol", "--min-index", "--certainty", "--max-distance", "--min-probability"] {
            table[option] = "a number"
        }
        for option in ["--k", "--components", "--n-init", "--max-iter", "--silhouette-sample", "--mini-batch", "--threads",
                       "--users", "--top", "--min-support", "--sample", "--size", "--segment"] {
            table[option] = wholeNumber
        }
        return table
    }()

    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    private static func oneOf(_ values: [String]) -> String {
        let quoted = values.map { "'\(printable($0))'" }
        guard let last = quoted.last else { return "one of its values" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    static func firstLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "failed"
    }

    private static func printable(_ text: Substring) -> String { Format.printable(String(text)) }
    private static func printable(_ text: String) -> String { Format.printable(text) }
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
    }
}
