import Charts
import WarehouseTables

/// Everything the run part of the report draws, gathered in one place.
struct RunView: Sendable {
    /// A sampled user on the PCA map.
    struct Point: Sendable {
        let x: Double
        let y: Double
        /// 1…k.
        let segment: Int
        /// Index in `categoryNames`; nil for a user with no likes.
        let topCategory: Int?
        let userID: Int64
        /// Years.
        let age: Int
        /// Liked posts per category, in `categoryNames` order.
        /// Interest per category (likes, or the run's window sums).
        let likes: [Double]
        /// PC1…PCm (m = min(3, the run's components)); `x`, `y` are the first two.
        let scores: [Double]
    }

    let record: RunRecord
    let tables: RunTables
    /// Sampled users with stored scores, in user-id order.
    let points: [Point]
    /// Users assigned in the run (the population the sample is drawn from).
    let assignedUsers: Int
    /// `crossTab[(segment − 1) * personaColumns.count + column]`: users of a segment per planted
    /// persona; nil when the warehouse has no personas.
    let crossTab: [Int]?
    /// Persona names, plus "none" when some assigned users have no persona.
    let personaColumns: [String]
    let categoryNames: [String]
    /// Subcategories in id order: id, name, and the name of their category.
    let subcategories: [(id: Int, name: String, category: String)]
    let sampleSeed: UInt64
    /// The segments' names and descriptions (`SegmentNaming`).
    var names: [SegmentName] = []
    /// PC3 scores, loadings, the latent-class sweep and certainty.
    var extras: ReportRunExtras? = nil
    /// The run's members now, per segment (index segment − 1): fitted or placed later by
    /// `warehouse assign`, still in `users`, passing the report's filter. `segments.users` (what
    /// `tables.segments` holds) stays the count at the fit; these are the current figures.
    var membersNow: [Int] = []
    /// Of `membersNow`, the users `warehouse assign` placed after the fit.
    var assignedSinceFit = 0
    /// The warehouse's words for its counts (`DataWords`): liked posts, or likes.
    var words = DataWords.seededWords

    /// "PC1 (45.2% of variance)", or "PC1" when the ratio is not stored.
    func axisLabel(component: Int) -> String {
        guard let line = tables.components.first(where: { $0.component == component }), line.ratio.isFinite else {
            return "PC\(component)"
        }
        return "PC\(component) (\(Format.percent(line.ratio, 1)) of variance)"
    }
}

