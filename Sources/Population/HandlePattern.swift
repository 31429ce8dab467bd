/// How a username or e-mail local part is built from a folded name (lower-case ASCII letters),
/// in the manner of Python Faker. The user id in decimal is always appended, so every handle is
/// unique: the name part has no digits, hence the trailing digits are exactly the id.
///
/// Examples for "John Smith", id 42: `john.smith42`, `jsmith42`, `smithjohn42`, `john_s42`,
/// `johnsmith42`, `john42`, `smith.j42`.
public enum HandlePattern: Int, CaseIterable, Sendable {
    /// `first.last`
    case firstDotLast
    /// `flast` (first initial, then last name)
    case initialLast
    /// `lastfirst`
    case lastFirst
    /// `first_l` (first name, underscore, last initial)
    case firstUnderscoreInitial
    /// `firstlast`
    case firstLast
    /// `first`
    case firstOnly
    /// `last.f` (last name, dot, first initial)
    case lastDotInitial

    /// Template name recorded in the generator parameters, e.g. "first.last".
    public var template: String {
        switch self {
        case .firstDotLast: "first.last"
        case .initialLast: "flast"
        case .lastFirst: "lastfirst"
        case .firstUnderscoreInitial: "first_l"
        case .firstLast: "firstlast"
        case .firstOnly: "first"
        case .lastDotInitial: "last.f"
        }
    }

    /// Number of bytes of the name part for folded names of `first` and `last` bytes (both ≥ 1).
    func length(first: Int, last: Int) -> Int {
        switch self {
        case .firstDotLast: first + 1 + last
        case .initialLast: 1 + last
        case .lastFirst: last + first
        case .firstUnderscoreInitial: first + 2
        case .firstLast: first + last
        case .firstOnly: first
        case .lastDotInitial: last + 2
        }
    }

    /// Writes the name part into `buffer` from `position`, advancing it. `first` and `last` are
    /// folded names (non-empty lower-case ASCII letters).
    func write(first: UnsafeBufferPointer<UInt8>, last: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: inout Int) {
        switch self {
        case .firstDotLast:
            buffer.copy(first, at: &position); buffer.put(UInt8(ascii: "."), at: &position); buffer.copy(last, at: &position)
        case .initialLast:
            buffer.put(first[0], at: &position); buffer.copy(last, at: &position)
        case .lastFirst:
            buffer.copy(last, at: &position); buffer.copy(first, at: &position)
        case .firstUnderscoreInitial:
            buffer.copy(first, at: &position); buffer.put(UInt8(ascii: "_"), at: &position); buffer.put(last[0], at: &position)
        case .firstLast:
            buffer.copy(first, at: &position); buffer.copy(last, at: &position)
        case .firstOnly:
            buffer.copy(first, at: &position)
        case .lastDotInitial:
            buffer.copy(last, at: &position); buffer.put(UInt8(ascii: "."), at: &position); buffer.put(first[0], at: &position)
        }
    }
}

extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes `byte` at `position` and advances it.
    func put(_ byte: UInt8, at position: inout Int) {
        self[position] = byte
        position += 1
    }

    /// Copies `bytes` from `position` on and advances it.
    func copy(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) {
        for byte in bytes {
            self[position] = byte
            position += 1
        }
    }
}
