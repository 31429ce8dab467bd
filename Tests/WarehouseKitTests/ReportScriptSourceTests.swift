import Foundation
import Testing
@testable import WarehouseKit

/// The report's one script stays ES5 (no library, so no transpiler) and its interaction rules
/// reach the page.
@Suite struct ReportScriptSourceTests {
    /// The script without its string literals and comments (a small lexer, enough for this script), so words inside text do not count.
    static var code: String {
        var out = "", quote: Character? = nil, escaped = false
        // Block comments (`/** … */`, never inside a string here) go first; a string ends with its line.
        let source = ReportScript.source.replacing(#/\/\*[\s\S]*?\*\//#, with: "")
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            quote = nil
            var previous: Character = " "
            for ch in line {
                if let q = quote {
                    if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == q { quote = nil }
                    previous = ch
                    continue
                }
                if ch == "/" && previous == "/" { out.removeLast(); break }
                if ch == "'" || ch == "\"" { quote = ch; previous = ch; continue }
                out.append(ch)
                previous = ch
            }
            out.append("\n")
        }
        return out
    }

    @Test func scriptIsES5() {
        let code = Self.code
        for token in ["=>", "let ", "const ", "`", "class ", "...", "async ", "await "] {
            #expect(!code.contains(token), "ES2015+ syntax in the report script: \(token)")
        }
    }

    @Test func everyFragmentIsInTheScriptOnce() {
        for fragment in [ReportScript.tooltip, ReportScript.chartZoom, ReportScript.legendToggle, ReportScript.chartTools, ReportScript.runData, ReportScript.helpers,
                         ReportScript.labelLayout, ReportScript.scatter, ReportScript.scatterPick, ReportScript.render, ReportScript.wiring] {
            #expect(ReportScript.source.components(separatedBy: fragment).count == 2)
        }
        // The run-less exit comes after what works without run data (zoom, legends, save).
        let exit = ReportScript.source.range(of: ReportScript.runData)!.lowerBound
        #expect(ReportScript.source.range(of: "function ChartZoom(")!.lowerBound < exit)
        #expect(ReportScript.source.range(of: "chartZooms = chartZooms.concat")!.lowerBound < exit)
    }

    @Test func pageStyleLetsLabelsPassThePointerToTheirMarks() {
        let page = ReportPage().document(title: "t", facts: [])
        #expect(page.contains(ReportInteractionStyle.css))
        #expect(page.contains("svg.chart .value-labels text, svg.chart .cell-values text, svg.chart .cell-values { pointer-events: none; }"))
    }
}
