import WarehouseSupport
import WarehouseTables

/// How much membership probability two runs with probabilities (latent-class runs) put on
/// matching segments, beside the hard adjusted Rand index:
///
///     A→B = mean over shared users u of P_B(M(a_u) | u)
///     B→A = mean over shared users u of P_A(M⁻¹(b_u) | u)
///     soft agreement = (A→B + B→A) / 2
///
/// with a_u, b_u the user's segments, M the maximum-overlap matching of `SegmentOverlap` (a user
/// whose segment is unmatched contributes 0) and P a run's stored probability of a segment: the
/// member's probability for its own segment, the runner-up's for the runner-up, 0 otherwise (only
/// the two most probable are stored, so this is a lower bound, short by at most the users' mass
/// beyond their top two). 1: both runs are certain and agree; it falls as either run is unsure
/// or the runs disagree.
public struct SoftAgreement: Sendable, Equatable, Encodable {
    public let aToB: Double
    public let bToA: Double
    public let value: Double
    /// Shared users with probabilities in both runs (the means are over them).
    public let users: Int

    /// nil when no user has probabilities in both runs.
    static func measure(_ a: MembershipTables.UserMemberships, _ b: MembershipTables.UserMemberships,
                        pairs: [SegmentOverlap.Pair]) -> SoftAgreement? {
        var matchAB: [Int32: Int32] = [:], matchBA: [Int32: Int32] = [:]
        for pair in pairs {
            matchAB[Int32(pair.a)] = Int32(pair.b)
            matchBA[Int32(pair.b)] = Int32(pair.a)
        }
        func probability(_ m: MembershipTables.UserMemberships, _ row: Int, of segment: Int32?) -> Double {
            guard let segment else { return 0 }
            if m.segments[row] == segment { return m.probabilities[row] }
            if m.runnerUps[row] == segment { return m.runnerUpProbabilities[row] }
            return 0
        }
        var users = 0
        var sumAB = 0.0, sumBA = 0.0
        forEachCommonIndex(a.userIDs, b.userIDs) { i, j in
            sumAB += probability(b, j, of: matchAB[a.segments[i]])
            sumBA += probability(a, i, of: matchBA[b.segments[j]])
            users += 1
        }
        guard users > 0 else { return nil }
        let ab = sumAB / Double(users), ba = sumBA / Double(users)
        return SoftAgreement(aToB: ab, bToA: ba, value: (ab + ba) / 2, users: users)
    }
}
