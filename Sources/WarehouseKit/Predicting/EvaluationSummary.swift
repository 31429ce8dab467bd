import Population
import WarehouseTables

/// What `warehouse evaluate` prints: text (`render()`) or JSON (`json()`), the same facts.
///
/// JSON (fixed; scripts read it): `{"evaluation": id, "as_of": ISO, "horizon_days": …,
/// "relevant": [kinds], "fit": {…}, "users": {…}, "rankers": [{"ranker": name, "all": figures,
/// "new_interest": figures, "cold_start": figures}, …]}`, where figures are `{"users": n,
/// "p_at_3", "r_at_3", "ndcg_at_5", "hit_at_3", "intervals": {metric: [lower, upper]},
/// "versus": {metric: {"baseline": name, "difference": d, "interval": [lower, upper]}}}`.
public struct EvaluationSummary: Sendable {
    public let id: Int64
    let row: EvaluationsTable.Row
    /// Users in the warehouse.
    public let users: Int
    let metrics: [EvaluationsTable.Metric]
    public let rankers: [Ranker]

    init(id: Int64, row: EvaluationsTable.Row, users: Int, metrics: [EvaluationsTable.Metric], rankers: [Ranker]) {
        self.id = id
        self.row = row
        self.users = users
        self.metrics = metrics
        self.rankers = rankers
    }

    /// The mean of `metric` (a `RankingMetrics.keys` name) for `ranker` on `variant`'s users.
    public func value(_ ranker: Ranker, _ variant: EvaluationVariant, _ metric: String) -> Double? {
        figure(ranker, variant, metric)?.value
    }

    /// Users scored in `variant`.
    public func userCount(_ variant: EvaluationVariant) -> Int {
        metrics.first { $0.variant == variant.rawValue }?.users ?? 0
    }

    func figure(_ ranker: Ranker, _ variant: EvaluationVariant, _ metric: String) -> EvaluationsTable.Metric? {
        metrics.first { $0.ranker == ranker.rawValue && $0.variant == variant.rawValue && $0.metric == metric }
    }

    // MARK: JSON

    struct Comparison: Encodable {
        let baseline: String
        let difference: Double
        @JSONNullable var interval: [Double]?
    }

    struct Figures: Encodable {
        let users: Int
        let values: [String: Double]
        let intervals: [String: [Double]]
        let versus: [String: Comparison]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(users, forKey: Key("users"))
            for (name, value) in values { try container.encode(value, forKey: Key(name)) }
            try container.encode(intervals, forKey: Key("intervals"))
            try container.encode(versus, forKey: Key("versus"))
        }
    }

    struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    struct RankerFigures: Encodable {
        let ranker: String
        let variants: [(String, Figures)]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(ranker, forKey: Key("ranker"))
            for (variant, figures) in variants { try container.encode(figures, forKey: Key(variant)) }
        }
    }

    struct Fit: Encodable {
        let method: String
        let k: Int
        let window: String
        @JSONNullable var windowSeconds: Int64?
        @JSONNullable var halfLifeSeconds: Int64?
        let weights: String
        let seed: Int64
    }

    struct Users: Encodable {
        let total: Int
        let scored: Int
        let newInterest: Int
        let coldStart: Int
    }

    struct Document: Encodable {
        let evaluation: Int64
        let asOf: String
        let horizonDays: Double
        let relevant: [String]
        let fit: Fit
        let users: Users
        let rankers: [RankerFigures]
        let seconds: Double
    }

    func figures(_ ranker: Ranker, _ variant: EvaluationVariant) -> Figures {
        var values: [String: Double] = [:], intervals: [String: [Double]] = [:], versus: [String: Comparison] = [:]
        var users = 0
        for figure in metrics where figure.ranker == ranker.rawValue && figure.variant == variant.rawValue {
            users = figure.users
            values[figure.metric] = figure.value
            if let interval = figure.interval { intervals[figure.metric] = [interval.lowerBound, interval.upperBound] }
            if let baseline = figure.versus, let difference = figure.difference, baseline != ranker.rawValue {
                versus[figure.metric] = Comparison(baseline: baseline, difference: difference,
                                                   interval: figure.differenceInterval.map { [$0.lowerBound, $0.upperBound] })
            }
        }
        return Figures(users: users, values: values, intervals: intervals, versus: versus)
    }

    public func json() throws -> String {
        let window = row.window
        let document = Document(
            evaluation: id, asOf: CivilCalendar.isoDateTime(ofSecond: row.asOf), horizonDays: Double(row.horizonSeconds) / 86_400,
            relevant: row.relevantKinds,
            fit: Fit(method: row.method.rawValue, k: row.k, window: window.description, windowSeconds: window.windowSeconds,
                     halfLifeSeconds: window.halfLifeSeconds, weights: window.weightsText, seed: row.seed),
            users: Users(total: users, scored: row.usersScored, newInterest: row.usersNewInterest, coldStart: row.usersColdStart),
            rankers: rankers.map { ranker in
                RankerFigures(ranker: ranker.rawValue, variants: EvaluationVariant.allCases.map { ($0.rawValue, figures(ranker, $0)) })
            },
            seconds: row.seconds)
        return try Format.json(document)
    }

    // MARK: Text

    /// One table per variant: each ranker's four metrics, NDCG@5's interval, and NDCG@5's
    /// difference from the best baseline with its paired interval.
    public func render() -> String {
        typealias F = Format
        let window = row.window
        var lines = [
            "evaluation \(id): as of \(CivilCalendar.isoDateTime(ofSecond: row.asOf)), horizon \(TimeText.durationText(row.horizonSeconds)), "
                + "positive: \(row.relevantKinds.joined(separator: ", "))",
            "fit on the past: \(row.method == .latentClass ? "latent class" : "k-means"), k = \(row.k); \(window.description)",
            "users: \(F.count(users)) in the warehouse, \(F.count(row.usersScored)) scored, \(F.count(row.usersNewInterest)) with a new "
                + "interest in the horizon, \(F.count(row.usersColdStart)) cold-start (nothing positive before the cut)",
        ]
        let titles: [(EvaluationVariant, String)] = [
            (.all, "every subcategory"), (.newInterest, "new interests only (subcategories the user had not engaged with)"),
            (.coldStart, "cold-start users (ranked on their age group and the population)"),
        ]
        for (variant, title) in titles {
            let count = userCount(variant)
            lines.append("")
            lines.append("\(title): \(F.plural(count, "user"))")
            guard count > 0 else { continue }
            let reference = figure(.popularity, variant, "ndcg_at_5")?.versus ?? "-"
            var table = TextTable([("ranker", .left), ("P@3", .right), ("R@3", .right), ("NDCG@5", .right), ("95%", .left),
                                   ("hit@3", .right), ("NDCG@5 − \(reference)", .right), ("95% ", .left)])
            for ranker in rankers {
                let ndcg = figure(ranker, variant, "ndcg_at_5")
                let compared = ndcg?.versus.map { $0 != ranker.rawValue } ?? false
                table.append([
                    ranker.rawValue, F.score(value(ranker, variant, "p_at_3")), F.score(value(ranker, variant, "r_at_3")),
                    F.score(ndcg?.value), Self.interval(ndcg?.interval), F.score(value(ranker, variant, "hit_at_3")),
                    compared ? Self.signed(ndcg?.difference) : "", compared ? Self.interval(ndcg?.differenceInterval, signed: true) : "",
                ])
            }
            lines += table.lines(indent: "  ")
        }
        return lines.joined(separator: "\n")
    }

    /// `0.412…0.417`, or with `signed` `−0.132…−0.119` (the sign a difference is printed with).
    static func interval(_ range: ClosedRange<Double>?, signed: Bool = false) -> String {
        guard let range else { return "" }
        let text: (Double) -> String = signed ? { Self.signed($0) } : { Format.fixed($0, 3) }
        return "\(text(range.lowerBound))…\(text(range.upperBound))"
    }

    static func signed(_ value: Double?) -> String {
        guard let value else { return "" }
        return (value >= 0 ? "+" : "−") + Format.fixed(abs(value), 3)
    }
}
