/// A way to rank subcategories for a user, as `evaluate` scores them (the names scripts read).
public enum Ranker: String, CaseIterable, Sendable {
    /// Each subcategory's positive interactions before the cut, over all users: one ranking for all.
    case popularity
    /// The user's own counts under the fit's window, weights and half-life.
    case history
    /// The share of the counts of the user's segment (the population's for a user the fit left out).
    case segment
    /// The warehouse's predictive ranking (`PredictiveModel`).
    case model
    /// The posterior predictive under the planted personas' α and age weights (seeded warehouses).
    case planted
    /// Each user's true preference at the cut, from the generator (seeded warehouses).
    case oracle

    /// The baselines every other ranker is paired against.
    public static let baselines: [Ranker] = [.popularity, .history, .segment]
}

/// Which users and which subcategories a figure is over.
public enum EvaluationVariant: String, CaseIterable, Sendable {
    /// Users with a positive interaction before the cut and one in the horizon; every subcategory.
    case all
    /// Those users, ranking only subcategories they had no positive interaction with before the
    /// cut; scored when one of those is relevant.
    case newInterest = "new_interest"
    /// Users with a positive interaction in the horizon and none before the cut.
    case coldStart = "cold_start"
}
