import Randomness

extension PopulationModel {
    /// Scratch space for one user's timeline, reused across users.
    struct TimelineScratch {
        var keys: [UInt64] = []
        var keywordOfKey: [UInt64: Int32] = [:]
        var counts: [Int32] = []
        var secondPreference: [Double] = []
        var weights: [Double] = []
    }

    /// Appends user `id`'s interactions over `timeline`'s period to `batch` (unsorted across
    /// users; the caller sorts the batch by day) and its like rows (the like interactions per
    /// subcategory, so `user_likes` and the interactions agree); returns the persona in force at
    /// the period's end and the change, if the user drifts.
    ///
    /// Key of one interaction inside the user: day (22 bits, relative to the period's first
    /// day) · second (17) · kind (3) · subcategory (16), sorted, equal keys numbered by ordinal.
    func generateTimeline(userID id: Int64, posts: Int, persona: Int, preference: [Double], streams: UserStreams,
                          timeline: InteractionModel, scratch: inout TimelineScratch, into batch: inout UserBatch) -> (persona: Int, change: PersonaChange?) {
        let s = subcategories.count
        let drift = drawDrift(persona: persona, streams: streams, timeline: timeline, preference: &scratch.secondPreference)
        var countsStream = streams.stream(.kindCounts)
        let rates = timeline.rates(persona: persona)
        var perKind = [posts]
        for rate in rates { perKind.append(Poisson.sample(mean: Double(posts) * rate, using: &countsStream)) }

        var events = streams.stream(.interactions)
        scratch.keys.removeAll(keepingCapacity: true)
        scratch.keywordOfKey.removeAll(keepingCapacity: true)
        if scratch.weights.count != s { scratch.weights = [Double](repeating: 0, count: s) }
        let firstDay = timeline.periodStart / CivilCalendar.secondsPerDay
        for (kindIndex, count) in perKind.enumerated() {
            for _ in 0..<count {
                let slot = timeline.slotTable.sample(using: &events)
                let clock = Int64(timeline.hourTable.sample(using: &events) * 3600 + events.uniformIndex(below: 3600))
                let base = timeline.asOf - Int64(slot + 1) * CivilCalendar.secondsPerDay + 1
                var offset = (clock - base) % CivilCalendar.secondsPerDay
                if offset < 0 { offset += CivilCalendar.secondsPerDay }
                let moment = base + offset
                let month = Int(timeline.slotMonths[slot])
                let current = drift.isAfterChange(moment) ? scratch.secondPreference : preference
                let factors = timeline.seasonFactors[month]
                var total = 0.0
                for j in 0..<s {
                    scratch.weights[j] = current[j] * factors[j]
                    total += scratch.weights[j]
                }
                var target = events.uniform01() * total
                var subcategory = s - 1
                for j in 0..<s {
                    target -= scratch.weights[j]
                    if target < 0 { subcategory = j; break }
                }
                let day = moment / CivilCalendar.secondsPerDay
                let key = UInt64(day - firstDay) << 36 | UInt64(moment - day * CivilCalendar.secondsPerDay) << 19
                    | UInt64(kindIndex + 1) << 16 | UInt64(subcategory + 1)
                scratch.keys.append(key)
                if kindIndex == 3 {
                    let keyword = Int32(subcategory * timeline.keywordModifiers.count
                                        + events.uniformIndex(below: timeline.keywordModifiers.count))
                    // Two searches agreeing on every key column keep the first one's keyword.
                    if scratch.keywordOfKey[key] == nil { scratch.keywordOfKey[key] = keyword }
                }
            }
        }
        scratch.keys.sort()
        if scratch.counts.count != s { scratch.counts = [Int32](repeating: 0, count: s) }
        for j in 0..<s { scratch.counts[j] = 0 }
        var previous = UInt64.max
        var ordinal: Int32 = 0
        for key in scratch.keys {
            ordinal = key == previous ? ordinal + 1 : 0
            previous = key
            let kind = UInt8(key >> 16 & 0x7)
            let subcategory = Int32(key & 0xFFFF)
            if kind == 1 { scratch.counts[Int(subcategory) - 1] += 1 }
            batch.interactions.append(day: Int32(firstDay + Int64(key >> 36)), user: id, second: Int32(key >> 19 & 0x1FFFF),
                                      kind: kind, subcategory: subcategory, ordinal: ordinal,
                                      keyword: kind == 4 ? scratch.keywordOfKey[key] ?? -1 : -1)
        }
        scratch.counts.withUnsafeBufferPointer { counts in
            batch.appendLikeRows(userID: id, counts: counts)
        }
        guard drift.moves else { return (persona, nil) }
        return (drift.persona, PersonaChange(userID: id, at: drift.at, from: Int32(persona + 1), to: Int32(drift.persona + 1)))
    }
}
