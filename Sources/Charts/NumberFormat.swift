import Foundation

/// Locale-independent number formatting for SVG attributes, tick labels and value labels.
///
/// Everything here is written by hand (no `NumberFormatter`, no `String(format:)`), so the output is
/// the same on every machine and in every locale: the decimal separator is always `.`, the minus
/// sign is always ASCII `-`, and `-0` is written as `0`.
public enum NumberFormat: Sendable {
    /// Writes `value` rounded half away from zero to at most `decimals` fraction digits, dropping
    /// trailing zeros (`fixed(2.50, decimals: 2) == "2.5"`, `fixed(3, decimals: 2) == "3"`).
    ///
    /// Non-finite values are written as `"n/a"`; chart code filters them out before formatting.
    /// - Precondition: `0 <= decimals <= 9`.
    public static func fixed(_ value: Double, decimals: Int, trimZeros: Bool = true) -> String {
        precondition((0...9).contains(decimals), "decimals=\(decimals) should be in 0...9")
        guard let digits = roundedDigits(value, decimals: decimals) else { return "n/a" }
        var fraction = Substring(digits.fraction)
        if trimZeros {
            while fraction.last == "0" { fraction.removeLast() }
        }
        let text = fraction.isEmpty ? digits.integer : digits.integer + "." + fraction
        return digits.negative ? "-" + text : text
    }

    /// The decimal digits of `value` rounded half away from zero at the `decimals`-th fraction
    /// digit, taken on the stored binary value (no locale): its sign, its integer digits and
    /// exactly `decimals` fraction digits (`roundedDigits(-0.125, decimals: 2)` is (true, "0",
    /// "13"); `roundedDigits(-0.001, decimals: 2)` is (false, "0", "00"): a value that rounds to
    /// zero has no sign). Exact for every finite value; nil when `value` (or its scaled value) is
    /// not finite. The one rounding both the charts and the command line's `Format` use.
    /// - Parameter decimals: clamped to 0…12.
    public static func roundedDigits(_ value: Double, decimals: Int) -> (negative: Bool, integer: String, fraction: String)? {
        guard value.isFinite else { return nil }
        let decimals = min(max(decimals, 0), 12)
        let scaled = (value.magnitude * pow10(decimals)).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite else { return nil }
        var digits = scaled < 9e18 ? String(UInt64(scaled)) : String(format: "%.0f", locale: Locale(identifier: "en_US_POSIX"), scaled)
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -decimals)
        return (value < 0 && scaled != 0, String(digits[..<split]), String(digits[split...]))
    }

    /// Decimal digits grouped by thousands: "1234567" → "1,234,567" (digits only, no sign).
    public static func groupingThousands(_ digits: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    /// Writes an integer-valued count with thousands separators: `1234567` → `"1,234,567"`.
    /// The value is rounded to the nearest integer first.
    public static func grouped(_ value: Double) -> String {
        guard let digits = roundedDigits(value, decimals: 0) else { return "n/a" }
        return (digits.negative ? "-" : "") + groupingThousands(digits.integer)
    }

    /// A short human label with an SI-like suffix and three significant digits:
    /// `1000` → `"1k"`, `20000` → `"20k"`, `1.5e6` → `"1.5M"`, `12345` → `"12.3k"`,
    /// `0.25` → `"0.25"`, `-3` → `"-3"`, `2.5e9` → `"2.5B"`.
    ///
    /// Values below 1e-4 in magnitude (other than 0) are written as `m e-n` (`"1.2e-5"`).
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude < 1e-4 { return scientific(value) }
        let (unit, suffix) = siUnit(for: magnitude)
        let scaled = value / unit
        // Three significant digits of the scaled value.
        let integerDigits = max(1, Int(log10(abs(scaled)).rounded(.down)) + 1)
        let decimals = min(9, max(0, 3 - integerDigits))
        let text = fixed(scaled, decimals: decimals)
        // Rounding can carry into the next unit (999.95k → "1000k"); retry one unit up.
        if suffix != "B", let promoted = Double(text), abs(promoted) >= 1000 {
            return compact(value.sign == .minus ? -unit * 1000 : unit * 1000)
        }
        return text + suffix
    }

    /// Labels for a set of ticks spaced `step` apart: each label uses its own SI suffix (like
    /// ``compact(_:)``) and the fewest decimals (0…6) that write `step / unit` exactly, so
    /// neighbouring ticks differ. Without a suffix all ticks keep the same decimals (`0.40`, `0.45`);
    /// with one, trailing zeros are dropped (`1k`, `1.5k`). Zero is always `0`.
    /// `[0, 500, 1000, 1500]` → `["0", "500", "1k", "1.5k"]`; `[0.25, 0.3]` (step 0.05) → `["0.25", "0.30"]`.
    public static func tickLabel(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return "n/a" }
        guard step.isFinite, step > 0 else { return compact(value) }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude < 1e-4 { return scientific(value) }
        let (unit, suffix) = siUnit(for: magnitude)
        let relative = step / unit
        var decimals = min(6, max(0, Int((-log10(relative) - 1e-9).rounded(.up))))
        while decimals < 6 {
            let scaled = relative * pow10(decimals)
            if abs(scaled - scaled.rounded()) <= 1e-6 * max(1, scaled) { break }
            decimals += 1
        }
        return fixed(value / unit, decimals: decimals, trimZeros: !suffix.isEmpty) + suffix
    }

    /// A share in 0…1 as a percentage: `percent(0.256, decimals: 1)` → `"25.6%"`.
    public static func percent(_ share: Double, decimals: Int = 0) -> String {
        guard share.isFinite else { return "n/a" }
        return fixed(share * 100, decimals: decimals) + "%"
    }

    /// `m e-n` with two significant digits, e.g. `0.000012` → `"1.2e-5"`.
    static func scientific(_ value: Double) -> String {
        let exponent = Int(log10(abs(value)).rounded(.down))
        let mantissa = value / pow10(exponent)
        return fixed(mantissa, decimals: 1) + "e" + String(exponent)
    }

    /// The SI unit (1, 1e3, 1e6, 1e9) for a magnitude, with its suffix.
    static func siUnit(for magnitude: Double) -> (Double, String) {
        // Thresholds sit just below the unit so 999.96 → "1k" is handled by the carry in `compact`.
        if magnitude >= 1e9 { return (1e9, "B") }
        if magnitude >= 1e6 { return (1e6, "M") }
        if magnitude >= 1e3 { return (1e3, "k") }
        return (1, "")
    }

    /// Exact powers of ten for integer exponents (10^n built by repeated multiplication or division
    /// so that 10^-1 is the double nearest to 0.1).
    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<min(exponent, 308) { result *= 10 }
        } else {
            var divisor = 1.0
            for _ in 0..<min(-exponent, 308) { divisor *= 10 }
            result = 1 / divisor
        }
        return result
    }
}
