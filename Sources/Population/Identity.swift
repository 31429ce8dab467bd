import Randomness

/// A generated person's identity. `username` and `email` are ASCII and unique by construction
/// (the user id is their trailing digits); `fullName` is the display form and may contain any
/// Unicode letters.
struct Identity: Sendable, Equatable {
    /// `<handle><id>`, e.g. "jose.garcia17".
    let username: String
    /// "First Last", e.g. "José García".
    let fullName: String
    /// `<handle><id>@<reserved domain>`, e.g. "garciajose17@example.org".
    let email: String
}

/// Draws identities from name lists. Every name's UTF-8 display bytes and folded ASCII bytes are
/// computed once into one flat byte array, so a draw copies bytes into three new strings and
/// touches no other reference-counted storage.
///
/// Per user, from the identity stream, in order: a culture (by weight), a given name and a family
/// name of that culture (uniform), a username pattern, an e-mail pattern and an e-mail domain
/// (each uniform over `HandlePattern.allCases` and `emailDomains`).
struct IdentityGenerator: Sendable {
    /// E-mail domains: only the reserved example domains (RFC 2606), so no real address exists.
    static let emailDomains = ["example.com", "example.org", "example.net"]

    /// Where one name's bytes lie in `bytes`.
    struct NameSpan: Sendable {
        let displayStart: Int
        let displayCount: Int
        let foldedStart: Int
        let foldedCount: Int
    }

    /// Where one culture's names lie in `names`.
    struct CultureSpan: Sendable {
        let firstStart: Int
        let firstCount: Int
        let lastStart: Int
        let lastCount: Int
    }

    /// Display and folded bytes of every name, then of every domain.
    let bytes: [UInt8]
    let names: [NameSpan]
    let cultures: [CultureSpan]
    /// Cumulative culture weights, normalised so the last is exactly 1.
    let cumulativeWeights: [Double]
    /// (start, count) of each domain in `bytes`.
    let domains: [(start: Int, count: Int)]

    /// - Precondition: every culture has a positive weight and names, and every name folds to at
    ///   least one ASCII letter.
    init(cultures source: [NameCulture]) {
        precondition(!source.isEmpty, "IdentityGenerator needs at least one name culture")
        var bytes: [UInt8] = []
        var names: [NameSpan] = []
        var cultures: [CultureSpan] = []
        var total = 0.0
        func append(_ name: String, culture: String) {
            guard let folded = ASCIIFolding.fold(name), !folded.isEmpty else {
                preconditionFailure("name \"\(name)\" of culture \(culture) does not fold to ASCII letters")
            }
            let displayStart = bytes.count
            bytes.append(contentsOf: name.utf8)
            let foldedStart = bytes.count
            bytes.append(contentsOf: folded.utf8)
            names.append(NameSpan(
                displayStart: displayStart, displayCount: foldedStart - displayStart,
                foldedStart: foldedStart, foldedCount: bytes.count - foldedStart
            ))
        }
        for culture in source {
            precondition(culture.weight > 0 && culture.weight.isFinite, "name culture \(culture.name) needs a positive weight, got \(culture.weight)")
            precondition(!culture.firstNames.isEmpty && !culture.lastNames.isEmpty, "name culture \(culture.name) needs first and last names")
            total += culture.weight
            let firstStart = names.count
            for name in culture.firstNames { append(name, culture: culture.name) }
            let lastStart = names.count
            for name in culture.lastNames { append(name, culture: culture.name) }
            cultures.append(CultureSpan(
                firstStart: firstStart, firstCount: lastStart - firstStart,
                lastStart: lastStart, lastCount: names.count - lastStart
            ))
        }
        var domains: [(start: Int, count: Int)] = []
        for domain in Self.emailDomains {
            domains.append((bytes.count, domain.utf8.count))
            bytes.append(contentsOf: domain.utf8)
        }
        var running = 0.0
        var cumulative: [Double] = []
        for culture in source {
            running += culture.weight
            cumulative.append(running / total)
        }
        cumulative[cumulative.count - 1] = 1
        self.bytes = bytes
        self.names = names
        self.cultures = cultures
        self.cumulativeWeights = cumulative
        self.domains = domains
    }

    /// The identity of user `id` (≥ 1), drawing from `generator` (the user's identity stream).
    func identity(id: Int64, using generator: inout SplitMix64) -> Identity {
        var batch = UserBatch(reservingUsers: 1)
        append(id: id, using: &generator, to: &batch)
        return Identity(username: batch.usernames[0], fullName: batch.fullNames[0], email: batch.emails[0])
    }

    /// Appends the username, full name and e-mail of user `id` (≥ 1) to `batch`, drawing from
    /// `generator` (the user's identity stream). The strings are built in place, so nothing is
    /// copied or reference-counted on the way. Returns the index of the culture drawn (the place
    /// follows it).
    @discardableResult
    func append(id: Int64, using generator: inout SplitMix64, to batch: inout UserBatch) -> Int {
        let u = generator.uniform01()
        var cultureIndex = 0
        while cultureIndex < cumulativeWeights.count - 1 && u >= cumulativeWeights[cultureIndex] {
            cultureIndex += 1
        }
        let culture = cultures[cultureIndex]
        let first = names[culture.firstStart + generator.uniformIndex(below: culture.firstCount)]
        let last = names[culture.lastStart + generator.uniformIndex(below: culture.lastCount)]
        let patternCount = HandlePattern.allCases.count
        let usernamePattern = HandlePattern(rawValue: generator.uniformIndex(below: patternCount)) ?? .firstDotLast
        let emailPattern = HandlePattern(rawValue: generator.uniformIndex(below: patternCount)) ?? .firstDotLast
        let domain = domains[generator.uniformIndex(below: domains.count)]
        let digits = Self.decimalDigitCount(id)

        bytes.withUnsafeBufferPointer { all in
            func slice(_ start: Int, _ count: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: all[start..<(start + count)])
            }
            let firstFolded = slice(first.foldedStart, first.foldedCount)
            let lastFolded = slice(last.foldedStart, last.foldedCount)

            let usernameLength = usernamePattern.length(first: first.foldedCount, last: last.foldedCount) + digits
            batch.usernames.append(String(unsafeUninitializedCapacity: usernameLength) { buffer in
                var position = 0
                usernamePattern.write(first: firstFolded, last: lastFolded, into: buffer, at: &position)
                Self.writeDecimal(id, digits: digits, into: buffer, at: &position)
                return position
            })
            let emailLength = emailPattern.length(first: first.foldedCount, last: last.foldedCount) + digits + 1 + domain.count
            batch.emails.append(String(unsafeUninitializedCapacity: emailLength) { buffer in
                var position = 0
                emailPattern.write(first: firstFolded, last: lastFolded, into: buffer, at: &position)
                Self.writeDecimal(id, digits: digits, into: buffer, at: &position)
                buffer.put(UInt8(ascii: "@"), at: &position)
                buffer.copy(slice(domain.start, domain.count), at: &position)
                return position
            })
            batch.fullNames.append(String(unsafeUninitializedCapacity: first.displayCount + 1 + last.displayCount) { buffer in
                var position = 0
                buffer.copy(slice(first.displayStart, first.displayCount), at: &position)
                buffer.put(UInt8(ascii: " "), at: &position)
                buffer.copy(slice(last.displayStart, last.displayCount), at: &position)
                return position
            })
        }
        return cultureIndex
    }

    /// Number of decimal digits of `value` (≥ 0).
    static func decimalDigitCount(_ value: Int64) -> Int {
        precondition(value >= 0, "decimalDigitCount needs a non-negative value, got \(value)")
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// Writes `value` (≥ 0) as exactly `digits` decimal digits into `buffer` from `position`,
    /// advancing it.
    static func writeDecimal(_ value: Int64, digits: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: inout Int) {
        var rest = value
        var index = position + digits - 1
        while index >= position {
            buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
        position += digits
    }
}
