import Randomness
import Testing
@testable import Population

@Suite("Determinism")
struct DeterminismTests {
    let model = PopulationModel.standard

    func generate(seed: UInt64, _ ranges: [Range<Int64>]) -> UserBatch {
        var batch = UserBatch(reservingUsers: 0)
        for range in ranges {
            model.generate(seed: seed, ids: range, into: &batch)
        }
        return batch
    }

    @Test func sameSeedGivesIdenticalBatches() {
        #expect(generate(seed: 7, [1..<301]) == generate(seed: 7, [1..<301]))
    }

    @Test func splitRangesEqualOneRange() {
        let whole = generate(seed: 11, [1..<101])
        #expect(generate(seed: 11, [1..<51, 51..<101]) == whole)
        #expect(generate(seed: 11, [1..<2, 2..<37, 37..<37, 37..<101]) == whole)
    }

    /// A user's attributes do not depend on which other users were generated, or in what order.
    @Test func callOrderDoesNotMatter() {
        let whole = generate(seed: 5, [1..<101])
        let late = generate(seed: 5, [51..<101])
        let early = generate(seed: 5, [1..<51])
        #expect(generate(seed: 5, [1..<51]) == early)
        #expect(Array(whole.usernames[50...]) == late.usernames)
        #expect(Array(whole.ages[50...]) == late.ages)
        #expect(Array(whole.personaIDs[50...]) == late.personaIDs)
        #expect(Array(whole.phones[50...]) == late.phones)
        #expect(Array(whole.postalCodes[50...]) == late.postalCodes)
        #expect(Array(whole.birthDates[50...]) == late.birthDates)
        #expect(Array(whole.genders[50...]) == late.genders)
        let firstLateRow = whole.likeUserIDs.firstIndex { $0 >= 51 } ?? whole.likeRowCount
        #expect(Array(whole.likeCounts[firstLateRow...]) == late.likeCounts)
        #expect(Array(whole.likeSubcategoryIDs[firstLateRow...]) == late.likeSubcategoryIDs)
    }

    @Test func generationIsTheSameOnOtherThreads() async {
        let expected = generate(seed: 3, [1..<201])
        let model = model
        let parts = await withTaskGroup(of: (Int64, UserBatch).self) { group in
            for lower in stride(from: Int64(1), to: 201, by: 40) {
                group.addTask {
                    var batch = UserBatch(reservingUsers: 40)
                    model.generate(seed: 3, ids: lower..<(lower + 40), into: &batch)
                    return (lower, batch)
                }
            }
            var parts: [(Int64, UserBatch)] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var merged = UserBatch(reservingUsers: 200)
        for part in parts {
            merged.ids += part.ids
            merged.usernames += part.usernames
            merged.fullNames += part.fullNames
            merged.emails += part.emails
            merged.ages += part.ages
            merged.likedPosts += part.likedPosts
            merged.personaIDs += part.personaIDs
            merged.genders += part.genders
            merged.countries += part.countries
            merged.regions += part.regions
            merged.cities += part.cities
            merged.postalCodes += part.postalCodes
            merged.phones += part.phones
            merged.birthDates += part.birthDates
            merged.likeUserIDs += part.likeUserIDs
            merged.likeSubcategoryIDs += part.likeSubcategoryIDs
            merged.likeCounts += part.likeCounts
        }
        #expect(merged == expected)
    }

    @Test func differentSeedsDiffer() {
        let a = generate(seed: 1, [1..<101])
        let b = generate(seed: 2, [1..<101])
        #expect(a.ids == b.ids)
        #expect(a.usernames != b.usernames)
        #expect(a.ages != b.ages)
        #expect(a.likeCounts != b.likeCounts)
    }

    /// The per-field streams are exactly `SplitMix64(seed: seed, userID, field)`.
    @Test func userStreamsMatchTheKeyedGenerator() {
        for (seed, id) in [(UInt64(0), Int64(1)), (42, 7), (.max, 1_000_000), (123_456_789, .max)] {
            let streams = UserStreams(seed: seed, userID: id)
            for field in UserField.allCases {
                var fast = streams.stream(field)
                var reference = SplitMix64(seed: seed, UInt64(bitPattern: id), field.rawValue)
                for _ in 0..<4 {
                    #expect(fast.next() == reference.next(), "seed \(seed) id \(id) field \(field)")
                }
            }
        }
    }

    @Test func batchBookkeeping() {
        var batch = generate(seed: 9, [1..<51])
        #expect(batch.userCount == 50)
        #expect(batch.ids == Array(1...50))
        for column in [batch.usernames.count, batch.fullNames.count, batch.emails.count, batch.ages.count, batch.likedPosts.count, batch.personaIDs.count,
                       batch.genders.count, batch.countries.count, batch.regions.count, batch.cities.count, batch.postalCodes.count,
                       batch.phones.count, batch.birthDates.count] {
            #expect(column == 50)
        }
        #expect(batch.likeSubcategoryIDs.count == batch.likeRowCount && batch.likeCounts.count == batch.likeRowCount)
        batch.removeAll(keepingCapacity: true)
        #expect(batch.userCount == 0 && batch.likeRowCount == 0)
        #expect(batch == UserBatch(reservingUsers: 0))
    }
}
