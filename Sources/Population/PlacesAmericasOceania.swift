extension Places {
    /// North America uses NANP's fiction numbers (+1 NPA 555-0100…0199, the city's real area
    /// code); Australia ACMA's (0x 5550 xxxx, the state's real area code). Postal codes: US ZIP
    /// "99999", Canada "A9A 9A9" (the city's real forward sortation area), Mexico "99999",
    /// Argentina CPA "A9999AAA", Colombia "999999", Brazil CEP "99999-999", Australia "9999".
    static let placesAmericasOceania: [PlaceCountry] = [
        PlaceCountry("US", 1, postal: "99999", phoneDigits: 10, fiction: "NANP 555-0100 to 555-0199", [
            ("New York", "New York", "100##", "21255501"),
            ("Buffalo", "New York", "142##", "71655501"),
            ("Los Angeles", "California", "900##", "21355501"),
            ("San Francisco", "California", "941##", "41555501"),
            ("Chicago", "Illinois", "606##", "31255501"),
            ("Houston", "Texas", "770##", "71355501"),
            ("Austin", "Texas", "787##", "51255501"),
            ("Seattle", "Washington", "981##", "20655501"),
            ("Boston", "Massachusetts", "021##", "61755501"),
            ("Miami", "Florida", "331##", "30555501"),
        ]),
        PlaceCountry("CA", 1, postal: "A9A 9A9", alphabet: "ABCEGHJKLMNPRSTVWXYZ", phoneDigits: 10, fiction: "NANP 555-0100 to 555-0199", [
            ("Toronto", "Ontario", "M5V #?#", "41655501"),
            ("Ottawa", "Ontario", "K1P #?#", "61355501"),
            ("Montréal", "Québec", "H2X #?#", "51455501"),
            ("Québec", "Québec", "G1R #?#", "41855501"),
            ("Vancouver", "British Columbia", "V6B #?#", "60455501"),
            ("Calgary", "Alberta", "T2P #?#", "40355501"),
        ]),
        PlaceCountry("MX", 52, postal: "99999", phoneDigits: 10, [
            ("Ciudad de México", "Ciudad de México", "060##", "55"),
            ("Guadalajara", "Jalisco", "441##", "33"),
            ("Monterrey", "Nuevo León", "640##", "81"),
            ("Puebla", "Puebla", "720##", "22"),
        ]),
        PlaceCountry("AR", 54, postal: "A9999AAA", alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", phoneDigits: 11, [
            ("Buenos Aires", "Ciudad Autónoma de Buenos Aires", "C14##???", "9115"),
            ("Córdoba", "Córdoba", "X500#???", "93515"),
            ("Rosario", "Santa Fe", "S200#???", "93415"),
            ("Mendoza", "Mendoza", "M550#???", "92615"),
        ]),
        PlaceCountry("CO", 57, postal: "999999", phoneDigits: 10, [
            ("Bogotá", "Bogotá D.C.", "1100##", "31"),
            ("Medellín", "Antioquia", "0500##", "31"),
            ("Cali", "Valle del Cauca", "7600##", "31"),
            ("Barranquilla", "Atlántico", "0800##", "31"),
        ]),
        PlaceCountry("BR", 55, postal: "99999-999", phoneDigits: 11, [
            ("São Paulo", "São Paulo", "01###-###", "119"),
            ("Campinas", "São Paulo", "130##-###", "199"),
            ("Rio de Janeiro", "Rio de Janeiro", "20###-###", "219"),
            ("Belo Horizonte", "Minas Gerais", "30###-###", "319"),
            ("Salvador", "Bahia", "40###-###", "719"),
            ("Brasília", "Distrito Federal", "70###-###", "619"),
            ("Porto Alegre", "Rio Grande do Sul", "90###-###", "519"),
        ]),
        PlaceCountry("AU", 61, postal: "9999", phoneDigits: 9, fiction: "ACMA fictitious numbers (0x) 5550 xxxx", [
            ("Sydney", "New South Wales", "200#", "25550"),
            ("Newcastle", "New South Wales", "230#", "25550"),
            ("Melbourne", "Victoria", "300#", "35550"),
            ("Geelong", "Victoria", "322#", "35550"),
            ("Brisbane", "Queensland", "400#", "75550"),
            ("Adelaide", "South Australia", "500#", "85550"),
            ("Perth", "Western Australia", "600#", "85550"),
        ]),
    ]
}
