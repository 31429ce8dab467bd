import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG string with `XMLParser` and records every element with its attributes and the
/// classes of its ancestors, plus all text, so tests can count marks and read labels.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// `class` attributes of the enclosing elements, outermost first.
        let ancestorClasses: [String]
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
        func isInside(_ className: String) -> Bool {
            ancestorClasses.contains { $0.split(separator: " ").contains(Substring(className)) }
        }
    }

    private(set) var elements: [Element] = []
    /// The text directly inside each element that has any (the parser may deliver it in pieces).
    private(set) var texts: [String] = []
    private(set) var parseError: Error?
    private var stack: [String] = []
    private var textStack: [String] = []

    /// `nil` if the document is not well-formed XML.
    static func parse(_ svg: String) -> SVGInspector? {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        guard parser.parse(), inspector.parseError == nil else { return nil }
        return inspector
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributes, ancestorClasses: stack))
        stack.append(attributes["class"] ?? "")
        textStack.append("")
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        let text = textStack.removeLast()
        if !text.isEmpty { texts.append(text) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !textStack.isEmpty { textStack[textStack.count - 1] += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
        parseError = error
    }

    var allText: String { texts.joined() }

    func count(_ name: String, class className: String) -> Int {
        elements.filter { $0.name == name && $0.classes.contains(className) }.count
    }

    func count(_ name: String, inside className: String) -> Int {
        elements.filter { $0.name == name && $0.isInside(className) }.count
    }
}
