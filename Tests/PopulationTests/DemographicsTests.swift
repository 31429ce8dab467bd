import Randomness
import Testing
@testable import Population

@Suite("Demographics")
struct DemographicsTests {
    let model = PopulationModel.standard

    /// Each country's postal code format as its postal service defines it (written here, not
    /// derived from the patterns); nil where the country has none.
    static let postalFormats: [String: String?] = [
        "US": #"\d{5}"#, "CA": #"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d"#, "MX": #"\d{5}"#,
        "AR": #"[A-HJ-NP-Z]\d{4}[A-Z]{3}"#, "CO": #"\d{6}"#, "BR": #"\d{5}-\d{3}"#, "AU": #"\d{4}"#,
        "GB": #"[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}"#, "IE": #"(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}"#,
        "ES": #"(?:0[1-9]|[1-4]\d|5[0-2])\d{3}"#, "PT": #"\d{4}-\d{3}"#, "FR": #"\d{5}"#, "BE": #"[1-9]\d{3}"#,
        "DE": #"\d{5}"#, "AT": #"[1-9]\d{3}"#, "CH": #"[1-9]\d{3}"#, "IT": #"\d{5}"#, "SE": #"[1-9]\d{2} \d{2}"#,
        "DK": #"[1-9]\d{3}"#, "NO": #"\d{4}"#, "PL": #"\d{2}-\d{3}"#, "TR": #"(?:0[1-9]|[1-7]\d|8[01])\d{3}"#,
        "EG": #"\d{5}"#, "SA": #"[1-9]\d{4}"#, "MA": #"\d{5}"#, "AE": nil, "NG": #"\d{6}"#, "GH": nil,
        "IN": #"[1-9]\d{5}"#, "CN": #"\d{6}"#, "SG": #"\d{6}"#, "TW": #"\d{6}"#, "JP": #"\d{3}-\d{4}"#,
        "KR": #"\d{5}"#, "VN": #"\d{5}"#,
    ]

    /// Numbers reserved for fiction, as the regulators publish them (see the README).
    static let fictionRanges: [String: String] = [
        "US": #"\+1[2-9]\d{2}55501\d{2}"#, "CA": #"\+1[2-9]\d{2}55501\d{2}"#,
        "GB": #"\+447700900\d{3}"#, "AU": #"\+61[2378]5550\d{4}"#, "SE": #"\+467017406(?:0[5-9]|[1-9]\d)"#,
    ]

    /// A brute-force age: whole years from `birth` to `day`.
    static func age(born birth: (year: Int, month: Int, day: Int), on day: (year: Int, month: Int, day: Int)) -> Int {
        day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day) ? 1 : 0)
    }

    @Test func everyCultureLivesInItsCountriesAndEveryUserHasAPlace() throws {
        let batch = Fixtures.mediumSample
        var seen = Set<String>()
        for row in 0..<batch.userCount {
            var identity = UserStreams(seed: Fixtures.seed, userID: batch.ids[row]).stream(.identity)
            var scratch = UserBatch(reservingUsers: 1)
            let culture = model.nameCultures[model.identities.append(id: batch.ids[row], using: &identity, to: &scratch)].name
            let allowed = Places.countriesByCulture[culture]?.map(\.code) ?? []
            #expect(allowed.contains(batch.countries[row]), "user \(batch.ids[row]) of culture \(culture) lives in \(batch.countries[row])")
            let country = try #require(Places.countries.first { $0.code == batch.countries[row] })
            #expect(country.cities.contains { $0.name == batch.cities[row] && $0.region == batch.regions[row] })
            seen.insert(batch.countries[row])
        }
        // 20,000 users reach every country of the tables.
        #expect(seen == Set(Places.countries.map(\.code)))
    }

    @Test func postalCodesFollowTheirCountrysFormat() throws {
        #expect(Set(Self.postalFormats.keys) == Set(Places.countries.map(\.code)))
        let regexes = try Self.postalFormats.mapValues { try $0.map { try Regex($0) } }
        let batch = Fixtures.mediumSample
        for row in 0..<batch.userCount {
            let format = regexes[batch.countries[row]] ?? nil
            if let format {
                let code = try #require(batch.postalCodes[row], "user \(batch.ids[row]) in \(batch.countries[row]) has no postal code")
                #expect(code.wholeMatch(of: format) != nil, "\(batch.countries[row]) postal code \(code)")
            } else {
                #expect(batch.postalCodes[row] == nil)
            }
        }
    }

    @Test func phonesAreE164OfTheCountryAndFictionalWhereReserved() throws {
        let fiction = try Self.fictionRanges.mapValues { try Regex($0) }
        let e164 = try Regex(#"\+[1-9]\d{7,14}"#)
        let batch = Fixtures.mediumSample
        var phones = 0
        for row in 0..<batch.userCount {
            guard let phone = batch.phones[row] else { continue }
            phones += 1
            let country = try #require(Places.countries.first { $0.code == batch.countries[row] })
            #expect(phone.wholeMatch(of: e164) != nil, "\(phone)")
            #expect(phone.hasPrefix("+\(country.callingCode)"), "\(phone) in \(country.code)")
            #expect(phone.utf8.count == 1 + String(country.callingCode).utf8.count + country.phoneDigits, "\(phone) in \(country.code)")
            if let range = fiction[country.code] {
                #expect(phone.wholeMatch(of: range) != nil, "\(phone) in \(country.code) is not in the reserved range")
                #expect(country.fiction != nil)
            } else {
                #expect(country.fiction == nil, "\(country.code) claims a reserved range the test does not know")
            }
        }
        // 80 % have a phone: sd of the share on 20,000 users is 0.003.
        #expect(abs(Double(phones) / Double(batch.userCount) - Places.phoneShare) < 0.012, "\(phones) phones")
    }

    @Test func dateOfBirthGivesExactlyTheAgeOnTheReferenceDay() throws {
        let asOf = CivilCalendar.date(ofDay: PopulationModel.defaultAsOf / CivilCalendar.secondsPerDay)
        let batch = Fixtures.mediumSample
        for row in 0..<batch.userCount {
            let parts = batch.birthDates[row].split(separator: "-").compactMap { Int($0) }
            try #require(parts.count == 3, "\(batch.birthDates[row])")
            let day = CivilCalendar.days(year: parts[0], month: parts[1], day: parts[2])
            #expect(CivilCalendar.isoDate(ofDay: day) == batch.birthDates[row], "not a real date: \(batch.birthDates[row])")
            #expect(Self.age(born: (parts[0], parts[1], parts[2]), on: asOf) == Int(batch.ages[row]), "\(batch.birthDates[row]) at age \(batch.ages[row])")
        }
        // With a timeline the day is its as-of.
        let timeline = InteractionModel(days: 30, asOf: CivilCalendar.days(year: 2024, month: 3, day: 1) * CivilCalendar.secondsPerDay + 100)
        var withTimeline = UserBatch(reservingUsers: 300)
        model.generate(seed: 5, ids: 1..<301, timeline: timeline, into: &withTimeline)
        for row in 0..<withTimeline.userCount {
            let parts = withTimeline.birthDates[row].split(separator: "-").compactMap { Int($0) }
            #expect(Self.age(born: (parts[0], parts[1], parts[2]), on: (2024, 3, 1)) == Int(withTimeline.ages[row]))
        }
    }

    /// The range of birth days is exactly the days giving the age (brute force around it), on
    /// ordinary days and around 29 February.
    @Test func birthDayRangesAreExactAroundLeapDays() {
        for asOf in [(2028, 2, 29), (2027, 2, 28), (2027, 3, 1), (2024, 3, 1), (2026, 11, 30), (2025, 1, 1), (2024, 12, 31)] {
            for age in [0, 1, 3, 4, 17, 90] {
                let range = DemographicsGenerator.birthDays(age: age, asOf: asOf)
                #expect((365...366).contains(range.upperBound - range.lowerBound + 1), "\(asOf) age \(age)")
                for day in (range.lowerBound - 400)...(range.upperBound + 400) {
                    let born = CivilCalendar.date(ofDay: day)
                    #expect((Self.age(born: born, on: asOf) == age) == range.contains(day), "\(asOf) age \(age) born \(born)")
                }
            }
        }
    }

    /// P(gender | persona) on 50,000 users matches `Persona.genderWeights`: with about 12,000
    /// users per persona a share's sd is at most 0.0046, so 0.02 is over 4 sd and a swapped or
    /// missing effect (female shares differ by 0.18 or more) fails.
    @Test func genderSharesPerPersonaFollowThePlantedWeights() {
        let batch = Fixtures.largeSample
        var counts = [[Int]](repeating: [0, 0, 0, 0], count: model.personas.count)
        for row in 0..<50_000 {
            counts[Int(batch.personaIDs[row]) - 1][Int(batch.genders[row].rawValue)] += 1
        }
        for (index, persona) in model.personas.enumerated() {
            let total = Double(counts[index].reduce(0, +))
            for gender in PopulationGender.allCases {
                let share = Double(counts[index][Int(gender.rawValue)]) / total
                #expect(abs(share - persona.genderWeights[Int(gender.rawValue)]) < 0.02, "persona \(persona.id) \(gender.label): \(share)")
            }
        }
        let fashionistaFemale = Double(counts[1][0]) / Double(counts[1].reduce(0, +))
        let sportsFemale = Double(counts[0][0]) / Double(counts[0].reduce(0, +))
        #expect(fashionistaFemale - sportsFemale > 0.25)
    }

    @Test func genderWeightsAreDistributions() {
        for persona in model.personas {
            #expect(abs(persona.genderWeights.reduce(0, +) - 1) < 1e-12)
            #expect(persona.genderWeights[3] == 0.06 && persona.genderWeights[2] == 0.01)
        }
        #expect(model.personaGenderWeightTable.count == 16)
        #expect(model.personas.map { ($0.genderWeights[0] / 0.93 * 100).rounded() } == [36, 68, 54, 58])
    }
}
