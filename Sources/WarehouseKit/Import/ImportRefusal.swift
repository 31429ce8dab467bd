import WarehouseSupport

/// A refused import: the problems found (each `file:line: what`, naming the column and the value),
/// the first `limit` of them; nothing was written.
public struct ImportRefusal: Error, Sendable, CustomStringConvertible {
    public let problems: [String]
    /// Whether reading stopped at the limit (more problems may follow).
    public let stoppedEarly: Bool

    /// The first line: how many problems, and that nothing was written.
    public var summary: String {
        let count = problems.count
        let head = stoppedEarly ? "import refused after the first \(count) problems" : "import refused: \(count) problem\(count == 1 ? "" : "s")"
        return head + "; nothing was written"
    }

    public var description: String {
        ([summary] + problems).joined(separator: "\n")
    }
}

/// Collects problems up to a limit; the reader stops once it is full.
struct ImportProblems {
    let limit: Int
    private(set) var lines: [String] = []

    init(limit: Int) { self.limit = limit }

    var isFull: Bool { lines.count >= limit }
    var isEmpty: Bool { lines.isEmpty }

    mutating func add(_ file: String, _ line: Int?, _ text: String) {
        guard !isFull else { return }
        lines.append(line.map { "\(file):\($0): \(text)" } ?? "\(file): \(text)")
    }

    func refusal() -> ImportRefusal {
        ImportRefusal(problems: lines, stoppedEarly: isFull)
    }
}

/// A value from an input file, quoted and made printable for a message (at most 60 characters).
func quotedValue(_ bytes: ArraySlice<UInt8>) -> String {
    "\"" + printableExcerpt(String(decoding: bytes, as: UTF8.self), limit: 60) + "\""
}

func quotedValue(_ text: String) -> String {
    "\"" + printableExcerpt(text, limit: 60) + "\""
}
