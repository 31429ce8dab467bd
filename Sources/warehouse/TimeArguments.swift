import ArgumentParser
import WarehouseKit

/// A moment option's value (`--as-of`): Unix seconds, an ISO 8601 date-time with a zone, or a
/// date (its end); refused naming the option and the value.
func parseMoment(_ text: String, option: String) throws -> Int64 {
    switch TimeText.moment(text) {
    case .success(let moment): return moment
    case .failure(let problem): throw ValidationError("\(option) '\(text)' \(problem)")
    }
}

/// A duration option's value (`--window 90d`, `--half-life 36h`), refused naming the option and the value.
func parseDuration(_ text: String, option: String) throws -> Int64 {
    guard let seconds = TimeText.duration(text) else {
        throw ValidationError("\(option) '\(text)' is not a duration: a whole number of days or hours from 1h to 36500d, e.g. 90d or 36h")
    }
    return seconds
}

/// `--as-of --window --weights --half-life`: count interactions over a window of time.
struct WindowOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Count interactions up to this moment: a date (its end, 23:59:59 UTC), an ISO 8601 date-time with a zone, or Unix seconds (default with any of these options: the latest interaction).",
        valueName: "moment"))
    var asOf: String?

    @Option(help: ArgumentHelp("Count only the interactions of this long before --as-of: days or hours, e.g. 90d (default: all time).",
                               valueName: "duration"))
    var window: String?

    @Option(help: ArgumentHelp("Weight per kind of interaction, e.g. like=1,comment=3,share=5,search=2; kinds not named weigh 0 (default: like=1).",
                               valueName: "kind=weight,…"))
    var weights: String?

    @Option(name: .customLong("half-life"), help: ArgumentHelp(
        "An interaction this long before --as-of counts half, twice as long a quarter (default: no decay).", valueName: "duration"))
    var halfLife: String?

    /// The request; nil when none of the four options is given (all-time likes).
    func request() throws -> WindowRequest? {
        guard asOf != nil || window != nil || weights != nil || halfLife != nil else { return nil }
        return WindowRequest(asOf: try asOf.map { try parseMoment($0, option: "--as-of") },
                             windowSeconds: try window.map { try parseDuration($0, option: "--window") },
                             halfLifeSeconds: try halfLife.map { try parseDuration($0, option: "--half-life") },
                             weights: try weights.map { try InteractionWindow.parseWeights($0) })
    }
}
