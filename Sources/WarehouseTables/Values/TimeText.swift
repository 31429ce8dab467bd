import Population

/// Moments and durations as people write them on a command line or in an export.
///
/// A moment is Unix seconds (digits), an ISO 8601 date-time with a zone
/// (`2026-06-30T18:00:00Z`, `…+02:00`, `…-0500`, a space for the `T`, fractions of a second
/// dropped), or, where the caller allows it, a bare date `2026-06-30`, which means the end of that
/// day (23:59:59 UTC), so "as of June 30" counts June 30. Years 1970…9999 only.
/// A duration is a whole number of days or hours: `90d`, `36h`.
public enum TimeText {
    /// What a bare date means, or that it is refused.
    public enum BareDate: Sendable { case endOfDay, refused }

    /// The latest moment accepted: 9999-12-31T23:59:59Z.
    public static let latest: Int64 = CivilCalendar.days(year: 10_000, month: 1, day: 1) * CivilCalendar.secondsPerDay - 1

    /// Parses a moment; nil with the reason when `text` is not one.
    public static func moment(_ text: String, bareDate: BareDate = .endOfDay) -> Result<Int64, MomentProblem> {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(.empty) }
        if bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard bytes.count <= 12, let seconds = Int64(text), seconds <= latest else { return .failure(.outOfRange) }
            return .success(seconds)
        }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let b = bytes[index]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard bytes.count >= 10, let year = number(0..<4), bytes[4] == 45, let month = number(5..<7), bytes[7] == 45,
              let day = number(8..<10) else { return .failure(.notAMoment) }
        guard (1970...9999).contains(year) else { return .failure(.outOfRange) }
        guard (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day) else {
            return .failure(.noSuchDate)
        }
        let dayNumber = CivilCalendar.days(year: year, month: month, day: day)
        if bytes.count == 10 {
            guard bareDate == .endOfDay else { return .failure(.needsTime) }
            return .success((dayNumber + 1) * CivilCalendar.secondsPerDay - 1)
        }
        guard bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32, let hour = number(11..<13), bytes.count > 13, bytes[13] == 58,
              let minute = number(14..<16) else { return .failure(.notAMoment) }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == 58 {
            guard let s = number(17..<19) else { return .failure(.notAMoment) }
            second = s
            index = 19
            if index < bytes.count, bytes[index] == 46 || bytes[index] == 44 {
                index += 1
                let start = index
                while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
                guard index > start else { return .failure(.notAMoment) }
            }
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return .failure(.noSuchTime) }
        guard index < bytes.count else { return .failure(.needsZone) }
        var offset = 0
        if bytes[index] == 90 || bytes[index] == 122 {
            index += 1
        } else if bytes[index] == 43 || bytes[index] == 45 {
            let sign = bytes[index] == 45 ? -1 : 1
            guard let hours = number(index + 1..<index + 3) else { return .failure(.notAMoment) }
            index += 3
            var minutes = 0
            if index < bytes.count {
                if bytes[index] == 58 { index += 1 }
                guard let m = number(index..<index + 2) else { return .failure(.notAMoment) }
                minutes = m
                index += 2
            }
            guard hours <= 23, minutes <= 59 else { return .failure(.noSuchTime) }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return .failure(.needsZone)
        }
        guard index == bytes.count else { return .failure(.notAMoment) }
        let moment = dayNumber * CivilCalendar.secondsPerDay + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        guard moment >= 0, moment <= latest else { return .failure(.outOfRange) }
        return .success(moment)
    }

    /// Why a text is not a moment, as the end of a sentence naming it.
    public enum MomentProblem: Error, Sendable, CustomStringConvertible {
        case empty, notAMoment, outOfRange, noSuchDate, noSuchTime, needsZone, needsTime
        public var description: String {
            switch self {
            case .empty: "is empty; give Unix seconds or an ISO 8601 date-time with a zone, e.g. 2026-06-30T18:00:00Z"
            case .notAMoment: "is not a moment; give Unix seconds or an ISO 8601 date-time with a zone, e.g. 2026-06-30T18:00:00Z"
            case .outOfRange: "is outside 1970-01-01 … 9999-12-31"
            case .noSuchDate: "names a day the calendar does not have"
            case .noSuchTime: "names a time of day or zone offset that does not exist"
            case .needsZone: "has no zone; add Z (UTC) or an offset such as +02:00"
            case .needsTime: "is a date without a time; give a date-time with a zone or Unix seconds"
            }
        }
    }

    /// The longest duration accepted: 100 years of days.
    public static let longestDuration: Int64 = 36_500 * CivilCalendar.secondsPerDay

    /// Seconds of a duration such as `90d` or `36h`; nil when it is not one, is 0, or is longer
    /// than `longestDuration`.
    public static func duration(_ text: String) -> Int64? {
        guard let unit = text.last, unit == "d" || unit == "h" || unit == "D" || unit == "H" else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits),
              count > 0 else { return nil }
        let seconds = count * (unit == "d" || unit == "D" ? CivilCalendar.secondsPerDay : 3600)
        return seconds <= longestDuration ? seconds : nil
    }

    /// `90d` for a whole number of days, else `36h`.
    public static func durationText(_ seconds: Int64) -> String {
        seconds % CivilCalendar.secondsPerDay == 0 ? "\(seconds / CivilCalendar.secondsPerDay)d" : "\(seconds / 3600)h"
    }
}
