import Testing
@testable import Charts

@Suite("Scales")
struct ScaleTests {
    @Test func linearMapsAndInverts() {
        let scale = LinearScale(domain: (0, 10), range: (100, 300))
        #expect(scale.map(0) == 100)
        #expect(scale.map(5) == 200)
        #expect(scale.map(10) == 300)
        for value in [-3.0, 0, 2.5, 7.25, 12] {
            #expect(abs(scale.invert(scale.map(value)) - value) < 1e-12)
        }
    }

    @Test func linearReversedRangeForYAxis() {
        let scale = LinearScale(domain: (0, 1), range: (400, 0))
        #expect(scale.map(0) == 400)
        #expect(scale.map(1) == 0)
        #expect(scale.invert(100) == 0.75)
    }

    @Test func linearZeroWidthDomainDoesNotDivideByZero() {
        let scale = LinearScale(domain: (3, 3), range: (0, 100))
        #expect(scale.map(3) == 50)
        #expect(scale.map(1000) == 50)
        let flat = LinearScale(domain: (0, 1), range: (7, 7))
        #expect(flat.invert(7) == 0)
    }

    @Test func linearNiced() {
        let scale = LinearScale(domain: (0.3, 97), range: (0, 1)).niced(count: 5)
        #expect(scale.domainStart == 0 && scale.domainEnd == 100)
    }

    @Test func logScaleMapsDecadesEvenly() throws {
        let scale = try #require(LogScale(domain: (1, 1000), range: (0, 300)))
        #expect(scale.map(1) == 0)
        #expect(abs((scale.map(10) ?? .nan) - 100) < 1e-9)
        #expect(abs((scale.map(1000) ?? .nan) - 300) < 1e-9)
        #expect(abs(scale.invert(200) - 100) < 1e-9)
    }

    @Test func logScaleRejectsNonPositiveDomain() {
        #expect(LogScale(domain: (0, 10), range: (0, 1)) == nil)
        #expect(LogScale(domain: (-1, 10), range: (0, 1)) == nil)
        #expect(LogScale(domain: (1, .infinity), range: (0, 1)) == nil)
    }

    @Test func logScaleSkipsNonPositiveValues() throws {
        let scale = try #require(LogScale(domain: (1, 100), range: (0, 1)))
        #expect(scale.map(0) == nil)
        #expect(scale.map(-5) == nil)
        #expect(scale.map(.nan) == nil)
    }

    @Test func bandScaleSplitsTheRange() {
        let bands = BandScale(count: 4, range: (0, 100), paddingInner: 0, paddingOuter: 0)
        #expect(bands.step == 25)
        #expect(bands.bandwidth == 25)
        #expect(bands.start(2) == 50)
        #expect(bands.center(0) == 12.5)
        let padded = BandScale(count: 3, range: (0, 100), paddingInner: 0.2, paddingOuter: 0.1)
        // Outer padding on both sides: the last band ends one outer padding before the range end.
        #expect(abs(padded.start(0) - padded.step * 0.1) < 1e-9)
        #expect(abs(padded.start(2) + padded.bandwidth + padded.step * 0.1 - 100) < 1e-9)
        #expect(BandScale(count: 0, range: (0, 100)).step.isFinite)
    }

    @Test func paletteColoursAndScales() {
        #expect(Palette.okabeIto.count == 8)
        #expect(Palette.categorical(0).hexString == "#e69f00")
        #expect(Palette.categorical(8) == Palette.categorical(0))
        #expect(Palette.categorical(-1) == Palette.categorical(7))
        #expect(SequentialColorScale.viridis.color(at: 0).hexString == "#440154")
        #expect(SequentialColorScale.viridis.color(at: 1).hexString == "#fde725")
        #expect(SequentialColorScale.viridis.color(at: .nan).hexString == "#440154")
        let diverging = DivergingColorScale(midpoint: 1, limit: 4, logarithmic: true)
        #expect(diverging.color(1)?.hexString == "#f7f7f7")
        #expect(diverging.position(4) == 1)
        #expect(abs((diverging.position(0.5) ?? .nan) + 0.5) < 1e-12)
        #expect(diverging.position(0) == -1)
        #expect(diverging.color(.nan) == nil)
        #expect(abs(diverging.value(at: 0.5) - 2) < 1e-12)
    }
}

@Suite struct CategoryPaletteTests {
    @Test func everyShadeReadsOnWhiteAndFamiliesStayDistinct() {
        for hue in 0..<CategoryPalette.hues.count {
            for step in 0..<CategoryPalette.shadeSteps.count {
                let color = CategoryPalette.shade(hue: hue, step)
                #expect(CategoryPalette.contrastOnWhite(color) >= 2, "hue \(hue) shade \(step) \(color.hexString) is pale on white")
            }
        }
        // Yellow (contrast 1.3) is not a category colour.
        #expect(CategoryPalette.contrastOnWhite(RGBColor(hex: 0xF0E442)) < 2)
        #expect(!CategoryPalette.hues.contains(RGBColor(hex: 0xF0E442)))
        // Four segments over-liking one category get four distinct shades of it, the first its colour.
        let shared = CategoryPalette.segments(families: [2, 2, 2, 2])
        #expect(Set(shared).count == 4)
        #expect(shared[0] == CategoryPalette.category(2))
        #expect(shared.allSatisfy { color in (0..<CategoryPalette.shadeSteps.count).contains { CategoryPalette.shade(hue: 2, $0) == color } })
        // Darker shades only: luminance never rises along a family.
        let luminances = CategoryPalette.shadeSteps.indices.map { CategoryPalette.shade(hue: 0, $0).luminance }
        #expect(luminances.allSatisfy { $0 <= luminances[0] })
    }
}
