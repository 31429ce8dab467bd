import Population

/// The planted truth of a seeded warehouse, to score rankers against: each user's expected
/// interests over a horizon after a moment T, recomputed from the generator that wrote the rows
/// (`PopulationModel.preference(seed:userID:timeline:at:horizonSeconds:into:)`), not read from them.
///
/// It exists only when the rows are known to be that generator's: `seed_batches` has at least one
/// batch, every batch is generator v4 (`PopulationModel.timelineGeneratorVersion`; v2 batches, written
/// before demographics, have none) with a seed in
/// 0…Int64.max, ids from 1 and `users = last − first + 1`, the batches' id ranges are disjoint,
/// and each batch's stored `parameters` text is, byte for byte, what the seed command writes for
/// the standard model and that batch's period:
/// `PopulationModel.standard.parametersDescription(timeline: InteractionModel(days:asOf:))`, with
/// `days` and `as_of` taken from the text's `interactions` object. An imported, older (v1),
/// hand-edited or hostile warehouse gets nil, never a wrong truth. (v4 draws the same preferences
/// as v2; only its `parameters` text, with demographics, differs.) (The planted truth is that of
/// the parameters: a later hand edit of the users or interactions does not change it.)
package struct PlantedTruth: Sendable {
    /// A batch's users `firstUserID…lastUserID`, generated from `seed` over `timeline`'s period.
    struct Batch: Sendable {
        let firstUserID: Int64
        let lastUserID: Int64
        let seed: UInt64
        let timeline: InteractionModel
    }

    /// Ascending by `firstUserID`, ranges disjoint.
    let batches: [Batch]
    let model: PopulationModel

    /// A parameters text longer than this many characters is no seed's (the standard one with interactions has about 12,100).
    static let longestParameters = 65_536

    /// The truth of the warehouse, or nil (see the type). Call inside a read transaction
    /// (`store.snapshot`), so the batches are read in one state.
    /// - Parameter subcategoryIDs: the caller's columns; nil unless they are the generator's
    ///   subcategory ids 1…s in order, so `out[j]` of `preference` is the caller's column j.
    package static func load(_ store: WarehouseStore, subcategoryIDs: [Int]) throws -> PlantedTruth? {
        let model = PopulationModel.standard
        guard subcategoryIDs == model.subcategories.map(\.id) else { return nil }
        var expected: [String: InteractionModel] = [:]
        var batches: [Batch] = []
        for (row, parameters) in try SeedBatchesTable.allWithParameters(maxCharacters: longestParameters, store) {
            guard row.generatorVersion == Int64(PopulationModel.timelineGeneratorVersion), row.seed >= 0, row.firstUserID >= 1,
                  row.lastUserID >= row.firstUserID, row.lastUserID - row.firstUserID == row.users - 1,
                  let parameters, let timeline = expected[parameters] ?? timeline(describedBy: parameters, for: model) else {
                return nil
            }
            expected[parameters] = timeline
            batches.append(Batch(firstUserID: row.firstUserID, lastUserID: row.lastUserID, seed: UInt64(row.seed), timeline: timeline))
        }
        batches.sort { $0.firstUserID < $1.firstUserID }
        guard !batches.isEmpty, zip(batches, batches.dropFirst()).allSatisfy({ $0.lastUserID < $1.firstUserID }) else { return nil }
        return PlantedTruth(batches: batches, model: model)
    }

    /// The timeline whose description by `model` is exactly `parameters`, or nil: its `days` and
    /// `as_of` are read from the `interactions` object (keys sorted, so `as_of` comes first) and
    /// checked against `InteractionModel`'s domain before one is built and described.
    static func timeline(describedBy parameters: String, for model: PopulationModel) -> InteractionModel? {
        let bytes = Array(parameters.utf8)
        guard let asOf = integer(after: #""interactions":{"as_of":"#, in: bytes, from: 0),
              let days = integer(after: #","days":"#, in: bytes, from: asOf.end),
              (1...Int64(InteractionModel.maximumDays)).contains(days.value),
              asOf.value >= days.value * CivilCalendar.secondsPerDay, asOf.value < InteractionModel.latestMoment else { return nil }
        let timeline = InteractionModel(days: Int(days.value), asOf: asOf.value)
        return model.parametersDescription(timeline: timeline) == parameters ? timeline : nil
    }

    /// The decimal integer (an optional "-" and 1…18 digits) right after the first `key` at or
    /// after byte `start` of `bytes`, and the byte after it; nil when there is none.
    static func integer(after key: String, in bytes: [UInt8], from start: Int) -> (value: Int64, end: Int)? {
        let key = Array(key.utf8)
        guard start <= bytes.count - key.count,
              let at = (start...(bytes.count - key.count)).first(where: { bytes[$0..<($0 + key.count)].elementsEqual(key) }) else {
            return nil
        }
        var index = at + key.count
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 18 {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits > 0 ? (negative ? -value : value, index) : nil
    }

    /// Writes user `userID`'s expected share of interactions per subcategory over
    /// `(moment, moment + horizonSeconds]` into `out` (index j = subcategory id j + 1), from its
    /// batch's seed and period; false, `out` untouched, when no batch holds the user or the
    /// generator has no preference for it (0 liked posts, or a horizon outside 1970…9999).
    /// A binary search over the batches and one user's draws: nothing is allocated.
    /// - Precondition: `out.count` is the number of subcategories.
    package func preference(userID: Int64, at moment: Int64, horizonSeconds: Int64, into out: inout [Double]) -> Bool {
        truth(userID: userID, at: moment, horizonSeconds: horizonSeconds, into: &out) != nil
    }

    /// `preference(userID:at:horizonSeconds:into:)`, returning the persona id in force at `moment` (nil for false).
    package func truth(userID: Int64, at moment: Int64, horizonSeconds: Int64, into out: inout [Double]) -> Int? {
        var low = 0, high = batches.count
        while low < high {
            let middle = (low + high) / 2
            if batches[middle].firstUserID <= userID { low = middle + 1 } else { high = middle }
        }
        guard low > 0, userID <= batches[low - 1].lastUserID else { return nil }
        let batch = batches[low - 1]
        return model.preference(seed: batch.seed, userID: userID, timeline: batch.timeline, at: moment,
                                horizonSeconds: horizonSeconds, into: &out)
    }
}
