import WarehouseTables

/// The report of the users a user filter passes: the warehouse's rows of those users, and the
/// note at the top of the page that says which figures the filter restricts.
enum FilteredPopulation {
    /// The rows of `data` whose user id is in `ids` (ascending, as `UsersTable.ids(passing:)`
    /// reads them), in the same order; one merge pass over both.
    static func rows(of data: WarehouseData, passing ids: [Int64]) -> WarehouseData {
        var out = WarehouseData(categories: data.categories, subcategories: data.subcategories)
        out.window = data.window
        let s = data.subcategories.count, c = data.categories.count
        var next = 0
        for row in 0..<data.userCount {
            let user = data.userIDs[row]
            while next < ids.count && ids[next] < user { next += 1 }
            guard next < ids.count && ids[next] == user else { continue }
            out.userIDs.append(user)
            out.ages.append(data.ages[row])
            out.likedPosts.append(data.likedPosts[row])
            if row < data.personaIDs.count { out.personaIDs.append(data.personaIDs[row]) }
            if row < data.genderGroups.count { out.genderGroups.append(data.genderGroups[row]) }
            out.subcategoryLikes += data.subcategoryLikes[(row * s)..<((row + 1) * s)]
            out.categoryLikes += data.categoryLikes[(row * c)..<((row + 1) * c)]
        }
        return out
    }

    /// The note at the top of a filtered page: what is of the filtered users, what is not.
    static func note(_ filter: UserFilter, users: Int, into page: inout ReportPage) {
        page.section(id: "filter", title: "Filter: \(filter)")
        page.note(id: "note-filter", title: "Only users passing \(filter)",
                  text: "the population, the segments' composition (who the segments are), the scatter plots' sample and "
                    + "segments × personas are of these \(Format.plural(users, "user")). The run's own figures (segment sizes, "
                    + "lift, top interests, elbow, parameters) are the run as fitted, over all its users.")
    }
}
