import WarehouseTables

/// Settings of one `warehouse target`.
public struct TargetOptions: Sendable, Equatable {
    /// The run whose segments to profile.
    public var run: RunSelector = .latest
    /// One segment only (1…k); nil: every segment.
    public var segment: Int?
    /// Subcategories shown per segment (categories are few and all shown).
    public var top: Int = 10
    /// The index that orders interests.
    public var ranking: AffinityRanking = .lift
    /// Interests with fewer supporting users (or likes, when ranking by likes) than this are
    /// flagged as low support: their index rests on too few people to act on.
    public var minSupport: Int = 30
    /// For runs with membership probabilities (latent class): members at least this probable
    /// count as certain (0 < certainty ≤ 1).
    public var certainty: Double = 0.9
    /// `--interest`: rank the segments for this subcategory by expected reach, with lift
    /// (`TargetInterestJob`) instead of profiling them; nil: the profile.
    public var interest: SubcategoryChoice?
    /// H for `interest`, in seconds; nil: `PredictedChance.defaultHorizonSeconds`.
    public var horizonSeconds: Int64?
    /// `--age`, `--gender`, `--country`: profile (or rank, with `interest`) only the members this
    /// passes; empty: every member. A filtered profile is printed, never stored.
    public var filter = UserFilter()

    public init() {}

    /// Checks what can be checked before the warehouse is read.
    public func validate() throws {
        if let segment, segment < 1 {
            throw WarehouseError.invalidArgument("--segment must be at least 1, got \(segment)")
        }
        guard top >= 1, top <= 10_000 else { throw WarehouseError.invalidArgument("--top must be between 1 and 10000, got \(top)") }
        guard minSupport >= 0 else { throw WarehouseError.invalidArgument("--min-support must be at least 0, got \(minSupport)") }
        guard certainty > 0, certainty <= 1 else {
            throw WarehouseError.invalidArgument("--certainty must be a probability in (0, 1], got \(certainty)")
        }
        guard let interest else {
            if let horizonSeconds {
                throw WarehouseError.invalidArgument("--horizon \(TimeText.durationText(horizonSeconds)) goes with --interest SUBCATEGORY")
            }
            return
        }
        try interest.validate()
        try horizonSeconds.map(PredictedChance.checkHorizon)
        // The profile's options have no meaning for the ranking of segments: refused, not ignored.
        let profile = TargetOptions()
        for (option, given) in [("--segment \(segment.map(String.init) ?? "")", segment != nil), ("--top \(top)", top != profile.top),
                                ("--by \(ranking.rawValue)", ranking != profile.ranking),
                                ("--min-support \(minSupport)", minSupport != profile.minSupport),
                                ("--certainty \(certainty)", certainty != profile.certainty)] where given {
            throw WarehouseError.invalidArgument("\(option) goes with a segment's profile, not with --interest, which ranks every segment")
        }
    }

    /// H for `interest`.
    var horizon: Int64 { horizonSeconds ?? PredictedChance.defaultHorizonSeconds }

    /// Throws, in one line naming the filter, when the filter leaves the run (or the segment asked
    /// for) without members; `members[segment − 1]` are the filtered members of each segment.
    func checkNotEmpty(members: [Int], run: Int64) throws {
        guard !filter.isEmpty else { return }
        if members.reduce(0, +) == 0 {
            throw WarehouseError.invalidArgument("no member of run \(run) passes \(filter); nothing to profile")
        }
        if let segment, members.indices.contains(segment - 1), members[segment - 1] == 0 {
            throw WarehouseError.invalidArgument("no member of segment \(segment) of run \(run) passes \(filter); nothing to profile")
        }
    }

    /// Throws unless `segment` is one of the run's segments 1…k.
    static func checkSegment(_ segment: Int, run: Int64, k: Int) throws {
        guard segment >= 1, segment <= k else {
            throw WarehouseError.invalidArgument("run \(run) has segments 1…\(k); there is no segment \(segment)")
        }
    }
}
