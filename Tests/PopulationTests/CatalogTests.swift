import Testing
@testable import Population

@Suite("Catalog and age groups")
struct CatalogTests {
    @Test func categoriesHaveStableIDs() {
        #expect(Catalog.categories.map(\.id) == [1, 2, 3, 4])
        #expect(Catalog.categories.map(\.name) == ["sports", "fashion", "food", "pets"])
    }

    @Test func subcategoriesAreGroupedByCategoryInOrder() {
        let subcategories = Catalog.subcategories
        #expect(subcategories.count == 20)
        #expect(subcategories.map(\.id) == Array(1...20))
        for subcategory in subcategories {
            #expect(subcategory.categoryID == (subcategory.id - 1) / 5 + 1)
            #expect(Catalog.categoryID(ofSubcategory: subcategory.id) == subcategory.categoryID)
        }
        #expect(Set(subcategories.map(\.name)).count == 20)
        #expect(subcategories.prefix(5).map(\.name) == ["football", "basketball", "running", "cycling", "tennis"])
        #expect(subcategories[15].name == "dogs" && subcategories[16].name == "cats")
    }

    @Test func modelExposesTheCatalogue() {
        let model = PopulationModel.standard
        #expect(model.categories == Catalog.categories)
        #expect(model.subcategories == Catalog.subcategories)
    }

    @Test func everyAgeFallsInExactlyOneGroup() {
        #expect(AgeGroup.all.map(\.label) == ["<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"])
        #expect(AgeGroup.all.map(\.index) == Array(0..<7))
        for age in -5...130 {
            let containing = AgeGroup.all.filter { $0.contains(age: age) }
            #expect(containing.count == 1, "age \(age)")
            #expect(containing.first == AgeGroup.containing(age: age))
            #expect(AgeGroup.index(containing: age) == AgeGroup.containing(age: age).index)
        }
        #expect(AgeGroup.label(forAge: 17) == "<18")
        #expect(AgeGroup.label(forAge: 18) == "18-24")
        #expect(AgeGroup.label(forAge: 34) == "25-34")
        #expect(AgeGroup.label(forAge: 65) == "65+")
        #expect(AgeGroup.all[0].lowerBound == nil && AgeGroup.all[6].upperBound == nil)
    }
}
