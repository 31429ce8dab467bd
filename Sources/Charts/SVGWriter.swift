/// One attribute of an SVG element: a name (a constant chosen by this module) and a value that the
/// writer escapes or formats.
struct SVGAttribute: Sendable {
    enum Value: Sendable {
        case text(String)
        case number(Double, decimals: Int)
    }

    let name: String
    let value: Value

    init(_ name: String, _ text: String) {
        self.name = name
        self.value = .text(text)
    }

    init(_ name: String, _ number: Double, decimals: Int = 2) {
        self.name = name
        self.value = .number(number, decimals: decimals)
    }

    /// True when the value can be written (numbers must be finite).
    var isWritable: Bool {
        if case .number(let number, _) = value { return number.isFinite }
        return true
    }

    var rendered: String {
        switch value {
        case .text(let text): return XMLEscape.escape(text)
        case .number(let number, let decimals): return SVGNumber.format(number, decimals: decimals)
        }
    }
}

/// A tiny streaming SVG/XML writer.
///
/// Invariants: every attribute value and text node is XML-escaped; an element with a non-finite
/// numeric attribute is dropped whole (with its content), so `nan`/`inf` never reach the output;
/// elements are closed in the order they were opened (checked with `precondition`).
/// No whitespace is written between elements, to keep files small.
struct SVGWriter: Sendable {
    private(set) var output = ""
    private var openElements: [String] = []

    init() {}

    /// Writes `<name attrs…>` and remembers it must be closed.
    /// - Precondition: every numeric attribute is finite (containers carry only constants; data
    ///   goes on leaf elements, which ``element(_:_:text:tooltip:)`` drops when not finite).
    mutating func open(_ name: String, _ attributes: [SVGAttribute] = []) {
        precondition(attributes.allSatisfy(\.isWritable), "non-finite attribute on container <\(name)>")
        writeStartTag(name, attributes, selfClosing: false)
        openElements.append(name)
    }

    /// Closes the innermost open element.
    mutating func close() {
        precondition(!openElements.isEmpty, "SVGWriter.close() without an open element")
        let name = openElements.removeLast()
        output += "</\(name)>"
    }

    /// Writes an element with optional text content and an optional `<title>` child (a tooltip
    /// in browsers). Dropped whole if any numeric attribute is not finite.
    mutating func element(_ name: String, _ attributes: [SVGAttribute], text: String? = nil, tooltip: String? = nil) {
        guard attributes.allSatisfy(\.isWritable) else { return }
        if text == nil && tooltip == nil {
            writeStartTag(name, attributes, selfClosing: true)
            return
        }
        writeStartTag(name, attributes, selfClosing: false)
        if let tooltip { output += "<title>" + XMLEscape.escape(tooltip) + "</title>" }
        if let text { output += XMLEscape.escape(text) }
        output += "</\(name)>"
    }

    /// The finished document. - Precondition: every opened element was closed.
    func finish() -> String {
        precondition(openElements.isEmpty, "unclosed SVG elements: \(openElements)")
        return output
    }

    private mutating func writeStartTag(_ name: String, _ attributes: [SVGAttribute], selfClosing: Bool) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + attribute.rendered + "\""
        }
        output += selfClosing ? "/>" : ">"
    }
}
