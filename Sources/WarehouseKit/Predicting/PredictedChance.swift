#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WarehouseTables

/// The chance that a user has at least one positive interaction with subcategory j in the next
/// H days (the horizon), from the run's predictive model (`PredictiveModel`):
///
///     c_ij = 1 − (1 − p_ij)^m_i
///
/// - p_ij: the predicted share of user i's next positive interactions that fall in j (the model's
///   posterior predictive, from the user's counts as the run counts them, segments as a prior);
/// - m_i: the number of positive interactions the user is expected to make in H days, their past
///   rate carried forward:  m_i = T_i · H / D, where
///   - T_i is the user's undecayed count total as the run counts it: the window's weighted sum
///     without the half-life (a run with `--weights like=1,comment=3` counts a comment as 3), or
///     all-time likes for a run without a window;
///   - D is the length of time those counts cover: the run's window, clipped to the span of the
///     warehouse's interactions (`max(as-of − window, first interaction)` to `min(as-of, last
///     interaction)`; with no `--window`, from the first interaction); for a run without a window,
///     the span of the interactions (first to last), on the assumption that the likes were made
///     over it; for a warehouse with no interactions at all (likes without timestamps), D = 365
///     days is assumed and the summaries say so. D is at least one day.
///
/// Read c as: if the user's next m interactions each fell in j with chance p, independently,
/// the chance that at least one of them does. m is a real number (the exponent need not be
/// whole); m = 1 gives c = p, m = 0 (a user without counts) gives c = 0, and c rises with both p
/// and m. Its limits, stated rather than modelled:
/// - the rate is averaged over the warehouse's span (a user who joined late looks less active
///   than they are), and activity is assumed steady over the horizon;
/// - c errs high against the model's own answer: the user's true share θ_j is uncertain
///   (Dirichlet posterior, mean p), and E[(1 − θ_j)^m] ≥ (1 − p)^m (Jensen), so the model's
///   chance of at least one is ≤ c; the gap is small for heavy users (θ is then well known) and
///   for small p·m. A Poisson number of interactions with mean m would give 1 − e^(−m·p) ≤ c too.
///   c keeps the order of users by p and by m, which is what a top-N audience uses.
struct PredictedChance: Sendable, Equatable {
    /// How D was found.
    enum Coverage: String, Sendable, Encodable {
        /// The run's window, clipped to the interactions' span.
        case window
        /// The span of the warehouse's interactions (a run on all-time likes).
        case interactions
        /// No interactions to date the likes by: 365 days assumed.
        case assumed
    }

    /// H = 30 days.
    static let defaultHorizonSeconds: Int64 = 30 * 86_400
    /// The horizons accepted: 1 hour to 10 years.
    static let horizonRange: ClosedRange<Int64> = 3_600...(3_650 * 86_400)
    /// D for a warehouse without interactions.
    static let assumedSeconds: Int64 = 365 * 86_400

    /// Throws unless `seconds` is in `horizonRange`, naming `--horizon` and the value.
    static func checkHorizon(_ seconds: Int64) throws {
        guard horizonRange.contains(seconds) else {
            let given = seconds > 0 && seconds % 3_600 == 0 ? TimeText.durationText(seconds) : "\(seconds)s"
            throw WarehouseError.invalidArgument("--horizon must be between 1h and 3650d, got \(given)")
        }
    }

    /// H, in seconds.
    let horizonSeconds: Int64
    /// D, in seconds (≥ one day).
    let coveredSeconds: Int64
    let coverage: Coverage

    /// H / D: m_i = T_i × scale.
    var scale: Double { Double(horizonSeconds) / Double(coveredSeconds) }

    /// c = 1 − (1 − p)^m, computed as −expm1(m · log1p(−p)) (no cancellation for small p or m);
    /// 0 for m ≤ 0 or p ≤ 0, 1 for p ≥ 1 with m > 0.
    static func chance(share p: Double, expected m: Double) -> Double {
        guard m > 0, p > 0 else { return 0 }
        guard p < 1 else { return 1 }
        return -expm1(m * log1p(-p))
    }

    /// D for a run counting through `window` (nil: all-time likes), with the warehouse's
    /// interactions spanning `span` (nil: none).
    init(horizonSeconds: Int64, window: InteractionWindow?, span: ClosedRange<Int64>?) {
        self.horizonSeconds = horizonSeconds
        var covered: Int64
        switch (window, span) {
        case (let window?, let span?):
            let start = max(window.windowSeconds.map { window.asOf - $0 } ?? span.lowerBound, span.lowerBound)
            covered = min(window.asOf, span.upperBound) - start
            coverage = .window
        case (let window?, nil):
            covered = window.windowSeconds ?? Self.assumedSeconds
            coverage = .window
        case (nil, let span?):
            covered = span.upperBound - span.lowerBound
            coverage = .interactions
        case (nil, nil):
            covered = Self.assumedSeconds
            coverage = .assumed
        }
        coveredSeconds = max(covered, 86_400)
    }

    /// How m was found, in words: "m = the user's counts over … × 30d", from a summary's
    /// `coverage` (a `Coverage` raw value), D in days and H as text.
    static func expectedText(coverage: String, coveredDays: Double, horizon: String) -> String {
        let days = Format.fixed(coveredDays, 1)
        let over: String
        switch Coverage(rawValue: coverage) {
        case .window: over = "over the run's window (\(days) days of interactions)"
        case .interactions: over = "over the interactions' span (\(days) days)"
        case .assumed, nil: over = "over an assumed 365 days (no interactions date the likes)"
        }
        return "m = the user's counts \(over) × \(horizon)"
    }
}
