import Population

/// How a segmentation counts interactions over time (`run-segmentation --as-of --window
/// --weights --half-life`), stored with the run in `run_windows`.
///
/// A user's count for subcategory j is
///     x_j = Σ weight(kind) · 2^(−(asOf − t) / halfLife)
/// over the user's interactions with `asOf − window < t ≤ asOf` that count toward j (t in Unix
/// seconds; no lower bound without a window, no decay without a half-life). An interaction whose
/// kind has a `min_value` (a rating) and whose value is below it counts 0. Kinds not in `weights`
/// weigh 0. Every feature set is computed from these counts.
public struct InteractionWindow: Sendable, Equatable {
    /// A kind's weight: finite, ≥ 0.
    public struct KindWeight: Sendable, Equatable {
        public let kind: String
        public let weight: Double
        public init(kind: String, weight: Double) {
            self.kind = kind
            self.weight = weight
        }
    }

    public var asOf: Int64
    /// nil: every interaction up to `asOf`.
    public var windowSeconds: Int64?
    /// nil: no decay.
    public var halfLifeSeconds: Int64?
    public var weights: [KindWeight]

    public init(asOf: Int64, windowSeconds: Int64? = nil, halfLifeSeconds: Int64? = nil,
                weights: [KindWeight] = InteractionWindow.defaultWeights) {
        self.asOf = asOf
        self.windowSeconds = windowSeconds
        self.halfLifeSeconds = halfLifeSeconds
        self.weights = weights
    }

    /// Likes alone, weight 1: with no window and no half-life, the all-time like counts.
    public static let defaultWeights = [KindWeight(kind: "like", weight: 1)]

    /// The largest weight accepted.
    public static let maximumWeight = 1e6

    /// Parses `like=1,comment=3`: names (1…64 characters, each once) and weights (finite, 0 … 10⁶,
    /// at least one positive). Errors name the option and the offending entry.
    public static func parseWeights(_ text: String) throws -> [KindWeight] {
        var weights: [KindWeight] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: " ")
            guard parts.count == 2, !name.isEmpty, name.count <= 64 else {
                throw WarehouseError.invalidArgument("--weights entry '\(entry)' is not kind=weight, e.g. like=1,comment=3")
            }
            let number = parts[1].trimmingCharacters(in: " ")
            guard let weight = Double(number), weight.isFinite, weight >= 0, weight <= maximumWeight else {
                throw WarehouseError.invalidArgument("--weights weight of '\(name)' must be a number from 0 to \(Int(maximumWeight)), got '\(number)'")
            }
            guard !weights.contains(where: { $0.kind == name }) else {
                throw WarehouseError.invalidArgument("--weights names kind '\(name)' twice")
            }
            weights.append(KindWeight(kind: name, weight: weight))
        }
        guard weights.contains(where: { $0.weight > 0 }) else {
            throw WarehouseError.invalidArgument("--weights must give at least one kind a positive weight, got '\(text)'")
        }
        return weights
    }

    /// `like=1,comment=3` (weights printed shortest).
    public var weightsText: String {
        weights.map { "\($0.kind)=\(Self.number($0.weight))" }.joined(separator: ",")
    }

    /// `{"comment":3,"like":1}` (keys sorted), as `run_windows.weights` stores it.
    public var weightsJSON: String {
        JSONText.object(Dictionary(weights.map { ($0.kind, $0.weight == $0.weight.rounded() && $0.weight < 1e15 ? JSONText.integer(Int($0.weight)) : .number($0.weight)) },
                                   uniquingKeysWith: { first, _ in first })).rendered
    }

    /// One line: `as of 2026-06-30T23:59:59Z, window 90d, half-life 30d, like=1,comment=3`.
    public var description: String {
        var parts = ["as of \(CivilCalendar.isoDateTime(ofSecond: asOf))"]
        parts.append(windowSeconds.map { "window \(TimeText.durationText($0))" } ?? "all time")
        parts.append(halfLifeSeconds.map { "half-life \(TimeText.durationText($0))" } ?? "no decay")
        parts.append(weightsText)
        return parts.joined(separator: ", ")
    }

    /// Whether every count is a whole number (integer weights, no decay): the latent-class
    /// mixture then fits them as counts.
    public var givesWholeCounts: Bool {
        halfLifeSeconds == nil && weights.allSatisfy { $0.weight == $0.weight.rounded() }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
