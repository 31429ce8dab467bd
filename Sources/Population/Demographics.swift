import Randomness

/// Draws who a user is beyond name and age: gender, place, phone and date of birth, each from its
/// own stream, after the identity, age and persona (whose draws it does not touch):
///
/// 1. `.gender`: one uniform against the cumulative `Persona.genderWeights` of the user's persona
///    (female, male, other, undisclosed);
/// 2. `.place`: one uniform against the culture's cumulative country weights
///    (`Places.countriesByCulture`), a city uniform among the country's, then one uniform draw per
///    `#` (a digit) and per `?` (a character of the country's alphabet) of the city's postal pattern;
/// 3. `.phone`: one uniform, below `Places.phoneShare` the user has a phone; then the random part
///    of the national number, uniform over `phoneLowest…10^k − 1` (k = its digits);
/// 4. `.birthDate`: a day uniform over the days of birth that make the user exactly `age` whole
///    years old on the day of `asOf` (UTC): after the same month and day `age + 1` years earlier,
///    up to and including that day `age` years earlier (a 29 February that year does not exist
///    in becomes 28 February, so someone born on 29 February turns a year older on 1 March in
///    common years).
///
/// Per user nothing is allocated beyond the batch's own growth: postal codes, phone numbers and
/// dates have at most 15 UTF-8 bytes (Swift keeps them inline), and region and city names are
/// shared from the tables.
struct DemographicsGenerator: Sendable {
    /// A city with its bytes ready for writing.
    struct City: Sendable {
        let name: String
        let region: String
        let postalPattern: [UInt8]?
        /// "+", the calling code and the city's phone prefix.
        let phoneHead: [UInt8]
        /// Digits drawn after `phoneHead`, and one past their largest value (10^digits).
        let phoneRandomDigits: Int
        let phoneBound: Int
    }

    struct Country: Sendable {
        let code: String
        let alphabet: [UInt8]
        let cities: [City]
        /// The smallest value of the digits drawn after a city's `phoneHead`.
        let phoneLowest: Int
    }

    let countries: [Country]
    /// Per name culture (in the model's order): country indices and cumulative weights (last = 1).
    let cultureCountries: [[Int]]
    let cultureCumulative: [[Double]]
    /// Per persona index: cumulative gender weights (last = 1), in `PopulationGender` order.
    let genderCumulative: [[Double]]
    let phoneShare: Double

    /// - Precondition: every culture has countries in `countriesByCulture`, each of them in
    ///   `countries`, with positive weights; every persona's gender weights are 4 non-negative
    ///   numbers summing to 1 (± 1e-9); every phone fits E.164 (at most 15 digits).
    init(cultures: [NameCulture], personas: [Persona], countries source: [PlaceCountry] = Places.countries,
         countriesByCulture: [String: [(code: String, weight: Double)]] = Places.countriesByCulture,
         phoneShare: Double = Places.phoneShare) {
        var countries: [Country] = []
        var indexByCode: [String: Int] = [:]
        for country in source {
            precondition(indexByCode[country.code] == nil, "country \(country.code) is listed twice")
            precondition(!country.cities.isEmpty, "country \(country.code) needs cities")
            indexByCode[country.code] = countries.count
            let calling = Array("+\(country.callingCode)".utf8)
            countries.append(Country(
                code: country.code, alphabet: Array(country.postalAlphabet.utf8),
                cities: country.cities.map { city in
                    let randomDigits = country.phoneDigits - city.phonePrefix.utf8.count
                    precondition(randomDigits >= 1 && randomDigits <= 9, "city \(city.name) needs 1…9 random phone digits, has \(randomDigits)")
                    precondition(calling.count - 1 + country.phoneDigits <= 15, "phones of \(country.code) exceed E.164's 15 digits")
                    if let pattern = city.postalPattern {
                        precondition(pattern.utf8.count <= 15, "postal pattern \(pattern) is too long")
                        precondition(!pattern.contains("?") || !country.postalAlphabet.isEmpty, "\(country.code) needs a postal alphabet")
                    }
                    precondition(country.phoneLowest >= 0 && country.phoneLowest < Self.power10(randomDigits),
                                 "phoneLowest of \(country.code) out of range")
                    return City(name: city.name, region: city.region, postalPattern: city.postalPattern.map { Array($0.utf8) },
                                phoneHead: calling + Array(city.phonePrefix.utf8),
                                phoneRandomDigits: randomDigits, phoneBound: Self.power10(randomDigits))
                },
                phoneLowest: country.phoneLowest))
        }
        var cultureCountries: [[Int]] = []
        var cultureCumulative: [[Double]] = []
        for culture in cultures {
            guard let list = countriesByCulture[culture.name], !list.isEmpty else {
                preconditionFailure("name culture \(culture.name) has no countries")
            }
            let total = list.reduce(0) { $0 + $1.weight }
            var running = 0.0
            var indices: [Int] = []
            var cumulative: [Double] = []
            for (code, weight) in list {
                guard let index = indexByCode[code] else { preconditionFailure("country \(code) of culture \(culture.name) has no places") }
                precondition(weight > 0 && weight.isFinite, "country \(code) of culture \(culture.name) needs a positive weight")
                running += weight
                indices.append(index)
                cumulative.append(running / total)
            }
            cumulative[cumulative.count - 1] = 1
            cultureCountries.append(indices)
            cultureCumulative.append(cumulative)
        }
        genderCumulative = personas.map { persona in
            precondition(persona.genderWeights.count == PopulationGender.allCases.count && persona.genderWeights.allSatisfy { $0 >= 0 && $0.isFinite },
                         "persona \(persona.id) needs 4 gender weights >= 0, got \(persona.genderWeights)")
            var running = 0.0
            var row = persona.genderWeights.map { weight -> Double in
                running += weight
                return running
            }
            precondition(abs(running - 1) <= 1e-9, "gender weights of persona \(persona.id) sum to \(running), need 1")
            row[row.count - 1] = 1
            return row
        }
        precondition((0...1).contains(phoneShare), "phoneShare must be in 0…1, got \(phoneShare)")
        self.countries = countries
        self.cultureCountries = cultureCountries
        self.cultureCumulative = cultureCumulative
        self.phoneShare = phoneShare
    }

    static func power10(_ exponent: Int) -> Int {
        var value = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Index of the first cumulative weight above `u` (the last when none is).
    static func pick(_ u: Double, _ cumulative: [Double]) -> Int {
        var index = 0
        while index < cumulative.count - 1 && u >= cumulative[index] {
            index += 1
        }
        return index
    }

    /// Appends the gender, place, phone and date of birth of the user of `streams` (name culture
    /// index `culture`, persona index `persona`, `age` years) to `batch`; `asOfDay` is the
    /// (year, month, day) of the reference moment.
    func append(streams: UserStreams, culture: Int, persona: Int, age: Int,
                asOfDay: (year: Int, month: Int, day: Int), to batch: inout UserBatch) {
        var genderStream = streams.stream(.gender)
        let gender = PopulationGender(rawValue: Int8(Self.pick(genderStream.uniform01(), genderCumulative[persona]))) ?? .undisclosed
        batch.genders.append(gender)

        var placeStream = streams.stream(.place)
        let country = countries[cultureCountries[culture][Self.pick(placeStream.uniform01(), cultureCumulative[culture])]]
        let city = country.cities[placeStream.uniformIndex(below: country.cities.count)]
        batch.countries.append(country.code)
        batch.regions.append(city.region)
        batch.cities.append(city.name)
        if let pattern = city.postalPattern {
            batch.postalCodes.append(String(unsafeUninitializedCapacity: pattern.count) { buffer in
                for (index, byte) in pattern.enumerated() {
                    switch byte {
                    case UInt8(ascii: "#"): buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: placeStream.uniformIndex(below: 10))
                    case UInt8(ascii: "?"): buffer[index] = country.alphabet[placeStream.uniformIndex(below: country.alphabet.count)]
                    default: buffer[index] = byte
                    }
                }
                return pattern.count
            })
        } else {
            batch.postalCodes.append(nil)
        }

        var phoneStream = streams.stream(.phone)
        if phoneStream.uniform01() < phoneShare {
            let value = country.phoneLowest + phoneStream.uniformIndex(below: city.phoneBound - country.phoneLowest)
            let head = city.phoneHead
            let digits = city.phoneRandomDigits
            batch.phones.append(String(unsafeUninitializedCapacity: head.count + digits) { buffer in
                for (index, byte) in head.enumerated() { buffer[index] = byte }
                var position = head.count
                IdentityGenerator.writeDecimal(Int64(value), digits: digits, into: buffer, at: &position)
                return position
            })
        } else {
            batch.phones.append(nil)
        }

        var birthStream = streams.stream(.birthDate)
        let range = Self.birthDays(age: age, asOf: asOfDay)
        let day = range.lowerBound + Int64(birthStream.uniformIndex(below: Int(range.upperBound - range.lowerBound + 1)))
        batch.birthDates.append(Self.isoDate(ofDay: day))
    }

    /// The day numbers of birth that make someone exactly `age` whole years old on `asOf` (a
    /// proleptic Gregorian date): from the day after (year − age − 1, month, day) to
    /// (year − age, month, day), a 29 February that does not exist becoming the 28th. 365 or 366 days.
    static func birthDays(age: Int, asOf: (year: Int, month: Int, day: Int)) -> ClosedRange<Int64> {
        func day(_ year: Int) -> Int64 {
            CivilCalendar.days(year: year, month: asOf.month, day: min(asOf.day, CivilCalendar.daysIn(month: asOf.month, year: year)))
        }
        return (day(asOf.year - age - 1) + 1)...day(asOf.year - age)
    }

    /// "YYYY-MM-DD" of day number `day` (years 0…9999), written in place (10 bytes, inline).
    static func isoDate(ofDay day: Int64) -> String {
        let (year, month, dayOfMonth) = CivilCalendar.date(ofDay: day)
        return String(unsafeUninitializedCapacity: 10) { buffer in
            var position = 0
            IdentityGenerator.writeDecimal(Int64(year), digits: 4, into: buffer, at: &position)
            buffer[position] = UInt8(ascii: "-")
            position += 1
            IdentityGenerator.writeDecimal(Int64(month), digits: 2, into: buffer, at: &position)
            buffer[position] = UInt8(ascii: "-")
            position += 1
            IdentityGenerator.writeDecimal(Int64(dayOfMonth), digits: 2, into: buffer, at: &position)
            return position
        }
    }
}
