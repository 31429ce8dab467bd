/// Folds display names to lower-case ASCII letters for usernames and e-mail local parts.
///
/// Steps: lower-case the name (Unicode default case mapping), then per Unicode scalar: keep
/// `a…z`; drop other ASCII (spaces, hyphens, apostrophes); drop combining diacritical marks
/// (U+0300…U+036F, e.g. the dot that lower-casing "İ" leaves); map the precomposed letters of
/// the table below (e.g. é → e, ß → ss, ł → l, ø → o, þ → th, ễ → e). German umlauts fold to the
/// bare vowel (ü → u), as Faker does. Any other scalar makes the fold fail, so a name list
/// entry that cannot be folded is caught by the tests rather than silently mangled.
public enum ASCIIFolding {
    /// Groups of lower-case precomposed letters and their ASCII replacement.
    static let groups: [(replacement: String, letters: String)] = [
        ("a", "àáâãäåāăąạảấầẩẫậắằẳẵặ"),
        ("ae", "æ"),
        ("c", "çćč"),
        ("d", "đďð"),
        ("e", "èéêëēėęěẹẻẽếềểễệ"),
        ("g", "ğ"),
        ("i", "ìíîïĩīįıỉị"),
        ("l", "ł"),
        ("n", "ñńň"),
        ("o", "òóôõöøōőơọỏốồổỗộớờởỡợ"),
        ("oe", "œ"),
        ("r", "ř"),
        ("s", "śšşș"),
        ("ss", "ß"),
        ("t", "ťţț"),
        ("th", "þ"),
        ("u", "ùúûüũūůűưụủứừửữự"),
        ("y", "ýÿỳỵỷỹ"),
        ("z", "źżž"),
    ]

    /// Scalar → replacement, built once from `groups`.
    static let table: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for group in groups {
            for scalar in group.letters.unicodeScalars {
                table[scalar] = group.replacement
            }
        }
        return table
    }()

    /// The lower-case ASCII letters of `name` (possibly empty), or `nil` when `name` contains a
    /// letter the table does not cover.
    public static func fold(_ name: String) -> String? {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A:
                result.unicodeScalars.append(scalar)
            case 0x00...0x7F, 0x300...0x36F:
                continue
            default:
                guard let replacement = table[scalar] else { return nil }
                result += replacement
            }
        }
        return result
    }
}
