import Randomness

extension PopulationModel {
    /// Appends users `ids` to `batch`, in ascending id order.
    ///
    /// Every attribute of user `id` is a pure function of `(seed, id)` (see `UserField`), so
    /// one call over `1..<101` appends exactly what calls over `1..<51` and `51..<101` do, on
    /// any thread. Scratch buffers are allocated once per call; per user only the three identity
    /// strings and the batch's own array growth allocate (postal codes, phones and dates fit
    /// Swift's 15-byte inline strings). Batches of about 10,000 users keep the working set in
    /// cache (measured before the demographics: 1.15 s per million users on one core, against
    /// 1.45 s with 50,000-user batches).
    /// - Precondition: `ids.lowerBound >= 1`.
    ///
    /// With a `timeline`, each active user's likes, comments, shares and searches over its period
    /// are generated as interactions (generator v2, see `InteractionModel`), the like rows are
    /// their per-subcategory like counts, `personaIDs` holds each user's persona at the period's
    /// end, and the batch's interactions are sorted by day. Without one, likes are
    /// Multinomial(liked_posts, p) (generator v1, step 6). Dates of birth are for the day of
    /// `timeline.asOf`, without a timeline of `defaultAsOf`.
    public func generate(seed: UInt64, ids: Range<Int64>, timeline: InteractionModel? = nil, into batch: inout UserBatch) {
        precondition(ids.lowerBound >= 1, "user ids start at 1, got a range starting at \(ids.lowerBound)")
        var preference = [Double](repeating: 0, count: subcategories.count)
        var multinomial = Multinomial()
        var scratch = TimelineScratch()
        scratch.secondPreference = preference
        let asOf = timeline?.asOf ?? Self.defaultAsOf
        let asOfDay = CivilCalendar.date(ofDay: asOf >= 0 ? asOf / CivilCalendar.secondsPerDay : (asOf + 1) / CivilCalendar.secondsPerDay - 1)
        for id in ids {
            let streams = UserStreams(seed: seed, userID: id)

            var identityStream = streams.stream(.identity)
            let culture = identities.append(id: id, using: &identityStream, to: &batch)

            let (userAge, posts, personaIndex) = drawProfile(streams)
            batch.ids.append(id)
            batch.ages.append(Int32(userAge))
            batch.likedPosts.append(Int32(posts))
            batch.personaIDs.append(Int32(personaIndex + 1))
            demographics.append(streams: streams, culture: culture, persona: personaIndex, age: userAge, asOfDay: asOfDay, to: &batch)

            guard posts > 0 else { continue }
            drawPreference(persona: personaIndex, streams: streams, into: &preference)
            if let timeline {
                let outcome = generateTimeline(userID: id, posts: posts, persona: personaIndex, preference: preference, streams: streams,
                                               timeline: timeline, scratch: &scratch, into: &batch)
                batch.personaIDs[batch.personaIDs.count - 1] = Int32(outcome.persona + 1)
                if let change = outcome.change { batch.personaChanges.append(change) }
                continue
            }
            var likesStream = streams.stream(.likes)
            multinomial.draw(trials: posts, probabilities: preference, using: &likesStream)
            multinomial.counts.withUnsafeBufferPointer { counts in
                batch.appendLikeRows(userID: id, counts: counts)
            }
        }
        if timeline != nil { batch.interactions.sortByDay() }
    }

    /// Steps 2–4 for the user of `streams`: its age, liked posts and persona index (id − 1), each
    /// from its own stream.
    func drawProfile(_ streams: UserStreams) -> (age: Int, posts: Int, persona: Int) {
        var ageStream = streams.stream(.age)
        let userAge = age.sample(using: &ageStream)
        var likedPostsStream = streams.stream(.likedPosts)
        let posts = likedPosts.sample(using: &likedPostsStream)
        var personaStream = streams.stream(.persona)
        return (userAge, posts, drawPersonaIndex(age: userAge, using: &personaStream))
    }

    /// Step 5 for the user of `streams`: its preference p ~ Dirichlet(α of persona index `persona`),
    /// from its `.preference` stream, written into `preference` (drawn only for users with liked posts).
    /// - Precondition: `preference.count == subcategories.count`.
    func drawPreference(persona: Int, streams: UserStreams, into preference: inout [Double]) {
        var preferenceStream = streams.stream(.preference)
        dirichlets[persona].sample(into: &preference, using: &preferenceStream)
    }

    /// The persona index (id − 1) for a user of `age`: one uniform against the cumulative weights
    /// of the user's age group.
    func drawPersonaIndex(age: Int, using generator: inout SplitMix64) -> Int {
        let cumulative = cumulativePersonaWeights[AgeGroup.index(containing: age)]
        let u = generator.uniform01()
        var index = 0
        while index < cumulative.count - 1 && u >= cumulative[index] {
            index += 1
        }
        return index
    }
}
