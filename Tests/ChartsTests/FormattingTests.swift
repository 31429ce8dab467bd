import Testing
@testable import Charts

@Suite("Formatting and escaping")
struct FormattingTests {
    @Test func compactLabels() {
        #expect(NumberFormat.compact(1000) == "1k")
        #expect(NumberFormat.compact(20_000) == "20k")
        #expect(NumberFormat.compact(1_500_000) == "1.5M")
        #expect(NumberFormat.compact(0.25) == "0.25")
        #expect(NumberFormat.compact(-3) == "-3")
        #expect(NumberFormat.compact(0) == "0")
        #expect(NumberFormat.compact(12_345) == "12.3k")
        #expect(NumberFormat.compact(999_960) == "1M")
        #expect(NumberFormat.compact(2.5e9) == "2.5B")
        #expect(NumberFormat.compact(0.000012) == "1.2e-5")
        #expect(NumberFormat.compact(.nan) == "n/a")
    }

    @Test func tickLabelsShareStepPrecision() {
        #expect([0.0, 500, 1000, 1500].map { NumberFormat.tickLabel($0, step: 500) } == ["0", "500", "1k", "1.5k"])
        #expect([0.25, 0.3, 0.35].map { NumberFormat.tickLabel($0, step: 0.05) } == ["0.25", "0.30", "0.35"])
        #expect(NumberFormat.tickLabel(0.6000000000000001, step: 0.2) == "0.6")
        #expect(NumberFormat.tickLabel(-3, step: 1) == "-3")
    }

    @Test func fixedIsLocaleFreeAndRounds() {
        #expect(NumberFormat.fixed(3.14159, decimals: 2) == "3.14")
        #expect(NumberFormat.fixed(2.5, decimals: 0) == "3")
        #expect(NumberFormat.fixed(-0.001, decimals: 2) == "0")
        #expect(NumberFormat.fixed(1.5, decimals: 2, trimZeros: false) == "1.50")
        #expect(NumberFormat.fixed(0.05, decimals: 3) == "0.05")
        #expect(NumberFormat.fixed(1e30, decimals: 2).allSatisfy { $0.isNumber || $0 == "." })
    }

    @Test func groupedAndPercent() {
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(-1000) == "-1,000")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.percent(0.256, decimals: 1) == "25.6%")
        #expect(ValueFormat.fixedPadded(decimals: 2).format(1) == "1.00")
    }

    @Test func xmlEscapesAllFiveSpecials() {
        #expect(XMLEscape.escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&apos;")
        #expect(XMLEscape.escape("a\u{0}b\u{1F}c\td") == "abc\td")
        #expect(XMLEscape.escape("Ünïcödé · 1–2") == "Ünïcödé · 1–2")
    }

    @Test func colorHex() {
        #expect(RGBColor(hex: 0x0072B2).hexString == "#0072b2")
        #expect(RGBColor(hex: 0x000000).mixed(with: RGBColor(hex: 0xFFFFFF), 0.5).hexString == "#808080")
        #expect(RGBColor(hex: 0xFFFFFF).contrastingText.hexString == "#1a1a1a")
        #expect(RGBColor(hex: 0x2166AC).contrastingText.hexString == "#ffffff")
    }

    @Test func textWrapKeepsLinesShort() {
        let lines = TextMetrics.wrap("one two three four five six seven eight nine ten", maxWidth: 60, fontSize: 11)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == "one two three four five six seven eight nine ten")
    }
}
