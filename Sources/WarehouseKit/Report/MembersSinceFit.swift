/// The sentence that keeps a run's fit-time sizes from misleading once `warehouse assign` has
/// placed more users: `segments.users` (the size table, the charts' shares) is the count at the
/// fit and never changes; `segment_assignments` holds the members now. Nil when nobody was
/// assigned since the fit (the two agree, up to users deleted since).
enum MembersSinceFit {
    static func text(_ view: RunView) -> String? {
        guard view.assignedSinceFit > 0 else { return nil }
        let now = view.membersNow.enumerated().map { "\($0.offset + 1): \(Format.count($0.element))" }.joined(separator: ", ")
        return "sizes here are those of the fit (\(Format.plural(view.record.users, "user"))); since then `warehouse assign` "
            + "placed \(Format.plural(view.assignedSinceFit, "more user")), so the run's segments now hold "
            + "\(Format.plural(view.membersNow.reduce(0, +), "user")) (segment: members now) \(now)."
    }
}
