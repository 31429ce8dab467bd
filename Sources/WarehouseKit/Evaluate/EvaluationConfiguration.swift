import WarehouseTables

/// Settings of one `warehouse evaluate`: where to cut time, how far ahead to look, what counts as
/// a positive interaction, and the segmentation fitted on the past (run-segmentation's options;
/// its window's as-of is the cut).
public struct EvaluationConfiguration: Sendable {
    /// The cut T, Unix seconds; nil: the last interaction's moment minus the horizon.
    public var asOf: Int64?
    /// The horizon h: interactions with T < t ≤ T + h are the future the rankings are scored on.
    public var horizonSeconds: Int64 = 30 * 86_400
    /// Kinds whose interactions are positive (subject to each kind's `min_value` rule).
    public var relevantKinds: [String] = ["like"]
    /// The segmentation fitted on interactions up to T. Its window request supplies the window,
    /// half-life and weights (default: weight 1 on each relevant kind); no elbow sweep by default.
    public var segmentation: SegmentationConfiguration
    /// Bootstrap resamples for the 95% intervals; 0: no intervals.
    public var resamples: Int = 1_000

    /// Users are dealt into at most this many blocks of consecutive ids for the bootstrap.
    public static let blocks = 1_000
    public static let horizonRange: ClosedRange<Int64> = 3_600...(3_650 * 86_400)
    public static let resamplesRange = 0...100_000

    public init() {
        segmentation = SegmentationConfiguration()
        segmentation.elbow = nil
    }

    public func validate() throws {
        try segmentation.validate()
        guard Self.horizonRange.contains(horizonSeconds) else {
            throw WarehouseError.invalidArgument("--horizon must be between 1h and 3650d, got \(TimeText.durationText(horizonSeconds))")
        }
        guard Self.resamplesRange.contains(resamples) else {
            throw WarehouseError.invalidArgument("--bootstrap must be between 0 and 100000 resamples, got \(resamples)")
        }
        guard !relevantKinds.isEmpty else { throw WarehouseError.invalidArgument("--relevant must name at least one kind") }
        if let twice = relevantKinds.first(where: { kind in relevantKinds.filter { $0 == kind }.count > 1 }) {
            throw WarehouseError.invalidArgument("--relevant names kind '\(twice)' twice")
        }
    }

    /// The fit's weights: those asked for, else 1 on each relevant kind.
    var fitWeights: [InteractionWindow.KindWeight] {
        segmentation.window?.weights ?? relevantKinds.map { InteractionWindow.KindWeight(kind: $0, weight: 1) }
    }
}
