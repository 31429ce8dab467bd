import Foundation
import Testing
@testable import Population

@Suite("Parameters description")
struct ParametersTests {
    @Test func isDeterministicValidJSONWithEveryParameter() throws {
        let text = PopulationModel.standard.parametersDescription
        #expect(text == PopulationModel().parametersDescription)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let root = try #require(object as? [String: Any])
        #expect(Set(root.keys) == [
            "age", "age_groups", "categories", "demographics", "email_domains", "generator_version", "liked_posts",
            "name_cultures", "personas", "stream_fields", "subcategories", "username_patterns",
        ])
        #expect(root["generator_version"] as? Int == PopulationModel.generatorVersion)
        let age = try #require(root["age"] as? [String: Any])
        #expect(age["location_xi"] as? Double == 17)
        #expect(age["scale_omega"] as? Double == 22)
        #expect(age["shape_alpha"] as? Double == 6)
        let likes = try #require(root["liked_posts"] as? [String: Any])
        #expect(likes["lurker_share"] as? Double == 0.02)
        let personas = try #require(root["personas"] as? [[String: Any]])
        #expect(personas.count == 4)
        #expect((personas[0]["dirichlet_alpha"] as? [Double])?.count == 20)
        #expect((personas[3]["weight_by_age_group"] as? [String: Double])?["65+"] == 0.55)
        #expect((personas[0]["weight_by_gender"] as? [String: Double])?["undisclosed"] == 0.06)
        let demographics = try #require(root["demographics"] as? [String: Any])
        #expect(demographics["date_of_birth_as_of"] as? Int == Int(PopulationModel.defaultAsOf))
        #expect((demographics["countries"] as? [Any])?.count == Places.countries.count)
        #expect((demographics["countries_by_culture"] as? [String: Any])?.count == NameLists.cultures.count)
        // Keys are written sorted: the text starts with the alphabetically first key.
        #expect(text.hasPrefix("{\"age\":{\"distribution\""))
    }

    @Test func jsonEscapesStrings() {
        let text = JSONText.object(["b": .string("quote \" backslash \\ newline \n tab \t bell \u{07}"), "a": .integer(-1), "c": .array([.number(0.5), .number(2)])]).rendered
        #expect(text == #"{"a":-1,"b":"quote \" backslash \\ newline \n tab \t bell \u0007","c":[0.5,2.0]}"#)
    }
}
