import Foundation

/// Colour-blind-safe colours for categories (Okabe & Ito, "Color Universal Design", 2008).
public enum Palette: Sendable {
    /// The eight Okabe–Ito colours, ordered for charts on white: strong, distinct hues first, the
    /// low-contrast yellow and black last. Orange #E69F00, sky blue #56B4E9, bluish green #009E73,
    /// blue #0072B2, vermillion #D55E00, reddish purple #CC79A7, yellow #F0E442, black #000000.
    public static let okabeIto: [RGBColor] = [
        RGBColor(hex: 0xE69F00), RGBColor(hex: 0x56B4E9), RGBColor(hex: 0x009E73), RGBColor(hex: 0x0072B2),
        RGBColor(hex: 0xD55E00), RGBColor(hex: 0xCC79A7), RGBColor(hex: 0xF0E442), RGBColor(hex: 0x000000),
    ]

    /// The colour for category `index` (cycles after eight; negative indices are taken modulo 8).
    public static func categorical(_ index: Int) -> RGBColor {
        let count = okabeIto.count
        return okabeIto[((index % count) + count) % count]
    }

    /// Neutral greys used by the chart frame.
    static let text = RGBColor(hex: 0x222222)
    static let mutedText = RGBColor(hex: 0x555555)
    static let axis = RGBColor(hex: 0x444444)
    static let grid = RGBColor(hex: 0xE3E3E3)
    static let background = RGBColor(hex: 0xFFFFFF)
    static let missing = RGBColor(hex: 0xEEEEEE)
}

/// A sequential colour ramp for magnitudes (densities): piecewise-linear interpolation in sRGB
/// between evenly spaced anchors. The default anchors sample matplotlib's viridis at 0, 1/8, …, 1
/// (perceptually uniform, readable in grey and by colour-blind viewers): dark purple for low,
/// yellow for high.
public struct SequentialColorScale: Sendable, Equatable {
    public let anchors: [RGBColor]

    public static let viridis = SequentialColorScale(anchors: [
        RGBColor(hex: 0x440154), RGBColor(hex: 0x46327E), RGBColor(hex: 0x365C8D), RGBColor(hex: 0x277F8E),
        RGBColor(hex: 0x1FA187), RGBColor(hex: 0x4AC16D), RGBColor(hex: 0x9FDA3A), RGBColor(hex: 0xFDE725),
    ])

    /// - Precondition: at least two anchors.
    public init(anchors: [RGBColor]) {
        precondition(anchors.count >= 2, "a colour ramp needs >= 2 anchors, got \(anchors.count)")
        self.anchors = anchors
    }

    /// The colour at `t` in 0…1 (clamped; non-finite → the first anchor).
    public func color(at t: Double) -> RGBColor {
        let f = t.isFinite ? min(1, max(0, t)) : 0
        let position = f * Double(anchors.count - 1)
        let index = min(anchors.count - 2, Int(position.rounded(.down)))
        return anchors[index].mixed(with: anchors[index + 1], position - Double(index))
    }
}

/// A diverging colour scale centred on `midpoint`: blue below, near-white at the midpoint,
/// orange-red above (ColorBrewer RdBu reversed, colour-blind safe).
///
/// Position: `t = (v − m)/limit` (linear) or `t = log(v/m)/log(limit)` (logarithmic, for ratios
/// such as lift where 2× and ½× should look equally strong), clamped to −1…1; `limit` is the
/// distance (linear) or ratio (log, > 1) at which the colour saturates. In log mode values ≤ 0
/// saturate at the low end.
public struct DivergingColorScale: Sendable, Equatable {
    public let midpoint: Double
    public let limit: Double
    public let logarithmic: Bool

    static let anchors: [RGBColor] = [
        RGBColor(hex: 0x2166AC), RGBColor(hex: 0x67A9CF), RGBColor(hex: 0xD1E5F0), RGBColor(hex: 0xF7F7F7),
        RGBColor(hex: 0xFDDBC7), RGBColor(hex: 0xEF8A62), RGBColor(hex: 0xB2182B),
    ]

    /// - Precondition: `midpoint` finite (and > 0 when logarithmic); `limit` finite and > 0 (> 1 when
    ///   logarithmic).
    public init(midpoint: Double, limit: Double, logarithmic: Bool) {
        precondition(midpoint.isFinite && (!logarithmic || midpoint > 0), "midpoint=\(midpoint) must be finite (and > 0 on a log scale)")
        precondition(limit.isFinite && limit > (logarithmic ? 1 : 0), "limit=\(limit) must be finite and > \(logarithmic ? 1 : 0)")
        self.midpoint = midpoint
        self.limit = limit
        self.logarithmic = logarithmic
    }

    /// Signed position of `value` in −1…1 (`nil` for non-finite values).
    public func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let t: Double
        if logarithmic {
            t = value <= 0 ? -1 : log(value / midpoint) / log(limit)
        } else {
            t = (value - midpoint) / limit
        }
        return min(1, max(-1, t))
    }

    /// The colour for `value`; `nil` for non-finite values (drawn as "missing" by charts).
    public func color(_ value: Double) -> RGBColor? {
        guard let t = position(value) else { return nil }
        let anchors = Self.anchors
        let x = (t + 1) / 2 * Double(anchors.count - 1)
        let index = min(anchors.count - 2, Int(x.rounded(.down)))
        return anchors[index].mixed(with: anchors[index + 1], x - Double(index))
    }

    /// The value at signed position `t` in −1…1 (inverse of ``position(_:)`` inside the limit).
    public func value(at t: Double) -> Double {
        logarithmic ? midpoint * pow(limit, t) : midpoint + t * limit
    }
}
