import WarehouseSupport

/// The optional demographic columns of `users.csv`, each read to the form `users` stores
/// (migration 0011) or refused with the value: an empty field (after trimming white space) is
/// "not given" and stored NULL.
///
/// - gender: `Gender.parse` (female/f/woman/w, male/m/man, other/o/non-binary/x/diverse/d; the
///   "not disclosed" words are NULL).
/// - country: ISO 3166-1 alpha-2 in any case → upper case (`Country(code:)`); "UK" is refused
///   with a hint for GB.
/// - region, city (≤ 200 characters), postal_code (≤ 20, upper-cased): trimmed, printable text.
///   Characters are Unicode scalars, as SQLite's `length()` counts them in the schema's CHECKs.
/// - phone: E.164 (`normalizedPhone`).
/// - date_of_birth: `YYYY-MM-DD`, a real date, not after `today`, within a year of `age`
///   (`checkedBirthDate`).
struct UserDemographics: Equatable {
    var gender: String?
    var country: String?
    var region: String?
    var city: String?
    var postalCode: String?
    var phone: String?
    var dateOfBirth: String?

    /// The columns, in the order of `values` (and of `ImportTables.demographicColumns`).
    static let columns = ["gender", "country", "region", "city", "postal_code", "phone", "date_of_birth"]
    static let maximumPlaceCharacters = 200
    static let maximumPostalCodeCharacters = 20
    /// E.164: at most 15 digits after "+"; 8 is the fewest the schema stores.
    static let phoneDigits = 8...15
    /// How far the export's `age` may be from the whole years since `date_of_birth` at import:
    /// an export is a snapshot, and its age may be computed a little before or after the import.
    static let ageTolerance: Int64 = 1

    var values: [String?] { [gender, country, region, city, postalCode, phone, dateOfBirth] }

    /// Positions of the demographic columns in a record (nil: not in the file).
    struct Positions {
        let gender, country, region, city, postalCode, phone, dateOfBirth: Int?

        /// nil when the file has none of the columns, so that a file without them costs nothing.
        init?(_ file: ImportFile) {
            gender = file.columns["gender"]
            country = file.columns["country"]
            region = file.columns["region"]
            city = file.columns["city"]
            postalCode = file.columns["postal_code"]
            phone = file.columns["phone"]
            dateOfBirth = file.columns["date_of_birth"]
            guard [gender, country, region, city, postalCode, phone, dateOfBirth].contains(where: { $0 != nil }) else { return nil }
        }

        /// Whether the file has demographic column `column`.
        func contains(_ column: String) -> Bool {
            let position: Int?? = switch column {
            case "gender": gender
            case "country": country
            case "region": region
            case "city": city
            case "postal_code": postalCode
            case "phone": phone
            case "date_of_birth": dateOfBirth
            default: .none
            }
            return position.flatMap { $0 } != nil
        }
    }

    /// The current record's demographics, or the first problem with them.
    static func read(_ reader: CSVReader, _ at: Positions, age: Int64, today: CivilDate) -> Result<UserDemographics, ImportRowProblem> {
        var result = UserDemographics()
        do throws(ImportRowProblem) {
            func text(_ position: Int?, _ column: String) throws(ImportRowProblem) -> String? {
                guard let position else { return nil }
                var field = reader.field(position)
                // ASCII white space off the ends on bytes; Unicode's (a no-break space…) only when
                // an end is not ASCII: `isWhitespace` on every field was a third of the parsing time.
                while let first = field.first, Self.isASCIISpace(first) { field = field.dropFirst() }
                while let last = field.last, Self.isASCIISpace(last) { field = field.dropLast() }
                guard let first = field.first, let last = field.last else { return nil }
                guard field.isValidUTF8 else { throw ImportRowProblem("column \(column) is not UTF-8 text") }
                let text = String(decoding: field, as: UTF8.self)
                guard first >= 0x80 || last >= 0x80 else { return text }
                let trimmed = text.trimmingWhitespace()
                return trimmed.isEmpty ? nil : String(trimmed)
            }
            if let value = try text(at.gender, "gender") {
                guard let gender = Gender.parse(value) else {
                    throw ImportRowProblem("column gender: \(quotedValue(value)) is not a gender (female, f, woman, w; male, m, man; other, o, non-binary, x, diverse, d; unknown, u, undisclosed, prefer not to say, n/a or empty for not disclosed)")
                }
                result.gender = gender?.rawValue
            }
            if let value = try text(at.country, "country") {
                guard let country = Country(code: value) else { throw ImportRowProblem("column country: \(quotedValue(value)) \(countryHint(value))") }
                result.country = country.code
            }
            result.region = try place(try text(at.region, "region"), "region", limit: maximumPlaceCharacters)
            result.city = try place(try text(at.city, "city"), "city", limit: maximumPlaceCharacters)
            result.postalCode = try place(try text(at.postalCode, "postal_code"), "postal_code", limit: maximumPostalCodeCharacters)?.uppercased()
            if let value = try text(at.phone, "phone") {
                result.phone = try normalizedPhone(value, country: result.country.flatMap { Country(code: $0) }).get()
            }
            if let value = try text(at.dateOfBirth, "date_of_birth") {
                result.dateOfBirth = try checkedBirthDate(value, age: age, today: today).get()
            }
        } catch {
            return .failure(error)
        }
        return .success(result)
    }

    /// Space, tab, line feed, vertical tab, form feed, carriage return.
    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// Why `value` is not a country code, with the code meant where it is clear.
    static func countryHint(_ value: String) -> String {
        let upper = value.uppercased()
        if upper == "UK" { return "is not an ISO 3166-1 alpha-2 code (the United Kingdom is GB)" }
        if let named = Country.allCodes.lazy.compactMap({ Country(code: $0) }).first(where: { $0.name.uppercased() == upper }) {
            return "is a country name, not an ISO 3166-1 alpha-2 code (\(named.name) is \(named.code))"
        }
        return "is not an ISO 3166-1 alpha-2 country code"
    }

    /// A trimmed region, city or postal code: printable (no control, format or separator characters:
    /// `isUnprintable`) and at most
    /// `limit` characters (Unicode scalars).
    static func place(_ value: String?, _ column: String, limit: Int) throws(ImportRowProblem) -> String? {
        guard let value else { return nil }
        // Printable ASCII, the usual case, without looking up each scalar's category.
        if value.utf8.count <= limit, value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return value }
        guard !value.unicodeScalars.contains(where: isUnprintable) else {
            throw ImportRowProblem("column \(column): \(quotedValue(value)) holds control or invisible characters")
        }
        guard value.unicodeScalars.count <= limit else {
            throw ImportRowProblem("column \(column): \(quotedValue(value)) is longer than \(limit) characters")
        }
        return value
    }

    /// `text` as E.164 ("+" and 8–15 digits, the first not 0), or the problem.
    ///
    /// Spaces, dashes, dots and parentheses are dropped, and "(0)" after an international prefix
    /// (the trunk zero some write in "+49 (0)30 …") with them. "+" or "00" starts an
    /// international number; any other is national and takes `country`'s calling code, its one
    /// leading trunk "0" dropped ("030 1234567" in DE → "+49301234567"). Nothing else is read:
    /// letters (extensions, vanity numbers) and other characters are refused.
    static func normalizedPhone(_ text: String, country: Country?) -> Result<String, ImportRowProblem> {
        func refuse(_ why: String) -> Result<String, ImportRowProblem> { .failure(ImportRowProblem("column phone: \(quotedValue(text)) \(why)")) }
        var digits: [UInt8] = []
        var plus = false
        var trunkZeros: [Int] = []   // where "(0)" stood, as a count of digits before it
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value))
            case "+":
                guard digits.isEmpty, !plus else { return refuse("has a \"+\" that does not start it") }
                plus = true
            case "(" where scalars.starts(with: ["0", ")"]):
                trunkZeros.append(digits.count)
                scalars = scalars.dropFirst(2)
            case " ", "-", ".", "(", ")": continue
            default:
                if scalar.properties.isAlphabetic { return refuse("holds letters") }
                return refuse("holds \(quotedValue(String(scalar))), not a phone number character")
            }
        }
        guard !digits.isEmpty else { return refuse("has no digits") }
        if !plus && digits.starts(with: Array("00".utf8)) {
            digits.removeFirst(2)
            trunkZeros = trunkZeros.map { $0 - 2 }
            plus = true
        }
        if plus {
            // "+49 (0)30 …": the trunk zero after the country code, not dialled from abroad.
            guard trunkZeros.allSatisfy({ $0 > 0 }) else { return refuse("has \"(0)\" before the country code") }
        } else {
            // "(0)30 …": the trunk zero, written apart; elsewhere in a national number it is no form we know.
            guard trunkZeros.allSatisfy({ $0 == 0 }) else { return refuse("has \"(0)\" inside a national number") }
            guard let country else { return refuse("has no country code and the row has no country") }
            guard let calling = country.callingCode else { return refuse("has no country code and \(country.code) has no calling code") }
            if trunkZeros.isEmpty, digits.first == UInt8(ascii: "0") { digits.removeFirst() }
            digits = Array(String(calling).utf8) + digits
        }
        guard digits.first != UInt8(ascii: "0") else { return refuse("has a country code starting with 0") }
        guard phoneDigits.contains(digits.count) else {
            return refuse("has \(digits.count) digits after \"+\" in E.164 form, not \(phoneDigits.lowerBound) to \(phoneDigits.upperBound)")
        }
        return .success("+" + String(decoding: digits, as: UTF8.self))
    }

    /// `text` if it is an ISO date `YYYY-MM-DD` that exists, is not after `today` and gives
    /// whole years within `ageTolerance` of `age` at `today`; else the problem.
    static func checkedBirthDate(_ text: String, age: Int64, today: CivilDate) -> Result<String, ImportRowProblem> {
        func refuse(_ why: String) -> Result<String, ImportRowProblem> { .failure(ImportRowProblem("column date_of_birth: \(quotedValue(text)) \(why)")) }
        guard let date = CivilDate(iso: text) else {
            return refuse(CivilDate.isISOShaped(text) ? "is not a date in the calendar" : "is not an ISO date YYYY-MM-DD")
        }
        guard date <= today else { return refuse("is after today (\(today), UTC)") }
        let years = date.wholeYears(until: today)
        guard abs(years - age) <= ageTolerance else {
            return refuse("makes the user \(years) today (\(today), UTC), the row's age is \(age)")
        }
        return .success(text)
    }
}
