import Charts
import Population

/// Dates on a report chart's x axis, which counts days since 1970-01-01 (UTC).
enum DateTicks {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Mar 2026".
    static func month(ofDay day: Int64) -> String {
        let date = CivilCalendar.date(ofDay: day)
        return "\(monthNames[date.month - 1]) \(date.year)"
    }

    /// "2 Mar 2026".
    static func date(ofDay day: Int64) -> String {
        let date = CivilCalendar.date(ofDay: day)
        return "\(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }

    /// "30 Sep → 30 Oct 2026" (the year once when both days share it), else "30 Dec 2025 → 29 Jan 2026".
    static func span(from first: Int64, to last: Int64) -> String {
        let a = CivilCalendar.date(ofDay: first), b = CivilCalendar.date(ofDay: last)
        let start = a.year == b.year ? "\(a.day) \(monthNames[a.month - 1])" : date(ofDay: first)
        return "\(start) → \(date(ofDay: last))"
    }

    /// For a span of at least 45 days, a tick on the first day of each month inside
    /// `first…last` ("Mar 2026"); for a shorter span, one per day of `marks` ("2 Mar 2026").
    /// The chart thins them to fit its width.
    static func ticks(first: Int64, last: Int64, marks: [Int64]) -> [LabelledTick] {
        guard last - first >= 45 else {
            return marks.map { LabelledTick(value: Double($0), label: date(ofDay: $0)) }
        }
        var ticks: [LabelledTick] = []
        var (year, month, _) = CivilCalendar.date(ofDay: first)
        while true {
            let day = CivilCalendar.days(year: year, month: month, day: 1)
            if day > last { break }
            if day >= first { ticks.append(LabelledTick(value: Double(day), label: Self.month(ofDay: day))) }
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return ticks
    }
}
