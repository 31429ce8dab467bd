import Population

/// A day of the proleptic Gregorian calendar (years 0001–9999) as ISO 8601 writes it, for
/// users.csv's `date_of_birth`; the arithmetic is `CivilCalendar`'s.
struct CivilDate: Comparable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    /// `YYYY-MM-DD` that exists in the calendar (February 29 only in leap years: divisible by 4,
    /// and not by 100 unless by 400); nil for any other text.
    init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard Self.isISOShaped(text) else { return nil }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        let year = number(0..<4), month = number(5..<7), day = number(8..<10)
        guard year >= 1, (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day of `unixSeconds`.
    init(unixSeconds: Int64) {
        let seconds = CivilCalendar.secondsPerDay
        (year, month, day) = CivilCalendar.date(ofDay: unixSeconds >= 0 ? unixSeconds / seconds : (unixSeconds - seconds + 1) / seconds)
    }

    /// Four digits, "-", two digits, "-", two digits.
    static func isISOShaped(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
    }

    /// Whole years from this date to `later` (a birthday on February 29 comes on March 1 in
    /// other years); negative when `later` is earlier.
    func wholeYears(until later: CivilDate) -> Int64 {
        Int64(later.year - year - ((later.month, later.day) < (month, day) ? 1 : 0))
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    var description: String {
        CivilCalendar.isoDate(ofDay: CivilCalendar.days(year: year, month: month, day: day))
    }
}
