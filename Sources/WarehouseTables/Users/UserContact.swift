import Storage
import WarehouseSupport

/// What a user's row says about who they are, as customer lists need it: every identifier may be
/// absent (NULL), and every present one is checked against the form migration 0011 stores it in
/// before any list is made from it (the file may have been edited by hand).
///
/// Checks: text at most `maximumText` bytes (city, region at most 200; postal code at most 20);
/// `phone` E.164 ('+', a first digit 1–9, 8–15 digits in all); `country` an assigned ISO 3166-1
/// alpha-2 code in upper case; `gender` 'female', 'male' or 'other'; `date_of_birth` 'YYYY-MM-DD'
/// with month 01–12 and day 01–31. A value outside its form is refused in one line naming the
/// user, the column and the value, never passed on.
package struct UserContact: Sendable, Equatable {
    package var username: String?
    package var fullName: String?
    package var email: String?
    package var phone: String?
    package var city: String?
    package var region: String?
    package var postalCode: String?
    package var country: Country?
    package var dateOfBirth: BirthDate?
    package var gender: Gender?

    /// `date_of_birth` as read: month 1…12, day 1…31 (the table's CHECK keeps it a real date).
    package struct BirthDate: Sendable, Equatable {
        package let year: Int, month: Int, day: Int

        package init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    package init(username: String? = nil, fullName: String? = nil, email: String? = nil, phone: String? = nil, city: String? = nil,
                 region: String? = nil, postalCode: String? = nil, country: Country? = nil,
                 dateOfBirth: BirthDate? = nil, gender: Gender? = nil) {
        self.username = username
        self.fullName = fullName
        self.email = email
        self.phone = phone
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.gender = gender
        self.dateOfBirth = dateOfBirth
    }

    /// Longest username, full name or e-mail read (bytes).
    package static let maximumText = 1_000

    /// The ten columns `init(_:from:user:)` reads, in order, of the `users` row aliased `user`.
    package static func columns(user: String) -> String {
        ["username", "full_name", "email", "phone", "city", "region", "postal_code", "country", "date_of_birth", "gender"]
            .map { "\(user).\($0)" }.joined(separator: ", ")
    }

    /// Reads `columns(user:)` from `row` starting at column `first`.
    /// - Throws: `brokenInvariant` naming user `id`, the column and the value for any value
    ///   outside its stored form.
    init(_ row: StoredRow, from first: Int32, user id: Int64) throws {
        func refuse(_ column: String, _ value: String, _ problem: String) -> WarehouseError {
            .brokenInvariant("users.\(column) of user \(id) is '\(printableExcerpt(value, limit: 40))', \(problem)")
        }
        username = try row.optionalText(first, "username", maxLength: Self.maximumText)
        fullName = try row.optionalText(first + 1, "full_name", maxLength: Self.maximumText)
        email = try row.optionalText(first + 2, "email", maxLength: Self.maximumText)
        if let phone = try row.optionalText(first + 3, "phone", maxLength: 16) {
            let digits = phone.utf8.dropFirst()
            guard phone.utf8.first == UInt8(ascii: "+"), (8...15).contains(digits.count), digits.allSatisfy({ (48...57).contains($0) }),
                  digits.first != UInt8(ascii: "0") else {
                throw refuse("phone", phone, "not E.164 ('+' and 8 to 15 digits, the first not 0)")
            }
            self.phone = phone
        }
        city = try row.optionalText(first + 4, "city", maxLength: 200)
        region = try row.optionalText(first + 5, "region", maxLength: 200)
        postalCode = try row.optionalText(first + 6, "postal_code", maxLength: 20)
        if let code = try row.optionalText(first + 7, "country", maxLength: 2) {
            guard let country = Country(code: code), country.code == code else {
                throw refuse("country", code, "not an ISO 3166-1 alpha-2 code in upper case")
            }
            self.country = country
        }
        if let text = try row.optionalText(first + 8, "date_of_birth", maxLength: 10) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
                  parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
                  let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                  (1...12).contains(month), (1...31).contains(day) else {
                throw refuse("date_of_birth", text, "not a date YYYY-MM-DD")
            }
            dateOfBirth = BirthDate(year: year, month: month, day: day)
        }
        if let text = try row.optionalText(first + 9, "gender", maxLength: 6) {
            guard let gender = Gender(rawValue: text) else { throw refuse("gender", text, "not female, male or other") }
            self.gender = gender
        }
    }
}
