import WarehouseSupport
import WarehouseTables

/// The customer lists `--format meta` and `--format google` write: one row per person, every
/// identifier the user has, each normalised as the platform documents (`Identifiers`) and, where
/// the platform asks for it, SHA-256 as 64 lowercase hex digits; an absent identifier is an empty
/// cell.
///
/// | format | columns | hashed |
/// |---|---|---|
/// | meta | email, phone, fn, ln, ct, st, zip, country, dob, gen | every column |
/// | google | Email, Phone, First Name, Last Name, Country, Zip | Email, Phone, First Name, Last Name; not Country, Zip |
///
/// A row is written only when the platform can match it: it has an e-mail, or a phone, or a
/// first and last name with country and zip (Google's rule for address matching; used for Meta
/// too). Other users are left out and counted (`unmatchable`).
///
/// Repeats: two users are one person when their normalised e-mails are equal (an address is
/// one person's); without an e-mail, when every identifier of the row is equal. A phone alone
/// does not make two users one person: a household shares a landline, and the seed's phones come
/// from ranges reserved for fiction (a hundred numbers per North American area code), so distinct
/// users share them. The first row (the list's order: nearest, or likeliest, first) is kept and later ones
/// are counted (`repeats`). Values are compared after normalisation, so "Zoë@Example.com" in
/// NFC and in NFD are one address and give one digest.
enum CustomerList {
    /// The header line of `format`'s list; nil for `csv`.
    static func header(_ format: AudienceFormat) -> String? {
        switch format {
        case .csv: nil
        case .meta: "email,phone,fn,ln,ct,st,zip,country,dob,gen"
        case .google: "Email,Phone,First Name,Last Name,Country,Zip"
        }
    }

    /// One row's normalised values (before hashing), in the header's column order, and the keys
    /// that say who it is.
    struct Normalised: Equatable {
        /// One value per column; nil for an absent identifier.
        let values: [String?]
        /// Whether a column is hashed.
        let hashed: [Bool]
        /// "e:…", "p:…" or "a:…" (name and address): the identities that make two rows one person.
        let keys: [String]
    }

    /// A platform's normalisations of the identifiers both layouts carry.
    private struct Rules: Sendable {
        let phone: @Sendable (String?) -> String?
        let name: @Sendable (String?) -> String?
        let country: @Sendable (Country?) -> String?
        let zip: @Sendable (String?, Country?) -> String?

        static let meta = Rules(phone: Identifiers.metaPhone, name: Identifiers.metaName, country: Identifiers.metaCountry,
                                zip: { Identifiers.metaZip($0, country: $1) })
        static let google = Rules(phone: Identifiers.googlePhone, name: Identifiers.googleName, country: Identifiers.googleCountry,
                                  zip: { Identifiers.googleZip($0, country: $1) })
    }

    /// `contact` normalised for `format`; nil for `csv` or when nothing in it can be matched.
    static func normalised(_ contact: UserContact, format: AudienceFormat) -> Normalised? {
        guard format != .csv else { return nil }
        let rules = format == .meta ? Rules.meta : Rules.google
        let name = Identifiers.nameParts(contact.fullName)
        let email = Identifiers.email(contact.email), phone = rules.phone(contact.phone)
        let first = rules.name(name.first), last = rules.name(name.last)
        let country = rules.country(contact.country), zip = rules.zip(contact.postalCode, contact.country)
        let values: [String?]
        let hashed: [Bool]
        if format == .meta {
            values = [email, phone, first, last, Identifiers.metaCity(contact.city), Identifiers.metaState(contact.region, country: contact.country),
                      zip, country, Identifiers.metaBirth(contact.dateOfBirth), Identifiers.metaGender(contact.gender)]
            hashed = Array(repeating: true, count: values.count)
        } else {
            values = [email, phone, first, last, country, zip]
            hashed = [true, true, true, true, false, false]
        }
        let matchable = email != nil || phone != nil || (first != nil && last != nil && country != nil && zip != nil)
        guard matchable else { return nil }
        let key = email.map { "e:" + $0 } ?? "r:" + values.map { $0 ?? "" }.joined(separator: "\u{1F}")
        return Normalised(values: values, hashed: hashed, keys: [key])
    }

    /// The list of `contacts` (in that order) for a hashed format, nil for `csv`: the platform's
    /// header, then one line per person; users with nothing to match on, and repeats of an
    /// earlier row, are left out and counted.
    static func text(_ contacts: [UserContact], format: AudienceFormat) -> AudienceFile.Text? {
        guard let header = header(format) else { return nil }
        var out = header + "\n"
        var seen = Set<String>()
        var lines = 0, repeats = 0, unmatchable = 0
        for contact in contacts {
            guard let row = normalised(contact, format: format) else {
                unmatchable += 1
                continue
            }
            guard !row.keys.contains(where: seen.contains) else {
                repeats += 1
                continue
            }
            seen.formUnion(row.keys)
            out += zip(row.values, row.hashed).map { value, hashed in
                guard let value else { return "" }
                return hashed ? SHA256.hex(value) : AudienceFile.cell(value)
            }.joined(separator: ",") + "\n"
            lines += 1
        }
        return AudienceFile.Text(text: out, lines: lines, repeats: repeats, unmatchable: unmatchable)
    }

    /// What a hashed list needs, for a refusal: "an e-mail, a phone, or a first and last name with
    /// country and zip".
    static let needs = "an e-mail, a phone, or a first and last name with country and zip"

    /// Where to get them, for a refusal.
    static let remedy = "import them (users.csv columns email, phone, full_name, country, postal_code) or use --format csv"
}
