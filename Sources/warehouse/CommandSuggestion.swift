import ArgumentParser
import WarehouseKit

/// A mistyped subcommand (`warehouse run-segmentaton --db x`, `warehouse segment --k 4`): named,
/// with the closest subcommand suggested, in one line of at most 100 columns (`warehouse --help`
/// lists the commands). Without this, ArgumentParser reads the typo as nothing and complains about
/// the first option after it.
enum CommandSuggestion {
    /// Every subcommand by name, the hidden ones too (matched, never suggested by `--help`).
    static var all: [String] {
        WarehouseCommand.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// The widest error line, "warehouse: error: " included.
    static let width = 100

    /// The error message for `arguments` (without the program name) when its first word is not a
    /// subcommand; nil when it is one, or is an option such as `--help`. The first of these that
    /// fits `width` with the prefix: with the pointer to `--help`, a shorter one, none, and last
    /// with the typo cut short ("…").
    static func message(for arguments: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), !all.contains(word) else { return nil }
        let closest = self.closest(to: word)
        let typo = Format.printable(word)
        // Counted and cut in Unicode scalars: one character may carry thousands of combining marks.
        let fits = { (message: String) in CommandLineError.prefix.unicodeScalars.count + message.unicodeScalars.count <= width }
        let guess = "did you mean '\(closest)'?"
        for hint in [" (warehouse --help lists the commands)", " (see warehouse --help)", ""] {
            let message = "unknown command '\(typo)'; \(guess)\(hint)"
            if fits(message) { return message }
        }
        let room = width - CommandLineError.prefix.unicodeScalars.count - "unknown command '…'; \(guess)".unicodeScalars.count
        return "unknown command '\(Format.scalarPrefix(typo, max(room, 1)))…'; \(guess)"
    }

    /// The subcommand nearest `word`: one that contains it (or that it contains) first, the shortest
    /// of those; otherwise the fewest edits (Levenshtein), ties to the first in the list.
    static func closest(to word: String) -> String {
        let lower = word.lowercased()
        let candidates = all.filter { $0 != "help" }
        let containing = candidates.filter { $0.contains(lower) || lower.contains($0) }
        if let best = containing.min(by: { distance($0, lower) < distance($1, lower) }) { return best }
        return candidates.min(by: { distance($0, lower) < distance($1, lower) }) ?? "help"
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
