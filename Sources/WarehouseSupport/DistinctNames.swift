/// `names` made distinct ignoring case (`lowercased()`), as SQLite compares identifiers and Spark
/// column names: a name equal, ignoring case, to a `reserved` one or to an earlier result gets
/// `_2`, `_3`, … (the first free). Names already distinct are kept as they are.
package func distinctIgnoringCase(_ names: [String], reserved: [String] = []) -> [String] {
    var taken = Set(reserved.map { $0.lowercased() })
    return names.map { name in
        var candidate = name
        var suffix = 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(name)_\(suffix)"
            suffix += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }
}
