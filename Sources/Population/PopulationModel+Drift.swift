import Randomness

/// A user's interest drift (generator v2): whether the persona changes during the period, when,
/// and to which persona. The generator and the truth (`preference(seed:userID:…)`) both take it
/// from `PopulationModel.drawDrift`, so what the rows show and what the truth says cannot diverge.
struct Drift {
    /// Whether the user changes persona: `personas.count > 1` and a uniform below `driftShare`.
    let moves: Bool
    /// The first moment of the new persona, uniform on `periodStart + 1 … asOf` (drawn whether or
    /// not the user moves, so the stream's later draws do not depend on `moves`).
    let at: Int64
    /// The new persona's index, uniform among the other personas (drawn whether or not the user moves).
    let persona: Int

    /// Whether the new persona and preference are in force at `moment`: `moves` and `moment ≥ at`.
    func isAfterChange(_ moment: Int64) -> Bool { moves && moment >= at }
}

extension PopulationModel {
    /// Draws the drift of a user of persona index `persona` from its `.drift` stream (three draws,
    /// in this order: the move's uniform, the moment, the persona offset) and, when it moves,
    /// writes the new preference ~ Dirichlet(α of the new persona) from its `.driftPreference`
    /// stream into `preference` (left untouched otherwise).
    /// - Precondition: `preference.count == subcategories.count`.
    func drawDrift(persona: Int, streams: UserStreams, timeline: InteractionModel, preference: inout [Double]) -> Drift {
        var drift = streams.stream(.drift)
        let moves = personas.count > 1 && drift.uniform01() < timeline.driftShare
        let span = Int64(timeline.days) * CivilCalendar.secondsPerDay
        let at = timeline.periodStart + 1 + Int64(drift.uniformIndex(below: Int(span)))
        let newPersona = (persona + 1 + drift.uniformIndex(below: max(1, personas.count - 1))) % personas.count
        if moves {
            var driftStream = streams.stream(.driftPreference)
            dirichlets[newPersona].sample(into: &preference, using: &driftStream)
        }
        return Drift(moves: moves, at: at, persona: newPersona)
    }
}
