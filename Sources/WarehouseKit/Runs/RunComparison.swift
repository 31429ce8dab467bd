/// `warehouse compare A B`: how far two runs agree on the users they both segment (fitted or
/// assigned): adjusted Rand index, the maximum-overlap matching of their segments and each
/// matched pair's Jaccard overlap (see `SegmentOverlap`).
public struct RunComparison: Sendable, Encodable {
    public let runA: Int64
    public let runB: Int64
    /// Users with a segment in A, in B, and in both (the comparison is over the last).
    public let usersA: Int
    public let usersB: Int
    public let overlap: SegmentOverlap

    /// Whether every matched pair already has the same number (nothing to realign).
    public var numbersAgree: Bool { overlap.pairs.allSatisfy { $0.a == $0.b } }

    public static func compare(store: WarehouseStore, _ a: RunSelector, _ b: RunSelector) throws -> RunComparison {
        try store.snapshot {
            let connection = store.connection
            let recordA = try a.record(in: connection)
            let recordB = try b.record(in: connection)
            let labelsA = try RunLabels.read(run: recordA.id, from: connection)
            let labelsB = try RunLabels.read(run: recordB.id, from: connection)
            let common = RunLabels.common(labelsA, labelsB)
            guard !common.userIDs.isEmpty else {
                throw WarehouseError.invalidArgument("runs \(recordA.id) and \(recordB.id) share no user; there is nothing to compare")
            }
            for (labels, record) in [(common.a, recordA), (common.b, recordB)] {
                if let bad = labels.first(where: { $0 < 1 || Int($0) > record.k }) {
                    throw WarehouseError.brokenInvariant("run \(record.id) has segment \(bad), outside 1…\(record.k)")
                }
            }
            return RunComparison(runA: recordA.id, runB: recordB.id, usersA: labelsA.userIDs.count, usersB: labelsB.userIDs.count,
                                 overlap: SegmentOverlap(common.a, k: recordA.k, common.b, k: recordB.k))
        }
    }

    public func json() throws -> String {
        try TargetingFormat.json(JSONView(runA: runA, runB: runB, usersA: usersA, usersB: usersB, numbersAgree: numbersAgree,
                                          overlap: overlap))
    }

    private struct JSONView: Encodable {
        let runA: Int64, runB: Int64, usersA: Int, usersB: Int, numbersAgree: Bool, overlap: SegmentOverlap
    }

    public func render() -> String {
        typealias F = TargetingFormat
        let o = overlap
        var lines = [
            "run \(runA) (k = \(o.kA), \(F.count(usersA)) users) vs run \(runB) (k = \(o.kB), \(F.count(usersB)) users): "
                + "\(F.count(o.users)) users in both",
            "adjusted Rand index \(fixed(o.adjustedRandIndex, 4)) (1: the same segments up to numbering; about 0: unrelated)",
            "segments matched by most shared users (Jaccard = shared / in either):",
        ]
        var table = TextTable([("run \(runA)", .right), ("run \(runB)", .right), ("shared", .right), ("jaccard", .right),
                               ("size in \(runA)", .right), ("size in \(runB)", .right)])
        for pair in o.pairs {
            table.append([String(pair.a), String(pair.b), F.count(pair.overlap), fixed(pair.jaccard, 3),
                          F.count(o.sizesA[pair.a - 1]), F.count(o.sizesB[pair.b - 1])])
        }
        lines.append(contentsOf: table.lines(indent: "  "))
        for (run, segments, sizes) in [(runA, o.unmatchedA, o.sizesA), (runB, o.unmatchedB, o.sizesB)] where !segments.isEmpty {
            lines.append("unmatched in run \(run): " + segments.map { "segment \($0) (\(F.count(sizes[$0 - 1])) users)" }
                .joined(separator: ", "))
        }
        lines.append(numbersAgree
            ? "matched segments have the same numbers in both runs"
            : "matched segments are numbered differently; `run-segmentation --align-to \(runA)` numbers a new run like run \(runA)")
        return lines.joined(separator: "\n")
    }
}
