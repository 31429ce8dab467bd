/// The proleptic Gregorian calendar in UTC, as day numbers since 1970-01-01 (day 0, a Thursday).
///
/// `days(year:month:day:)` and `date(ofDay:)` are exact inverses over years 0…9999 (Howard
/// Hinnant's `days_from_civil` / `civil_from_days`, 400-year eras of 146,097 days).
public enum CivilCalendar {
    /// Seconds in a day.
    public static let secondsPerDay: Int64 = 86_400

    /// Day number of `year-month-day`. Precondition-free: callers check `month` in 1…12 and
    /// `day` in 1…`daysIn(month:year:)`.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// (year, month 1…12, day 1…31) of day number `day`.
    public static func date(ofDay day: Int64) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    /// Days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day of the week of day number `day`: 0 Monday … 6 Sunday.
    public static func weekday(ofDay day: Int64) -> Int {
        let w = (day + 3) % 7
        return Int(w < 0 ? w + 7 : w)
    }

    /// "YYYY-MM-DD" of day number `day` (years 0…9999).
    public static func isoDate(ofDay day: Int64) -> String {
        let (y, m, d) = date(ofDay: day)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// "YYYY-MM-DDTHH:MM:SSZ" of Unix second `second`.
    public static func isoDateTime(ofSecond second: Int64) -> String {
        let day = second >= 0 ? second / secondsPerDay : (second - secondsPerDay + 1) / secondsPerDay
        let rest = Int(second - day * secondsPerDay)
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(isoDate(ofDay: day))T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }
}
