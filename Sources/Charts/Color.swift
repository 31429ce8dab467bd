import Foundation

/// An sRGB colour with 8-bit channels, written as `#rrggbb`.
public struct RGBColor: Sendable, Hashable {
    public let red: UInt8
    public let green: UInt8
    public let blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `0xRRGGBB`, e.g. `RGBColor(hex: 0xE69F00)`.
    public init(hex: UInt32) {
        red = UInt8((hex >> 16) & 0xFF)
        green = UInt8((hex >> 8) & 0xFF)
        blue = UInt8(hex & 0xFF)
    }

    /// `#rrggbb`, lower-case.
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for channel in [red, green, blue] {
            out.append(digits[Int(channel >> 4)])
            out.append(digits[Int(channel & 0xF)])
        }
        return out
    }

    /// Relative luminance (WCAG 2, linearised sRGB), in 0…1.
    public var luminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Black or white, whichever contrasts more with this colour (for text drawn on it).
    public var contrastingText: RGBColor {
        // Contrast with black: (L + 0.05)/0.05; with white: 1.05/(L + 0.05). Equal at L ≈ 0.179.
        luminance > 0.179 ? RGBColor(hex: 0x1A1A1A) : RGBColor(hex: 0xFFFFFF)
    }

    /// Channel-wise linear interpolation in sRGB: `t = 0` → `self`, `t = 1` → `other` (t clamped).
    public func mixed(with other: RGBColor, _ t: Double) -> RGBColor {
        let f = t.isFinite ? min(1, max(0, t)) : 0
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * f).rounded())
        }
        return RGBColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }
}
