/// Colours for categories and for the segments that over-like them, shared by every chart of a
/// report so that one category is one colour everywhere.
///
/// - Hues: the six Okabe–Ito colours that read on white (contrast ≥ 2:1 against #ffffff; the
///   yellow #F0E442, 1.3:1, is left out, and black is kept for text): orange, sky blue, bluish
///   green, blue, vermillion, reddish purple.
/// - Category `i` takes hue `i mod 6` and, past the first six, a darker shade of it
///   (`shade(i / 6)`), so 200 categories cycle through 6 hues × ``shadeSteps`` shades without
///   failing; repeats beyond that are expected (charts group the tail as "other").
/// - Shade `s` mixes the hue towards black by ``shadeSteps``[s mod count]: every shade is darker
///   than or as dark as its hue, so none is paler on white than the hue itself.
public enum CategoryPalette: Sendable {
    public static let hues: [RGBColor] = [
        RGBColor(hex: 0xE69F00), RGBColor(hex: 0x56B4E9), RGBColor(hex: 0x009E73),
        RGBColor(hex: 0x0072B2), RGBColor(hex: 0xD55E00), RGBColor(hex: 0xCC79A7),
    ]

    /// Fractions of black mixed into a hue for shade 0, 1, 2, …
    public static let shadeSteps: [Double] = [0, 0.42, 0.65, 0.22, 0.54]

    /// The grey of "other" / unknown groups (contrast ≈ 4.5:1 on white).
    public static let other = RGBColor(hex: 0x777777)

    /// Hue `hue` (taken modulo 6) at shade `shade` (taken modulo the number of steps).
    public static func shade(hue: Int, _ shade: Int) -> RGBColor {
        let base = hues[((hue % hues.count) + hues.count) % hues.count]
        let step = shadeSteps[((shade % shadeSteps.count) + shadeSteps.count) % shadeSteps.count]
        return base.mixed(with: RGBColor(hex: 0x000000), step)
    }

    /// The colour of category `index` (0-based, any non-negative index; negative taken as 0).
    public static func category(_ index: Int) -> RGBColor {
        let i = max(0, index)
        return shade(hue: i % hues.count, (i / hues.count) % shadeSteps.count)
    }

    /// Segment colours from each segment's family: `families[s]` is the category segment `s`
    /// over-likes most (nil: unknown). Segments of one family take its successive shades in
    /// segment order, starting from the category's own colour; a segment with no family takes
    /// the next unused category colour. Colours are distinct whenever fewer than
    /// 6 × ``shadeSteps``.count segments are drawn.
    public static func segments(families: [Int?]) -> [RGBColor] {
        var used = Set<RGBColor>()
        var nextShade = [Int: Int]()
        var result: [RGBColor] = []
        let limit = hues.count * shadeSteps.count
        for family in families {
            var color: RGBColor
            if let family {
                let hue = max(0, family) % hues.count
                var step = nextShade[hue] ?? (max(0, family) / hues.count) % shadeSteps.count
                color = shade(hue: hue, step)
                var tries = 0
                while used.contains(color) && tries < shadeSteps.count {
                    step += 1
                    tries += 1
                    color = shade(hue: hue, step)
                }
                nextShade[hue] = step + 1
            } else {
                var index = 0
                color = category(index)
                while used.contains(color) && index < limit {
                    index += 1
                    color = category(index)
                }
            }
            used.insert(color)
            result.append(color)
        }
        return result
    }

    /// WCAG contrast ratio of `color` against white, 1…21.
    public static func contrastOnWhite(_ color: RGBColor) -> Double {
        1.05 / (color.luminance + 0.05)
    }
}
