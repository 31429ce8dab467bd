// Name lists of Turkish, Arabic and West African (Nigerian / Ghanaian) cultures, display form
// (NFC). Arabic names use common Latin transliterations.

extension NameLists {
    static let turkish = NameCulture(
        name: "turkish",
        weight: 0.04,
        firstNames: [
            "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Emre",
            "Burak", "Çağrı", "Oğuz", "Serkan", "Yusuf", "Barış", "Ayşe", "Fatma", "Emine", "Hatice",
            "Zeynep", "Elif", "Merve", "Özlem", "Gül", "Şule", "Büşra", "Esra", "Derya", "Çiğdem",
            "Gökçe",
        ],
        lastNames: [
            "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
            "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan",
            "Şimşek", "Polat", "Erdoğan", "Güneş", "Aksoy", "Korkmaz",
        ]
    )

    static let arabic = NameCulture(
        name: "arabic",
        weight: 0.06,
        firstNames: [
            "Mohammed", "Ahmed", "Omar", "Ali", "Youssef", "Khalid", "Hassan", "Hussein", "Ibrahim",
            "Karim", "Tariq", "Samir", "Nabil", "Rami", "Faisal", "Fatima", "Aisha", "Mariam",
            "Noor", "Layla", "Salma", "Yasmin", "Huda", "Rania", "Amira", "Leila", "Zainab", "Hana",
            "Dalia", "Nadia",
        ],
        lastNames: [
            "Al-Farsi", "Haddad", "Khoury", "Nasser", "Saleh", "Mansour", "Abboud", "Hamdan", "Aziz",
            "Rahman", "El-Sayed", "Al-Masri", "Darwish", "Habib", "Najjar", "Sabbagh", "Shami",
            "Bakr", "Farouk", "Taha", "Yassin", "Zaki", "Suleiman", "Othman", "Al-Hashimi",
        ]
    )

    static let westAfrican = NameCulture(
        name: "west_african",
        weight: 0.03,
        firstNames: [
            "Chinedu", "Emeka", "Oluwaseun", "Tunde", "Adebayo", "Kwame", "Kofi", "Kwabena", "Yaw",
            "Obinna", "Ikechukwu", "Chukwuemeka", "Babatunde", "Femi", "Segun", "Ngozi", "Chiamaka",
            "Adaeze", "Folake", "Funmilayo", "Yetunde", "Ama", "Akosua", "Abena", "Efua", "Nneka",
            "Amara", "Ifeoma", "Temitope", "Blessing",
        ],
        lastNames: [
            "Okafor", "Okonkwo", "Adeyemi", "Ogunleye", "Balogun", "Mensah", "Owusu", "Boateng",
            "Asante", "Osei", "Appiah", "Nwosu", "Eze", "Obi", "Adewale", "Afolabi", "Bello",
            "Danjuma", "Okeke", "Oyelaran", "Agyeman", "Darko", "Quaye", "Nkrumah", "Adébáyọ̀",
        ]
    )
}
