extension Places {
    /// The United Kingdom uses Ofcom's drama mobile numbers (07700 900000…900999) and Sweden
    /// PTS's numbers for fiction (070-174 06 05…99); the other countries' numbers are mobile
    /// numbers valid in form only. Postal codes: UK "A9 9AA" and "AA9 9AA" (the city's real
    /// outward code), Ireland Eircode "A99 XXXX", Spain, France, Germany, Italy "99999",
    /// Portugal "9999-999", Belgium, Austria, Switzerland, Denmark, Norway "9999", Sweden
    /// "999 99", Poland "99-999".
    static let placesEurope: [PlaceCountry] = [
        PlaceCountry("GB", 44, postal: "A9 9AA", alphabet: "ABDEFGHJLNPQRSTUWXYZ", phoneDigits: 10,
                     fiction: "Ofcom drama numbers 07700 900000 to 07700 900999", [
            ("London", "England", "SE1 #??", "7700900"),
            ("Manchester", "England", "M1 #??", "7700900"),
            ("Birmingham", "England", "B1 #??", "7700900"),
            ("Leeds", "England", "LS1 #??", "7700900"),
            ("Edinburgh", "Scotland", "EH1 #??", "7700900"),
            ("Glasgow", "Scotland", "G1 #??", "7700900"),
            ("Cardiff", "Wales", "CF10 #??", "7700900"),
            ("Belfast", "Northern Ireland", "BT1 #??", "7700900"),
        ]),
        PlaceCountry("IE", 353, postal: "A99 XXXX", alphabet: "0123456789ACDEFHKNPRTVWXY", phoneDigits: 9, [
            ("Dublin", "County Dublin", "D02 ????", "87"),
            ("Cork", "County Cork", "T12 ????", "87"),
            ("Galway", "County Galway", "H91 ????", "87"),
            ("Limerick", "County Limerick", "V94 ????", "87"),
        ]),
        PlaceCountry("ES", 34, postal: "99999", phoneDigits: 9, [
            ("Madrid", "Comunidad de Madrid", "280##", "6"),
            ("Barcelona", "Cataluña", "080##", "6"),
            ("Valencia", "Comunitat Valenciana", "460##", "6"),
            ("Sevilla", "Andalucía", "410##", "6"),
            ("Málaga", "Andalucía", "290##", "6"),
            ("Bilbao", "País Vasco", "480##", "6"),
        ]),
        PlaceCountry("PT", 351, postal: "9999-999", phoneDigits: 9, [
            ("Lisboa", "Lisboa", "11##-###", "91"),
            ("Porto", "Porto", "40##-###", "91"),
            ("Braga", "Braga", "47##-###", "91"),
            ("Coimbra", "Coimbra", "30##-###", "91"),
            ("Faro", "Faro", "80##-###", "91"),
        ]),
        PlaceCountry("FR", 33, postal: "99999", phoneDigits: 9, [
            ("Paris", "Île-de-France", "7501#", "61"),
            ("Lyon", "Auvergne-Rhône-Alpes", "6900#", "61"),
            ("Marseille", "Provence-Alpes-Côte d'Azur", "1300#", "61"),
            ("Toulouse", "Occitanie", "3100#", "61"),
            ("Bordeaux", "Nouvelle-Aquitaine", "3300#", "61"),
            ("Lille", "Hauts-de-France", "5900#", "61"),
            ("Nantes", "Pays de la Loire", "4400#", "61"),
        ]),
        PlaceCountry("BE", 32, postal: "9999", phoneDigits: 9, [
            ("Bruxelles", "Bruxelles-Capitale", "10#0", "47"),
            ("Antwerpen", "Vlaanderen", "20#0", "47"),
            ("Gent", "Vlaanderen", "90#0", "47"),
            ("Liège", "Wallonie", "40#0", "47"),
        ]),
        PlaceCountry("DE", 49, postal: "99999", phoneDigits: 11, [
            ("Berlin", "Berlin", "104##", "151"),
            ("München", "Bayern", "803##", "151"),
            ("Nürnberg", "Bayern", "904##", "151"),
            ("Hamburg", "Hamburg", "221##", "151"),
            ("Köln", "Nordrhein-Westfalen", "506##", "151"),
            ("Düsseldorf", "Nordrhein-Westfalen", "402##", "151"),
            ("Frankfurt am Main", "Hessen", "603##", "151"),
            ("Stuttgart", "Baden-Württemberg", "701##", "151"),
            ("Leipzig", "Sachsen", "041##", "151"),
        ]),
        PlaceCountry("AT", 43, postal: "9999", phoneDigits: 10, [
            ("Wien", "Wien", "10#0", "664"),
            ("Graz", "Steiermark", "80#0", "664"),
            ("Linz", "Oberösterreich", "40#0", "664"),
            ("Salzburg", "Salzburg", "50#0", "664"),
            ("Innsbruck", "Tirol", "60#0", "664"),
        ]),
        PlaceCountry("CH", 41, postal: "9999", phoneDigits: 9, [
            ("Zürich", "Zürich", "80##", "79"),
            ("Genève", "Genève", "12##", "79"),
            ("Basel", "Basel-Stadt", "40##", "79"),
            ("Bern", "Bern", "30##", "79"),
            ("Lausanne", "Vaud", "10##", "79"),
        ]),
        PlaceCountry("IT", 39, postal: "99999", phoneDigits: 10, [
            ("Roma", "Lazio", "001##", "34"),
            ("Milano", "Lombardia", "201##", "34"),
            ("Napoli", "Campania", "801##", "34"),
            ("Torino", "Piemonte", "101##", "34"),
            ("Firenze", "Toscana", "501##", "34"),
            ("Bologna", "Emilia-Romagna", "401##", "34"),
            ("Palermo", "Sicilia", "901##", "34"),
        ]),
        PlaceCountry("SE", 46, postal: "999 99", phoneDigits: 9, phoneLowest: 5,
                     fiction: "PTS numbers for fiction 070-174 06 05 to 070-174 06 99", [
            ("Stockholm", "Stockholms län", "11# ##", "7017406"),
            ("Göteborg", "Västra Götalands län", "41# ##", "7017406"),
            ("Malmö", "Skåne län", "21# ##", "7017406"),
            ("Uppsala", "Uppsala län", "75# ##", "7017406"),
        ]),
        PlaceCountry("DK", 45, postal: "9999", phoneDigits: 8, [
            ("København", "Hovedstaden", "1###", "26"),
            ("Aarhus", "Midtjylland", "80#0", "26"),
            ("Odense", "Syddanmark", "50#0", "26"),
            ("Aalborg", "Nordjylland", "90#0", "26"),
        ]),
        PlaceCountry("NO", 47, postal: "9999", phoneDigits: 8, [
            ("Oslo", "Oslo", "0###", "41"),
            ("Bergen", "Vestland", "50##", "41"),
            ("Trondheim", "Trøndelag", "70##", "41"),
            ("Stavanger", "Rogaland", "40##", "41"),
        ]),
        PlaceCountry("PL", 48, postal: "99-999", phoneDigits: 9, [
            ("Warszawa", "mazowieckie", "00-###", "50"),
            ("Kraków", "małopolskie", "31-###", "50"),
            ("Wrocław", "dolnośląskie", "50-###", "50"),
            ("Gdańsk", "pomorskie", "80-###", "50"),
            ("Poznań", "wielkopolskie", "61-###", "50"),
            ("Łódź", "łódzkie", "90-###", "50"),
        ]),
    ]
}
