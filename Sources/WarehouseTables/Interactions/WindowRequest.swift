import Population

/// A window as asked for on the command line, before the warehouse is looked at: any part may be
/// left out. `resolve` fills the defaults from the warehouse and checks the as-of against it.
public struct WindowRequest: Sendable, Equatable {
    /// Unix seconds; nil: the moment of the latest interaction.
    public var asOf: Int64?
    public var windowSeconds: Int64?
    public var halfLifeSeconds: Int64?
    /// nil: `InteractionWindow.defaultWeights` (likes, weight 1).
    public var weights: [InteractionWindow.KindWeight]?

    public init(asOf: Int64? = nil, windowSeconds: Int64? = nil, halfLifeSeconds: Int64? = nil,
                weights: [InteractionWindow.KindWeight]? = nil) {
        self.asOf = asOf
        self.windowSeconds = windowSeconds
        self.halfLifeSeconds = halfLifeSeconds
        self.weights = weights
    }

    /// The window over this warehouse's interactions. Refused: a warehouse without interactions,
    /// and an as-of before the first interaction or after the end of the day of the last one
    /// (the error gives the span). Unknown kinds in the weights are refused when the window is read.
    public func resolve(_ store: WarehouseStore) throws -> InteractionWindow {
        guard let span = try store.snapshot({ try InteractionsTable.span(store) }) else {
            throw WarehouseError.invalidArgument(
                "--as-of, --window, --weights and --half-life count timestamped interactions, and this warehouse has none "
                + "(seed with --days, or import --events)")
        }
        let spanText = "\(CivilCalendar.isoDateTime(ofSecond: span.lowerBound)) … \(CivilCalendar.isoDateTime(ofSecond: span.upperBound))"
        let endOfLastDay = (span.upperBound / CivilCalendar.secondsPerDay + 1) * CivilCalendar.secondsPerDay - 1
        let moment = asOf ?? span.upperBound
        guard moment >= span.lowerBound, moment <= endOfLastDay else {
            throw WarehouseError.invalidArgument(
                "--as-of \(CivilCalendar.isoDateTime(ofSecond: moment)) is outside the interactions' span, \(spanText)")
        }
        return InteractionWindow(asOf: moment, windowSeconds: windowSeconds, halfLifeSeconds: halfLifeSeconds,
                                 weights: weights ?? InteractionWindow.defaultWeights)
    }
}
