import Charts
import Foundation

/// The JSON object the report's script draws its interactive views from (`REPORT_DATA`).
///
/// Keys: `categories` (names), `categoryColors`, `groups` (`{name, color}`, the scatter plots'
/// colour groups) and `groupOf` (category → group), `segments` (`{segment, label, name, color}`),
/// `counted` (what the likes-against-age plot's y axis counts: "Liked posts", "Likes" or
/// "Interest"), `axes` (PC axis labels), `features`, `loadings` (`[component][feature]`, the first m components), `centroids`
/// (`[segment − 1][component]`), and the sample as columns: `id`, `age`, `top` (category index,
/// −1 for none), `seg` (1…k), `likes` (row-major users × categories) and `pc` (row-major users ×
/// m, m = `components`, 3 decimals). Nothing but numbers and escaped strings: `<`, `>` and `&` are
/// written as `\u00XX`, so the text can sit inside an inline `<script>` and an XML parser.
enum ReportData {
    static func json(_ view: RunView, colors: ReportColors) -> String {
        let m = view.points.first?.scores.count ?? max(1, min(3, view.record.components))
        var out = "{"
        out += "\"categories\":" + strings(view.categoryNames)
        out += ",\"categoryColors\":" + strings(view.categoryNames.indices.map { ReportColors.category($0).hexString })
        out += ",\"groups\":[" + colors.groups.map { "{\"name\":\(string($0.name)),\"color\":\(string($0.color.hexString))}" }
            .joined(separator: ",") + "]"
        out += ",\"groupOf\":" + integers(colors.groupOf)
        let segments = (1...max(1, view.record.k)).map { segment -> String in
            let name = view.names.first { $0.segment == segment }?.name ?? ""
            let color = colors.segments[(segment - 1) % max(1, colors.segments.count)].hexString
            return "{\"segment\":\(segment),\"label\":\(string(RunCharts.segmentLegend(view, segment: segment))),"
                + "\"name\":\(string(name)),\"color\":\(string(color))}"
        }
        out += ",\"segments\":[" + segments.joined(separator: ",") + "]"
        out += ",\"components\":\(m)"
        out += ",\"counted\":" + string(view.record.window == nil ? view.words.capitalised : "Interest")
        out += ",\"axes\":" + strings((1...m).map { view.axisLabel(component: $0) })
        let extras = view.extras
        out += ",\"features\":" + strings(extras?.featureNames ?? [])
        out += ",\"loadings\":[" + (extras?.loadings ?? []).prefix(m).map { numbers($0, decimals: 4) }.joined(separator: ",") + "]"
        out += ",\"centroids\":[" + (extras?.centroids ?? []).map { numbers($0, decimals: 4) }.joined(separator: ",") + "]"
        let points = view.points
        out += ",\"id\":[" + points.map { String($0.userID) }.joined(separator: ",") + "]"
        out += ",\"age\":" + integers(points.map(\.age))
        out += ",\"top\":" + integers(points.map { $0.topCategory ?? -1 })
        out += ",\"seg\":" + integers(points.map(\.segment))
        out += ",\"likes\":[" + points.map { $0.likes.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) }.joined(separator: ",") }.joined(separator: ",") + "]"
        out += ",\"pc\":" + numbers(points.flatMap { point in (0..<m).map { $0 < point.scores.count ? point.scores[$0] : 0 } }, decimals: 3)
        out += "}"
        return out
    }

    /// A JSON string literal, safe inside `<script>` and XML.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func strings(_ texts: [String]) -> String { "[" + texts.map(string).joined(separator: ",") + "]" }
    static func integers(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }

    /// Numbers with at most `decimals` decimals, trailing zeros dropped; non-finite → null.
    static func numbers(_ values: [Double], decimals: Int) -> String {
        "[" + values.map { value -> String in
            guard value.isFinite else { return "null" }
            var text = String(format: "%.\(decimals)f", value)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text == "-0" ? "0" : text
        }.joined(separator: ",") + "]"
    }
}
