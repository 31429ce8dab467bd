import Testing
@testable import Population

@Suite("Likes")
struct LikesTests {
    /// Per user: like rows are contiguous, in user order, subcategory ids strictly ascending in
    /// 1…20, counts positive and summing to `likedPosts`; lurkers have no rows.
    @Test func likeRowsAreConsistentWithLikedPosts() {
        let batch = Fixtures.mediumSample
        var row = 0
        var rowsOfActiveUsers = 0
        var activeUsers = 0
        for (index, id) in batch.ids.enumerated() {
            var sum = 0
            var previous: Int32 = 0
            let firstRow = row
            while row < batch.likeRowCount && batch.likeUserIDs[row] == id {
                let subcategory = batch.likeSubcategoryIDs[row]
                #expect(subcategory > previous && subcategory <= 20)
                #expect(batch.likeCounts[row] > 0)
                previous = subcategory
                sum += Int(batch.likeCounts[row])
                row += 1
            }
            #expect(sum == Int(batch.likedPosts[index]), "user \(id)")
            if batch.likedPosts[index] > 0 {
                activeUsers += 1
                rowsOfActiveUsers += row - firstRow
            }
        }
        #expect(row == batch.likeRowCount, "every like row belongs to a user, in order")
        let rowsPerUser = Double(batch.likeRowCount) / Double(batch.userCount)
        #expect(rowsPerUser > 6 && rowsPerUser < 9, "like rows per user \(rowsPerUser)")
        #expect(activeUsers < batch.userCount)
    }

    @Test func multinomialCountsSumToTrials() {
        var multinomial = Multinomial()
        var generator = SplitMixForTests.make(1)
        let p = [0.5, 0, 0.25, 0.125, 0.125]
        for trials in [0, 1, 2, 17, 1_000] {
            multinomial.draw(trials: trials, probabilities: p, using: &generator)
            #expect(multinomial.counts.count == 5)
            #expect(multinomial.counts.reduce(0, +) == Int32(trials))
            #expect(multinomial.counts[1] == 0, "zero probability is never drawn")
        }
    }

    /// Frequencies of 400,000 alias-table draws match the weights within 5 standard errors,
    /// for skewed weights that exercise the pairing (including a zero weight).
    @Test func aliasTableFrequenciesMatchWeights() {
        let weights = [3.0, 0.0, 0.01, 1.5, 0.2, 7.0, 0.29, 1.0]
        let total = weights.reduce(0, +)
        var table = AliasTable()
        table.build(weights: weights)
        var generator = SplitMixForTests.make(2)
        var counts = [Int32](repeating: 0, count: weights.count)
        let trials = 400_000
        counts.withUnsafeMutableBufferPointer { table.tally(trials: trials, into: $0, using: &generator) }
        for (index, weight) in weights.enumerated() {
            let p = weight / total
            let observed = Double(counts[index]) / Double(trials)
            let standardError = (p * (1 - p) / Double(trials)).squareRoot()
            #expect(abs(observed - p) <= 5 * standardError + 1e-9, "category \(index): \(observed) vs \(p)")
        }
        #expect(counts[1] == 0)
        // `sample` and `tally` draw the same categories from the same stream.
        var a = SplitMixForTests.make(3)
        var b = SplitMixForTests.make(3)
        var single = [Int32](repeating: 0, count: weights.count)
        for _ in 0..<1_000 { single[table.sample(using: &a)] += 1 }
        var tallied = [Int32](repeating: 0, count: weights.count)
        tallied.withUnsafeMutableBufferPointer { table.tally(trials: 1_000, into: $0, using: &b) }
        #expect(single == tallied)
    }
}
