extension PopulationModel {
    /// The planted truth behind a seeded user's interactions (generator v2): the share of its
    /// interactions in `(T, T + h]` that each subcategory is expected to get, recomputed from the
    /// generator for `T = moment`, `h = horizonSeconds`.
    ///
    /// With `p` the preference in force at T and `f_{m,j}` the season factor of subcategory j in
    /// month m (`InteractionModel.seasonFactors`), it writes
    ///
    ///     out_j = Σ_m w_m · p_j f_{m,j} / Σ_k p_k f_{m,k}      (then divided by Σ_j out_j, ≈ 1)
    ///
    /// with `w_m` the share of the horizon that falls in month m by the generator's month rule
    /// (see `InteractionModel.monthShares`). An interaction at t picks j with probability
    /// `p_j f_{m(t),j} / Σ_k p_k f_{m(t),k}`, so `out` is its average over a moment uniform in the
    /// horizon; for a horizon within one month it is `p ∘ f_m` normalised. Left out: the weekday
    /// and hour weights (they move a month's share by less than a day), and a change of persona
    /// inside the horizon (the truth at T is what is in force at T).
    ///
    /// `p` is drawn exactly as `generate` draws it: the user's profile (`drawProfile`), its
    /// preference (`drawPreference`) and its drift (`drawDrift`) come from the same helpers, and
    /// the drifted preference is in force when the user moves and `changeAt ≤ T` (the generator's
    /// `moment >= changeAt`). The result is a pure function of the arguments and the model.
    ///
    /// `out` (index j = subcategory id j + 1) is the only buffer written; nothing is allocated.
    /// - Returns: the persona id (1…) in force at T; nil, with `out` untouched, for a user with 0
    ///   liked posts (no preference is drawn for it), a user id below 1, `h < 1`, or a horizon
    ///   that does not lie in 1970…9999 (`T < 0` or `T + h > InteractionModel.latestMoment`).
    /// - Precondition: `out.count == subcategories.count`.
    public func preference(seed: UInt64, userID: Int64, timeline: InteractionModel, at moment: Int64, horizonSeconds: Int64,
                           into out: inout [Double]) -> Int? {
        precondition(out.count == subcategories.count, "preference needs \(subcategories.count) slots, got \(out.count)")
        guard userID >= 1, horizonSeconds >= 1, moment >= 0, moment <= InteractionModel.latestMoment - horizonSeconds else { return nil }
        let streams = UserStreams(seed: seed, userID: userID)
        let profile = drawProfile(streams)
        guard profile.posts > 0 else { return nil }
        // Either draw may write `out`: the drift's first, then (before the change) the original over it.
        let drift = drawDrift(persona: profile.persona, streams: streams, timeline: timeline, preference: &out)
        let drifted = drift.isAfterChange(moment)
        if !drifted { drawPreference(persona: profile.persona, streams: streams, into: &out) }
        timeline.applySeasons(timeline.monthShares(after: moment, seconds: horizonSeconds), to: &out)
        return (drifted ? drift.persona : profile.persona) + 1
    }
}

extension InteractionModel {
    /// Lane m (1…12) holds the share of `(moment, moment + seconds]` that falls in month m by the
    /// generator's month rule: time is cut into day slots `(asOf + k·86400, asOf + (k+1)·86400]`
    /// (the period's slots, continued before and after it) and a slot's month is the civil month
    /// of the day holding its midpoint (day 0 for a midpoint before 1970), as for `slotMonths`.
    /// The lanes sum to 1; one step per month crossed.
    /// - Precondition: `seconds ≥ 1`, `moment ≥ 0`, `moment + seconds ≤ latestMoment`.
    func monthShares(after moment: Int64, seconds: Int64) -> SIMD16<Double> {
        let day = CivilCalendar.secondsPerDay
        func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }
        var shares = SIMD16<Double>(repeating: 0)
        let end = moment + seconds
        var t = moment
        while t < end {
            // The slot (start, start + day] holds t + 1; its month runs to the last slot whose
            // midpoint falls on or before the month's last day.
            let start = asOf + floorDiv(t - asOf, day) * day
            let middleDay = max(0, floorDiv(start + day / 2, day))
            let date = CivilCalendar.date(ofDay: middleDay)
            let lastDay = middleDay + Int64(CivilCalendar.daysIn(month: date.month, year: date.year) - date.day)
            let lastStart = start + floorDiv((lastDay + 1) * day - day / 2 - 1 - start, day) * day
            let stop = min(end, lastStart + day)
            shares[date.month] += Double(stop - t)
            t = stop
        }
        return shares / Double(seconds)
    }

    /// `p ← Σ_m shares_m · p ∘ f_m / ⟨p, f_m⟩`, normalised to sum 1: the mixture of the month-wise
    /// subcategory distributions (see `PopulationModel.preference(seed:…)`). `p` is a distribution
    /// on entry; a month whose `⟨p, f_m⟩` is not positive (impossible with amplitudes below 1) is
    /// skipped, and when every month is, `p` stays as it is.
    func applySeasons(_ shares: SIMD16<Double>, to p: inout [Double]) {
        var coefficients = SIMD16<Double>(repeating: 0)
        for month in 1...12 where shares[month] > 0 {
            let factors = seasonFactors[month]
            var dot = 0.0
            for j in p.indices { dot += p[j] * factors[j] }
            if dot > 0 && dot.isFinite { coefficients[month] = shares[month] / dot }
        }
        guard coefficients.max() > 0 else { return }
        var total = 0.0
        for j in p.indices {
            var mixed = 0.0
            for month in 1...12 where coefficients[month] > 0 { mixed += coefficients[month] * seasonFactors[month][j] }
            p[j] *= mixed
            total += p[j]
        }
        let scale = 1 / total
        for j in p.indices { p[j] *= scale }
    }
}
