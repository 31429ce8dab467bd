import WarehouseTables

/// What `recommend` counts as an interest the user already has (its default suggests only the
/// others): a subcategory with an all-time like (`user_likes`), or, for a run with a window, one
/// with an interaction the run counts (a kind its weights give a positive weight, passing the
/// kind's value rule: a rating ≥ 4 under `--min-value rating=4`) at any moment up to the run's
/// as-of, whatever the window's length and half-life.
///
/// Likes alone are not enough where interest is not a `like`: a warehouse imported from ratings
/// has no `user_likes` rows, and judged by them every genre a user had rated 4 stars was "new to
/// them" (on MovieLens, 1,996 of recommend's 2,007 default suggestions; scripts/real-ratings.sh).
/// With the run's kinds this is `evaluate`'s new-interest rule (no positive interaction up to the
/// cut), so `evaluate`'s `model` new-interest figures are what `recommend` suggests.
enum AlreadyEngaged {
    /// The window whose sums are > 0 exactly where the user engaged as the run counts up to its
    /// as-of: the run's as-of and kind weights, every moment before it, no decay.
    static func window(of run: InteractionWindow) -> InteractionWindow {
        InteractionWindow(asOf: run.asOf, windowSeconds: nil, halfLifeSeconds: nil, weights: run.weights)
    }

    /// Whether the run's own read holds the engagement already: with no window length its
    /// counts reach back to the start (their undecayed sums, read in the same pass, are > 0
    /// exactly where the user engaged; decayed sums could underflow to 0 after ~1,074
    /// half-lives). With a window length the earlier interactions need a read of their own.
    static func isInTheRunsRead(_ run: InteractionWindow) -> Bool {
        run.windowSeconds == nil
    }

    /// Whether the all-time likes already hold the engagement: the run counts likes alone (every
    /// kind it weighs above 0 is `like`), every like interaction is a `user_likes` row (seed and
    /// import write both in one transaction), so a subcategory the run counted is one the user
    /// liked. Then nothing more is read: not the interactions before the window (at a million users
    /// with a 90-day window that read is the whole year, 88M rows, and made `recommend --all` 2.2×
    /// a run; 2026-12-07, BENCHMARKS.md), nor the undecayed sums beside the run's own.
    static func isInTheLikes(_ run: InteractionWindow) -> Bool {
        run.weights.allSatisfy { $0.kind == "like" || $0.weight == 0 }
    }

    /// Of a read of the run's window (with `undecayed` asked for when it has a half-life): the
    /// sums that are > 0 exactly where the user engaged, when `isInTheRunsRead`.
    static func engagement(inTheRunsRead data: WarehouseData) -> [Double] {
        data.undecayedLikes ?? data.subcategoryLikes
    }

    /// Marks in `liked` (users × subcategories, row-major, as `engaged`) every cell where
    /// `engaged` is > 0: afterwards a cell is > 0 wherever the user liked or engaged.
    /// - Precondition: equal counts.
    static func mark(_ liked: inout [Double], engaged: [Double]) {
        precondition(liked.count == engaged.count, "likes and engagement of different users")
        for index in engaged.indices where engaged[index] > 0 && liked[index] <= 0 { liked[index] = 1 }
    }
}
