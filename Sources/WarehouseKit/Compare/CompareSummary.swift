import WarehouseTables

/// `warehouse compare A B`: how far two runs agree on the users they both segment (fitted or
/// assigned): adjusted Rand index, the maximum-overlap matching of their segments and each
/// matched pair's Jaccard overlap (see `SegmentOverlap`).
public struct CompareSummary: Sendable, Encodable {
    public let runA: Int64
    public let runB: Int64
    /// Users with a segment in A, in B, and in both (the comparison is over the last).
    public let usersA: Int
    public let usersB: Int
    public let overlap: SegmentOverlap
    /// Each run's segment names (`SegmentNaming`).
    public let namesA: [SegmentName]
    public let namesB: [SegmentName]
    /// With probabilities in both runs (latent-class runs): their soft agreement; else nil.
    public private(set) var softAgreement: SoftAgreement?
    /// Whether run B is a latent-class run: `--align-to` renumbers only a k-means run, so the
    /// renumbering hint is given only when a new run like B could take it.
    public var runBIsLatentClass = false

    /// Whether every matched pair already has the same number (nothing to realign).
    public var numbersAgree: Bool { overlap.pairs.allSatisfy { $0.a == $0.b } }

    public func json() throws -> String { try Format.json(self) }

    /// JSON: every list is of labelled objects (segment numbers named), `overlap` as before but with
    /// `counts` as (segment_a, segment_b, users) cells and sizes as (segment, users).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(runA, forKey: .runA)
        try container.encode(runB, forKey: .runB)
        try container.encode(usersA, forKey: .usersA)
        try container.encode(usersB, forKey: .usersB)
        try container.encode(numbersAgree, forKey: .numbersAgree)
        try container.encode(OverlapJSON(overlap), forKey: .overlap)
        try container.encode(softAgreement, forKey: .softAgreement)
        try container.encode(namesA.map { NameJSON(segment: $0.segment, name: $0.name, nameSource: $0.source) }, forKey: .segmentNamesA)
        try container.encode(namesB.map { NameJSON(segment: $0.segment, name: $0.name, nameSource: $0.source) }, forKey: .segmentNamesB)
    }

    private enum Keys: String, CodingKey {
        case runA, runB, usersA, usersB, numbersAgree, overlap, softAgreement, segmentNamesA, segmentNamesB
    }

    private struct NameJSON: Encodable { let segment: Int, name: String, nameSource: String }

    private struct OverlapJSON: Encodable {
        struct Cell: Encodable { let segmentA: Int, segmentB: Int, users: Int }
        struct Size: Encodable { let segment: Int, users: Int }
        struct Pair: Encodable { let a: Int, b: Int, overlap: Int, jaccard: Double, sizeA: Int, sizeB: Int }
        let kA: Int, kB: Int, users: Int, adjustedRandIndex: Double
        let counts: [Cell]
        let sizesA: [Size], sizesB: [Size]
        let pairs: [Pair]
        let unmatchedA: [Size], unmatchedB: [Size]

        init(_ o: SegmentOverlap) {
            kA = o.kA
            kB = o.kB
            users = o.users
            adjustedRandIndex = o.adjustedRandIndex
            counts = o.counts.enumerated().map { Cell(segmentA: $0.offset / o.kB + 1, segmentB: $0.offset % o.kB + 1, users: $0.element) }
            sizesA = o.sizesA.enumerated().map { Size(segment: $0.offset + 1, users: $0.element) }
            sizesB = o.sizesB.enumerated().map { Size(segment: $0.offset + 1, users: $0.element) }
            pairs = o.pairs.map { Pair(a: $0.a, b: $0.b, overlap: $0.overlap, jaccard: $0.jaccard,
                                       sizeA: o.sizesA[$0.a - 1], sizeB: o.sizesB[$0.b - 1]) }
            unmatchedA = o.unmatchedA.map { Size(segment: $0, users: o.sizesA[$0 - 1]) }
            unmatchedB = o.unmatchedB.map { Size(segment: $0, users: o.sizesB[$0 - 1]) }
        }
    }

    public func render() -> String {
        typealias F = Format
        let o = overlap
        var lines = [
            "run \(runA) (k = \(o.kA), \(F.plural(usersA, "user"))) vs run \(runB) (k = \(o.kB), \(F.plural(usersB, "user"))): "
                + "\(F.plural(o.users, "user")) in both",
            "adjusted Rand index \(F.score(o.adjustedRandIndex)) (1: the same segments up to numbering; about 0: unrelated)",
        ]
        if let soft = softAgreement {
            lines += F.wrapped(["soft agreement \(F.score(soft.value)): mean probability of the matched segment",
                                "\(runA)→\(runB) \(F.score(soft.aToB)), \(runB)→\(runA) \(F.score(soft.bToA))",
                                "over \(F.plural(soft.users, "user")) (1: both sure and agreeing)"],
                               lead: "", separator: "; ", indent: "  ")
        }
        lines += [
            "segments matched by most shared users (Jaccard = shared / in either):",
        ]
        var table = TextTable([("run \(runA)", .right), ("run \(runB)", .right), ("shared", .right), ("jaccard", .right),
                               ("size in \(runA)", .right), ("size in \(runB)", .right)])
        for pair in o.pairs {
            table.append([String(pair.a), String(pair.b), F.count(pair.overlap), F.score(pair.jaccard),
                          F.count(o.sizesA[pair.a - 1]), F.count(o.sizesB[pair.b - 1])])
        }
        lines.append(contentsOf: table.lines(indent: "  "))
        if !namesA.isEmpty || !namesB.isEmpty {
            func name(_ names: [SegmentName], _ segment: Int) -> String {
                let text = F.printable(names.first { $0.segment == segment }?.name ?? F.absent)
                return text.count > 40 ? String(text.prefix(39)) + "…" : text
            }
            lines.append("matched segments' names:")
            var names = TextTable([("run \(runA)", .right), ("name", .left), ("run \(runB)", .right), ("name", .left)])
            for pair in o.pairs { names.append([String(pair.a), name(namesA, pair.a), String(pair.b), name(namesB, pair.b)]) }
            lines.append(contentsOf: names.lines(indent: "  "))
        }
        for (run, segments, sizes) in [(runA, o.unmatchedA, o.sizesA), (runB, o.unmatchedB, o.sizesB)] where !segments.isEmpty {
            lines += F.wrapped(segments.map { "segment \($0) (\(F.plural(sizes[$0 - 1], "user")))" },
                               lead: "unmatched in run \(run): ", separator: ", ")
        }
        if numbersAgree {
            lines.append("matched segments have the same numbers in both runs")
        } else {
            lines.append("matched segments are numbered differently;")
            lines.append(runBIsLatentClass
                ? "  run \(runB) is latent-class, which --align-to cannot renumber yet: read the table above"
                : "  `run-segmentation --align-to \(runA)` numbers a new run like run \(runA)")
        }
        return lines.joined(separator: "\n")
    }
}
