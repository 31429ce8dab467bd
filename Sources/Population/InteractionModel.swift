#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When and how users interact over a period, for the seed: the time half of the population.
///
/// The period is the `days` days ending at `asOf` (Unix seconds): `(asOf − days·86400, asOf]`.
/// Per user (see `PopulationModel.generate`), with `n` the user's liked posts and `π` the persona:
/// - **kinds**: `n` likes, and Poisson(`n · rate(π, kind)`) comments, shares and searches, the
///   rates per persona (`kindRates`: sports fans comment, fashion fans share, foodies search);
/// - **when**: a day of the period with weight `weekdayWeights[weekday]` (weekends busier), a
///   clock second with weight `hourWeights[hour]` (evening peak), uniform within the hour;
/// - **drift**: with probability `driftShare` the user moves, at a uniform moment τ of the
///   period, to another persona (uniform among the others) with a fresh preference vector; every
///   interaction from τ on follows the new preference, so the recent past predicts the near
///   future better than the distant past;
/// - **what**: the subcategory of an interaction at t is drawn with weight
///   `p_j(t) · (1 + a_j · cos(2π (month(t) − peak_j) / 12))`, `p(t)` the preference in force and
///   `(a_j, peak_j)` the subcategory's season (`seasons`; subcategories without one have a = 0);
/// - a search carries a keyword: the subcategory's name and one of `keywordModifiers`.
///
/// Every draw comes from the user's own streams, so the whole timeline, and the truth behind it
/// (persona and preference at any moment), is a pure function of (seed, user, model).
public struct InteractionModel: Sendable {
    /// The seed's kinds, in `interaction_kinds` id order (id = index + 1).
    public static let kindNames = ["like", "comment", "share", "search"]
    /// The longest period a seed generates: ten years.
    public static let maximumDays = 3_650

    /// A subcategory whose interest rises and falls over the year.
    public struct Season: Sendable, Equatable {
        public let subcategoryID: Int
        /// 0 ≤ a < 1: the weight swings between 1 − a and 1 + a.
        public let amplitude: Double
        /// Month of the peak, 1…12.
        public let peakMonth: Int
    }

    public let days: Int
    public let asOf: Int64
    /// Share of users whose persona changes during the period.
    public let driftShare: Double
    /// Per persona (index = persona id − 1): expected comments, shares and searches per like.
    /// Personas past the end use `defaultKindRates`.
    public let kindRates: [[Double]]
    public static let defaultKindRates = [0.12, 0.12, 0.12]
    /// Monday … Sunday.
    public let weekdayWeights: [Double]
    /// Hours 0 … 23, UTC.
    public let hourWeights: [Double]
    public let seasons: [Season]
    /// A search's keyword is "<subcategory name>" or "<subcategory name> <modifier>".
    public let keywordModifiers: [String]

    /// The first moment of the period is `periodStart + 1`.
    public var periodStart: Int64 { asOf - Int64(days) * CivilCalendar.secondsPerDay }

    let slotTable: AliasTable
    let hourTable: AliasTable
    /// Month (1…12) of each day slot d, the slot `(asOf − (d+1)·86400, asOf − d·86400]`, taken at its midpoint.
    let slotMonths: [Int8]
    /// Per month 1…12 (index 0 unused) and subcategory index: the season factor.
    let seasonFactors: [[Double]]

    /// The standard dynamics over `days` days ending at `asOf`.
    /// - Precondition: 1 ≤ days ≤ `maximumDays`; `asOf − days·86400 ≥ 0` and `asOf` before year 10000
    ///   (callers check both and say so); one season per subcategory at most.
    public init(days: Int, asOf: Int64, driftShare: Double = 0.1, subcategoryCount: Int = Catalog.subcategoryCount,
                kindRates: [[Double]] = InteractionModel.standardKindRates,
                weekdayWeights: [Double] = [0.92, 0.90, 0.93, 0.97, 1.05, 1.15, 1.08],
                hourWeights: [Double] = [0.30, 0.20, 0.15, 0.12, 0.12, 0.20, 0.45, 0.70, 0.85, 0.90, 0.95, 1.00,
                                         1.10, 1.00, 0.95, 0.95, 1.00, 1.10, 1.30, 1.50, 1.60, 1.50, 1.10, 0.60],
                seasons: [Season] = InteractionModel.standardSeasons,
                keywordModifiers: [String] = ["", "tips", "ideas", "near me", "best", "deals", "news", "for beginners"]) {
        precondition((1...Self.maximumDays).contains(days), "InteractionModel needs 1…\(Self.maximumDays) days, got \(days)")
        precondition(asOf - Int64(days) * CivilCalendar.secondsPerDay >= 0 && asOf < Self.latestMoment,
                     "InteractionModel's period must lie in 1970…9999, got as-of \(asOf)")
        precondition((0...1).contains(driftShare), "drift share must be in [0, 1], got \(driftShare)")
        precondition(weekdayWeights.count == 7 && hourWeights.count == 24, "7 weekday and 24 hour weights")
        precondition(!keywordModifiers.isEmpty, "at least one keyword modifier (\"\" for the bare name)")
        self.days = days
        self.asOf = asOf
        self.driftShare = driftShare
        self.kindRates = kindRates
        self.weekdayWeights = weekdayWeights
        self.hourWeights = hourWeights
        self.seasons = seasons
        self.keywordModifiers = keywordModifiers
        var slotWeights: [Double] = []
        var months: [Int8] = []
        for d in 0..<days {
            let middle = asOf - Int64(d) * CivilCalendar.secondsPerDay - CivilCalendar.secondsPerDay / 2
            let day = middle >= 0 ? middle / CivilCalendar.secondsPerDay : 0
            slotWeights.append(weekdayWeights[CivilCalendar.weekday(ofDay: day)])
            months.append(Int8(CivilCalendar.date(ofDay: day).month))
        }
        var slots = AliasTable()
        slots.build(weights: slotWeights)
        var hours = AliasTable()
        hours.build(weights: hourWeights)
        slotTable = slots
        hourTable = hours
        slotMonths = months
        var factors = [[Double]](repeating: [Double](repeating: 1, count: subcategoryCount), count: 13)
        for season in seasons where (1...subcategoryCount).contains(season.subcategoryID) {
            for month in 1...12 {
                factors[month][season.subcategoryID - 1] = 1 + season.amplitude * cos(2 * Double.pi * Double(month - season.peakMonth) / 12)
            }
        }
        seasonFactors = factors
    }

    /// 9999-12-31T23:59:59Z + 1.
    public static let latestMoment: Int64 = CivilCalendar.days(year: 10_000, month: 1, day: 1) * CivilCalendar.secondsPerDay

    /// Sports fans comment, fashion fans share, foodies search, pet lovers share and comment.
    public static let standardKindRates: [[Double]] = [
        [0.20, 0.06, 0.08],
        [0.08, 0.20, 0.10],
        [0.06, 0.08, 0.25],
        [0.12, 0.14, 0.06],
    ]

    /// Football in autumn, cycling, tennis and street food in summer, baking and luxury at
    /// Christmas, coffee in winter (subcategory ids of the standard catalogue).
    public static let standardSeasons: [Season] = [
        Season(subcategoryID: 1, amplitude: 0.6, peakMonth: 11),
        Season(subcategoryID: 4, amplitude: 0.6, peakMonth: 7),
        Season(subcategoryID: 5, amplitude: 0.5, peakMonth: 7),
        Season(subcategoryID: 7, amplitude: 0.5, peakMonth: 12),
        Season(subcategoryID: 11, amplitude: 0.8, peakMonth: 12),
        Season(subcategoryID: 13, amplitude: 0.5, peakMonth: 7),
        Season(subcategoryID: 15, amplitude: 0.3, peakMonth: 1),
    ]

    /// Expected comments, shares and searches per like for persona index `persona`.
    func rates(persona: Int) -> [Double] {
        persona < kindRates.count ? kindRates[persona] : Self.defaultKindRates
    }

    /// The keyword of keyword index `index` (subcategory index × modifiers + modifier).
    public func keyword(_ index: Int, subcategoryNames: [String]) -> String {
        let modifier = keywordModifiers[index % keywordModifiers.count]
        let name = subcategoryNames[index / keywordModifiers.count]
        return modifier.isEmpty ? name : name + " " + modifier
    }
}
