// Name lists of Indian, Chinese (pinyin), Japanese (Hepburn), Korean (Revised Romanisation,
// common spellings) and Vietnamese cultures, display form (NFC), given name first.

extension NameLists {
    static let indian = NameCulture(
        name: "indian",
        weight: 0.08,
        firstNames: [
            "Aarav", "Vivaan", "Aditya", "Arjun", "Rohan", "Rahul", "Vikram", "Sanjay", "Amit",
            "Rajesh", "Karthik", "Siddharth", "Ishaan", "Arnav", "Manish", "Ananya", "Diya", "Priya",
            "Aanya", "Saanvi", "Kavya", "Isha", "Neha", "Pooja", "Sneha", "Lakshmi", "Deepika",
            "Meera", "Riya", "Shreya",
        ],
        lastNames: [
            "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Rao", "Das",
            "Mehta", "Joshi", "Verma", "Shah", "Banerjee", "Chatterjee", "Mukherjee", "Pillai",
            "Menon", "Agarwal", "Bhat", "Kapoor", "Malhotra", "Chopra", "Desai",
        ]
    )

    static let chinese = NameCulture(
        name: "chinese",
        weight: 0.06,
        firstNames: [
            "Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Hao", "Yu", "Xin", "Ming", "Tao", "Jie",
            "Hui", "Xiaoming", "Zhiwei", "Yifan", "Haoran", "Zihan", "Yuxuan", "Xinyi", "Mengyao",
            "Shuang", "Ting", "Yan", "Qiang", "Bo", "Lina", "Xiu", "Jiayi", "Ruolan",
        ],
        lastNames: [
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
            "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song",
            "Tang", "Lü",
        ]
    )

    static let japanese = NameCulture(
        name: "japanese",
        weight: 0.04,
        firstNames: [
            "Haruto", "Yuto", "Sōta", "Riku", "Ren", "Hiroshi", "Takeshi", "Kenji", "Daiki", "Shōta",
            "Kaito", "Yūki", "Takumi", "Shō", "Ryōta", "Yui", "Hina", "Sakura", "Aoi", "Yuna", "Mei",
            "Haruka", "Akiko", "Yōko", "Emi", "Misaki", "Nanami", "Rin", "Kaori", "Ayaka",
        ],
        lastNames: [
            "Satō", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura",
            "Kobayashi", "Katō", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue",
            "Kimura", "Hayashi", "Shimizu", "Saitō", "Ōta", "Kondō", "Ishikawa", "Ogawa", "Fujita",
        ]
    )

    static let korean = NameCulture(
        name: "korean",
        weight: 0.03,
        firstNames: [
            "Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Seo-jun", "Do-yun", "Ha-eun",
            "Su-bin", "Ye-jin", "Jae-won", "Dong-hyun", "Eun-ji", "Hye-jin", "Sung-min", "Yeon-woo",
            "Ji-min", "Soo-ah", "Tae-yang", "Min-seo", "Jin-ho", "Young-ho", "Kyung-soo", "Na-yeon",
            "Ji-ah",
        ],
        lastNames: [
            "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
            "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong", "Yoo", "Ko", "Moon",
            "Yang", "Baek",
        ]
    )

    static let vietnamese = NameCulture(
        name: "vietnamese",
        weight: 0.02,
        firstNames: [
            "Anh", "Minh", "Linh", "Thảo", "Hương", "Dũng", "Hùng", "Quang", "Tuấn", "Lan", "Mai",
            "Hà", "Trang", "Phương", "Khánh", "Huy", "Long", "Nam", "Hải", "Ngọc", "Thu", "Vy",
            "Bảo", "Đức", "Hiếu",
        ],
        lastNames: [
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Tô",
        ]
    )
}
