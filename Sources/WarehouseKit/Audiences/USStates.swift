import WarehouseSupport

/// The US states, the District of Columbia and the outlying areas by their two-letter ANSI (USPS)
/// codes: ISO 3166-2:US as pycountry 26.2.16 lists it (57 codes). Meta's `st` is the code.
enum USStates {
    static let names: [String: String] = [
        "AK": "Alaska",
        "AL": "Alabama",
        "AR": "Arkansas",
        "AS": "American Samoa",
        "AZ": "Arizona",
        "CA": "California",
        "CO": "Colorado",
        "CT": "Connecticut",
        "DC": "District of Columbia",
        "DE": "Delaware",
        "FL": "Florida",
        "GA": "Georgia",
        "GU": "Guam",
        "HI": "Hawaii",
        "IA": "Iowa",
        "ID": "Idaho",
        "IL": "Illinois",
        "IN": "Indiana",
        "KS": "Kansas",
        "KY": "Kentucky",
        "LA": "Louisiana",
        "MA": "Massachusetts",
        "MD": "Maryland",
        "ME": "Maine",
        "MI": "Michigan",
        "MN": "Minnesota",
        "MO": "Missouri",
        "MP": "Northern Mariana Islands",
        "MS": "Mississippi",
        "MT": "Montana",
        "NC": "North Carolina",
        "ND": "North Dakota",
        "NE": "Nebraska",
        "NH": "New Hampshire",
        "NJ": "New Jersey",
        "NM": "New Mexico",
        "NV": "Nevada",
        "NY": "New York",
        "OH": "Ohio",
        "OK": "Oklahoma",
        "OR": "Oregon",
        "PA": "Pennsylvania",
        "PR": "Puerto Rico",
        "RI": "Rhode Island",
        "SC": "South Carolina",
        "SD": "South Dakota",
        "TN": "Tennessee",
        "TX": "Texas",
        "UM": "United States Minor Outlying Islands",
        "UT": "Utah",
        "VA": "Virginia",
        "VI": "Virgin Islands, U.S.",
        "VT": "Vermont",
        "WA": "Washington",
        "WI": "Wisconsin",
        "WV": "West Virginia",
        "WY": "Wyoming",
    ]

    private static let byName: [String: String] = Dictionary(uniqueKeysWithValues: names.map { ($1.lowercased(), $0) })

    /// The code of `region`, given as a code or a name in any letter case ("CA", "california");
    /// nil for anything else.
    static func code(of region: String) -> String? {
        let text = region.trimmingWhitespace().lowercased()
        if text.utf8.count == 2, names[text.uppercased()] != nil { return text.uppercased() }
        return byName[text]
    }
}
