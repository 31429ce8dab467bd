extension Places {
    /// No country here has numbers reserved for fiction that we could confirm: every phone number
    /// is a mobile number valid in form only. The United Arab Emirates and Ghana have no postal
    /// codes in common use (their users have none). Postal codes: Turkey, Egypt, Saudi Arabia,
    /// Morocco, South Korea, Viet Nam "99999"; Nigeria, India, China, Singapore, Taiwan (3+3)
    /// "999999"; Japan "999-9999".
    static let placesAfricaAsia: [PlaceCountry] = [
        PlaceCountry("TR", 90, postal: "99999", phoneDigits: 10, [
            ("İstanbul", "İstanbul", "34###", "53"),
            ("Ankara", "Ankara", "06###", "53"),
            ("İzmir", "İzmir", "35###", "53"),
            ("Bursa", "Bursa", "16###", "53"),
            ("Antalya", "Antalya", "07###", "53"),
        ]),
        PlaceCountry("EG", 20, postal: "99999", phoneDigits: 10, [
            ("Cairo", "Cairo", "11###", "10"),
            ("Alexandria", "Alexandria", "21###", "10"),
            ("Giza", "Giza", "12###", "10"),
        ]),
        PlaceCountry("SA", 966, postal: "99999", phoneDigits: 9, [
            ("Riyadh", "Riyadh", "12###", "50"),
            ("Jeddah", "Makkah", "23###", "50"),
            ("Mecca", "Makkah", "24###", "50"),
            ("Dammam", "Eastern Province", "32###", "50"),
        ]),
        PlaceCountry("MA", 212, postal: "99999", phoneDigits: 9, [
            ("Casablanca", "Casablanca-Settat", "20###", "61"),
            ("Rabat", "Rabat-Salé-Kénitra", "10###", "61"),
            ("Marrakech", "Marrakech-Safi", "40###", "61"),
            ("Fès", "Fès-Meknès", "30###", "61"),
        ]),
        PlaceCountry("AE", 971, postal: nil, phoneDigits: 9, [
            ("Dubai", "Dubai", nil, "50"),
            ("Abu Dhabi", "Abu Dhabi", nil, "50"),
            ("Sharjah", "Sharjah", nil, "50"),
        ]),
        PlaceCountry("NG", 234, postal: "999999", phoneDigits: 10, [
            ("Lagos", "Lagos", "100###", "80"),
            ("Abuja", "Federal Capital Territory", "900###", "80"),
            ("Ibadan", "Oyo", "200###", "80"),
            ("Kano", "Kano", "700###", "80"),
        ]),
        PlaceCountry("GH", 233, postal: nil, phoneDigits: 9, [
            ("Accra", "Greater Accra", nil, "24"),
            ("Kumasi", "Ashanti", nil, "24"),
            ("Tamale", "Northern", nil, "24"),
        ]),
        PlaceCountry("IN", 91, postal: "999999", phoneDigits: 10, [
            ("Mumbai", "Maharashtra", "400###", "9"),
            ("Pune", "Maharashtra", "411###", "9"),
            ("New Delhi", "Delhi", "110###", "9"),
            ("Bengaluru", "Karnataka", "560###", "9"),
            ("Chennai", "Tamil Nadu", "600###", "9"),
            ("Kolkata", "West Bengal", "700###", "9"),
            ("Hyderabad", "Telangana", "500###", "9"),
        ]),
        PlaceCountry("CN", 86, postal: "999999", phoneDigits: 11, [
            ("Beijing", "Beijing", "100###", "13"),
            ("Shanghai", "Shanghai", "200###", "13"),
            ("Guangzhou", "Guangdong", "510###", "13"),
            ("Shenzhen", "Guangdong", "518###", "13"),
            ("Chengdu", "Sichuan", "610###", "13"),
            ("Hangzhou", "Zhejiang", "310###", "13"),
        ]),
        PlaceCountry("SG", 65, postal: "999999", phoneDigits: 8, [
            ("Singapore", "Central Region", "01####", "91"),
            ("Singapore", "East Region", "52####", "91"),
            ("Singapore", "North Region", "73####", "91"),
            ("Singapore", "West Region", "60####", "91"),
        ]),
        PlaceCountry("TW", 886, postal: "999999", phoneDigits: 9, [
            ("Taipei", "Taipei", "100###", "9"),
            ("Kaohsiung", "Kaohsiung", "800###", "9"),
            ("Taichung", "Taichung", "400###", "9"),
        ]),
        PlaceCountry("JP", 81, postal: "999-9999", phoneDigits: 10, [
            ("Tokyo", "Tokyo", "160-####", "80"),
            ("Osaka", "Osaka", "530-####", "80"),
            ("Yokohama", "Kanagawa", "220-####", "80"),
            ("Nagoya", "Aichi", "450-####", "80"),
            ("Sapporo", "Hokkaido", "060-####", "80"),
            ("Fukuoka", "Fukuoka", "810-####", "80"),
        ]),
        PlaceCountry("KR", 82, postal: "99999", phoneDigits: 10, [
            ("Seoul", "Seoul", "03###", "101"),
            ("Busan", "Busan", "48###", "101"),
            ("Incheon", "Incheon", "21###", "101"),
            ("Daegu", "Daegu", "41###", "101"),
        ]),
        PlaceCountry("VN", 84, postal: "99999", phoneDigits: 9, [
            ("Hà Nội", "Hà Nội", "100##", "91"),
            ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh", "700##", "91"),
            ("Đà Nẵng", "Đà Nẵng", "550##", "91"),
            ("Hải Phòng", "Hải Phòng", "180##", "91"),
        ]),
    ]
}
