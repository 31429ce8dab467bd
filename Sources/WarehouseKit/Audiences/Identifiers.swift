import Foundation
import WarehouseSupport
import WarehouseTables

/// The normalisations the ad platforms document for each identifier of a customer list, applied
/// before SHA-256 (docs/audiences.md cites each rule and says which were confirmed by a worked
/// example). Every function returns nil for a value that normalises to nothing, so an identifier
/// is either a real value or absent, never the digest of "".
///
/// All text is first put in Unicode normalisation form C (NFC): "é" typed as one scalar (U+00E9)
/// or as "e" + U+0301 is the same text, and must give the same digest; lower-casing is Unicode's
/// full mapping (`String.lowercased()`).
enum Identifiers {
    // MARK: shared

    /// NFC, then lower-case.
    static func folded(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// `text`, or nil when it is empty.
    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// The e-mail as both platforms hash it: NFC, surrounding white space removed, lower-cased
    /// (Meta: "Trim any leading and trailing spaces. Convert all characters to lowercase.";
    /// Google: lower-case, remove spaces before, after or in between). White space inside an
    /// address is removed too (no valid address has any).
    static func email(_ email: String?) -> String? {
        guard let email else { return nil }
        return nonEmpty(String(folded(email).unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// First and last name from `users.full_name`: the first word is the first name, the last
    /// word (of two or more) the last name; words are split at white space. "Anna Maria Schmidt"
    /// → ("Anna", "Schmidt"), the middle name dropped; "Prince" → ("Prince", nil). A name written
    /// family name first ("Kim Min-jun") is split the wrong way round: the warehouse stores one
    /// full name and cannot know the order.
    static func nameParts(_ fullName: String?) -> (first: String?, last: String?) {
        guard let fullName else { return (nil, nil) }
        let words = fullName.split(whereSeparator: { $0.isWhitespace })
        guard let first = words.first else { return (nil, nil) }
        return (String(first), words.count > 1 ? words.last.map(String.init) : nil)
    }

    // MARK: Meta

    /// Meta `phone`: digits only, with the country code, no leading zeros ("Remove symbols,
    /// letters, and any leading zeros"): "+1 (650) 555-1212" → "16505551212". Stored phones are
    /// E.164, so this is the number without its "+".
    static func metaPhone(_ phone: String?) -> String? {
        guard let phone else { return nil }
        let digits = phone.unicodeScalars.filter { $0.isASCII && $0.properties.numericType == .decimal }
        return nonEmpty(String(String.UnicodeScalarView(digits.drop(while: { $0 == "0" }))))
    }

    /// Meta `fn` / `ln`: lower case, no punctuation, UTF-8 ("Valéry" → "valéry", "O'Brien" →
    /// "obrien"); white space is removed as well. Letters of any script are kept.
    static func metaName(_ name: String?) -> String? {
        guard let name else { return nil }
        return nonEmpty(String(folded(name).filter { $0.isLetter }))
    }

    /// Meta `ct`: lower case, no punctuation, no white space ("Menlo Park" → "menlopark");
    /// letters only (digits dropped, as Meta's SDK does).
    static func metaCity(_ city: String?) -> String? {
        metaName(city)
    }

    /// Meta `st`: in the US the two-letter ANSI (USPS) code in lower case ("California" or "CA"
    /// → "ca"); elsewhere the region's name as `ct` is normalised ("Bayern" → "bayern"). A US
    /// region that is neither a code nor a state's name is left out.
    static func metaState(_ region: String?, country: Country?) -> String? {
        guard let region else { return nil }
        if country?.code == "US" {
            return USStates.code(of: region).map { $0.lowercased() }
        }
        return metaCity(region)
    }

    /// Meta `zip`: lower case, no white space; in the US the first five digits ("94035-1234" →
    /// "94035"); in Great Britain area, district and sector, the outward code and the first digit
    /// of the inward code ("SW1A 1AA" → "sw1a1").
    static func metaZip(_ postalCode: String?, country: Country?) -> String? {
        guard let postalCode else { return nil }
        let compact = String(folded(postalCode).unicodeScalars.filter { !$0.properties.isWhitespace })
        switch country?.code {
        case "US":
            let digits = compact.prefix(while: { $0.isASCII && $0.isNumber })
            return digits.count >= 5 ? String(digits.prefix(5)) : nil
        case "GB":
            // The inward code is the last three characters: a digit, then two letters.
            let characters = Array(compact)
            guard characters.count >= 5, characters[characters.count - 3].isNumber else { return nonEmpty(compact) }
            return String(characters.dropLast(2))
        default:
            return nonEmpty(compact)
        }
    }

    /// Meta `country`: ISO 3166-1 alpha-2 in lower case ("us"), hashed like every other field.
    static func metaCountry(_ country: Country?) -> String? {
        country.map { $0.code.lowercased() }
    }

    /// Meta `dob`: YYYYMMDD ("1997-02-16" → "19970216").
    static func metaBirth(_ date: UserContact.BirthDate?) -> String? {
        guard let date else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return String(date.year) + two(date.month) + two(date.day)
    }

    /// Meta `gen`: "m" or "f"; Meta takes no third value, so `other` is left out.
    static func metaGender(_ gender: Gender?) -> String? {
        switch gender {
        case .female: "f"
        case .male: "m"
        case .other, nil: nil
        }
    }

    // MARK: Google

    /// Google `Phone`: E.164 ("+16505551212"), as stored, before hashing.
    static func googlePhone(_ phone: String?) -> String? {
        guard let digits = metaPhone(phone) else { return nil }
        return "+" + digits
    }

    /// Google `First Name` / `Last Name`: lower case, no spaces before, after or in between
    /// ("Customer Match template": lowercase all characters and remove all extra spaces);
    /// punctuation and accents are kept (Google's template hashes "zoë", "pérez").
    static func googleName(_ name: String?) -> String? {
        guard let name else { return nil }
        return nonEmpty(String(folded(name).unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// Google `Country`: the ISO 3166-1 alpha-2 code, not hashed, lower case as in Google's
    /// template ("us").
    static func googleCountry(_ country: Country?) -> String? {
        country.map { $0.code.lowercased() }
    }

    /// Google `Zip`: not hashed; the postal code as written in its country with the white space
    /// around it removed ("WC2H 8LG" stays so); a US code is 5 digits or 5+4 ("94303-5300").
    static func googleZip(_ postalCode: String?, country: Country?) -> String? {
        guard let postalCode else { return nil }
        let trimmed = String(postalCode.precomposedStringWithCanonicalMapping.trimmingWhitespace())
        if country?.code == "US" {
            let digits = trimmed.filter { $0.isASCII && $0.isNumber }
            guard digits.count == 5 || digits.count == 9 else { return nil }
            return digits.count == 5 ? digits : String(digits.prefix(5)) + "-" + String(digits.suffix(4))
        }
        return nonEmpty(trimmed)
    }
}
