import Testing
@testable import Population

@Suite("Personas")
struct PersonaTests {
    let model = PopulationModel.standard

    @Test func fourPersonasOnePerCategory() {
        #expect(model.personas.map(\.id) == [1, 2, 3, 4])
        #expect(model.personas.map(\.categoryID) == [1, 2, 3, 4])
        #expect(model.personas.map(\.name) == ["Sports fan", "Fashionista", "Foodie", "Pet lover"])
        for persona in model.personas {
            #expect(persona.alpha.count == 20)
            #expect(persona.alpha.allSatisfy { $0 > 0 })
            // About three quarters of a persona's likes fall in its home category.
            #expect(abs(persona.expectedHomeShare - 0.75) < 0.03, "persona \(persona.id): \(persona.expectedHomeShare)")
        }
    }

    @Test func ageGroupWeightsAreDistributions() {
        for group in AgeGroup.all {
            let weights = model.personaWeights(ageGroup: group)
            #expect(weights.count == 4)
            #expect(abs(weights.reduce(0, +) - 1) < 1e-12, "group \(group.label)")
        }
        let table = model.personaWeightTable
        #expect(table.count == 28)
        #expect(table.first?.personaID == 1 && table.first?.ageGroupLabel == "<18")
        #expect(table.last?.personaID == 4 && table.last?.ageGroupLabel == "65+")
        #expect(table.first(where: { $0.personaID == 4 && $0.ageGroupLabel == "65+" })?.weight == 0.55)
    }

    /// Persona shares observed per age group follow the planted table, so "favourite category by
    /// age group" carries signal.
    @Test func personaShareVariesWithAge() {
        let batch = Fixtures.largeSample
        var counts = [[Int]](repeating: [0, 0, 0, 0], count: 7)
        for (age, persona) in zip(batch.ages, batch.personaIDs) {
            counts[AgeGroup.index(containing: Int(age))][Int(persona) - 1] += 1
        }
        func share(persona: Int, group: Int) -> Double {
            Double(counts[group][persona - 1]) / Double(counts[group].reduce(0, +))
        }
        #expect(counts[0].reduce(0, +) > 1_000 && counts[6].reduce(0, +) > 1_000)
        #expect(share(persona: 4, group: 6) > share(persona: 4, group: 0) + 0.3)
        #expect(share(persona: 1, group: 0) > share(persona: 1, group: 6) + 0.3)
        for group in 0..<7 {
            for persona in 1...4 {
                let expected = model.personas[persona - 1].ageGroupWeights[group]
                #expect(abs(share(persona: persona, group: group) - expected) < 0.05, "persona \(persona) group \(group)")
            }
        }
    }

    /// The planted structure is recoverable: a user's top category (by like count) is the
    /// persona's home category for ≥ 93 % of users with ≥ 5 likes, and that labelling has an
    /// adjusted Rand index ≥ 0.9 against the personas.
    @Test func personasAreRecoverable() {
        let batch = Fixtures.mediumSample
        var categoryLikes = [[Int]](repeating: [0, 0, 0, 0], count: batch.userCount)
        var row = 0
        for (userIndex, id) in batch.ids.enumerated() {
            while row < batch.likeRowCount && batch.likeUserIDs[row] == id {
                categoryLikes[userIndex][Catalog.categoryID(ofSubcategory: Int(batch.likeSubcategoryIDs[row])) - 1] += Int(batch.likeCounts[row])
                row += 1
            }
        }
        var predicted: [Int] = []
        var truth: [Int] = []
        for userIndex in 0..<batch.userCount where batch.likedPosts[userIndex] >= 5 {
            let likes = categoryLikes[userIndex]
            let top = likes.indices.max { likes[$0] < likes[$1] } ?? 0
            predicted.append(top + 1)
            truth.append(Int(batch.personaIDs[userIndex]))
        }
        let agreement = Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
        let ari = Stats.adjustedRandIndex(predicted, truth)
        #expect(truth.count > 18_000)
        #expect(agreement >= 0.93, "top-category agreement \(agreement)")
        #expect(ari >= 0.9, "ARI \(ari)")
    }
}
