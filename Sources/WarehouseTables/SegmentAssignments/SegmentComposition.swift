import Storage
import WarehouseSupport

/// Who each segment of a run is: its members (fitted or assigned, still in `users`) counted by
/// age group (`user_profiles`' groups), by gender and by country, in ONE grouped query that
/// joins `segment_assignments` to `users` by primary key, restricted to the users a
/// `UserFilter` passes (in SQL).
///
/// Invariant: for each segment, Σ ageGroups = Σ genders = Σ countries (+ `noCountry`) = the
/// segment's members that pass the filter. Gender NULL (not disclosed) and country NULL (none
/// given) are counted as such, never dropped: a warehouse without demographics shows every member
/// as "not disclosed" and "no country".
package struct SegmentComposition: Sendable, Equatable {
    /// Genders in column order: female, male, other, then not disclosed (NULL).
    package static let genderColumns: [Gender?] = [.female, .male, .other, nil]

    package let k: Int
    /// `ageGroups[segment − 1][g]`, groups <18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+.
    package var ageGroups: [[Int]]
    /// `genders[segment − 1][column]`, columns `genderColumns`.
    package var genders: [[Int]]
    /// `countries[segment − 1][code]`: members per ISO 3166-1 alpha-2 code as stored.
    package var countries: [[String: Int]]
    /// `noCountry[segment − 1]`: members with no country.
    package var noCountry: [Int]

    package init(k: Int) {
        self.k = k
        ageGroups = Array(repeating: Array(repeating: 0, count: 7), count: k)
        genders = Array(repeating: Array(repeating: 0, count: Self.genderColumns.count), count: k)
        countries = Array(repeating: [:], count: k)
        noCountry = Array(repeating: 0, count: k)
    }

    /// Members of segment `segment` (1…k) counted.
    package func members(of segment: Int) -> Int { genders[segment - 1].reduce(0, +) }

    /// The composition of run `run`'s k segments over the users `filter` passes. Stored values are
    /// checked: a gender other than female/male/other/NULL, or a country that is not two upper-case
    /// ASCII letters, is refused naming the segment.
    package static func read(run: Int64, k: Int, filter: UserFilter = UserFilter(), from connection: WarehouseStore) throws -> SegmentComposition {
        var composition = SegmentComposition(k: k)
        let condition = filter.condition(user: "u")
        try connection.eachRow("""
            SELECT a.segment,
                   CASE WHEN u.age < 18 THEN 0 WHEN u.age < 25 THEN 1 WHEN u.age < 35 THEN 2 WHEN u.age < 45 THEN 3
                        WHEN u.age < 55 THEN 4 WHEN u.age < 65 THEN 5 ELSE 6 END AS age_group,
                   u.gender, u.country, count(*)
            FROM segment_assignments AS a JOIN users AS u ON u.id = a.user_id
            WHERE a.run_id = ? AND \(condition.sql)
            GROUP BY 1, 2, 3, 4
            """, [.integer(run)] + condition.bindings, table: "users",
            row: { "run \(run), segment \($0.value(0))" }) { row in
            let segment = try row.int(0, "segment", in: 1...k)
            let group = try row.int(1, "age_group", in: 0...6)
            let genderText = try row.optionalText(2, "gender", maxLength: 16)
            let gender = try genderText.map { text -> Gender in
                guard let known = Gender(rawValue: text) else {
                    throw WarehouseError.brokenInvariant("users.gender of a member of run \(run), segment \(segment) is "
                                                         + "'\(StoredRow.excerpt(text))', not female, male, other or NULL")
                }
                return known
            }
            let country = try row.optionalText(3, "country", maxLength: 2)
            if let country, !(country.utf8.count == 2 && country.utf8.allSatisfy({ (65...90).contains($0) })) {
                throw WarehouseError.brokenInvariant("users.country of a member of run \(run), segment \(segment) is "
                                                     + "'\(StoredRow.excerpt(country))', not an ISO 3166-1 alpha-2 code")
            }
            let count = try row.int(4, "count(*)", in: 1...Int(Int32.max))
            composition.ageGroups[segment - 1][group] += count
            composition.genders[segment - 1][genderColumns.firstIndex(of: gender) ?? genderColumns.count - 1] += count
            if let country {
                composition.countries[segment - 1][country, default: 0] += count
            } else {
                composition.noCountry[segment - 1] += count
            }
        }
        return composition
    }
}
