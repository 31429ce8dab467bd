import Randomness

/// A seeded simple random sample without replacement, for the scatter plots.
enum UserSample {
    /// `min(size, population)` distinct indices in `0..<population`, ascending, chosen uniformly by
    /// Floyd's algorithm (one `SplitMix64` draw per chosen index, O(size) memory whatever the
    /// population). Depends only on `(population, size, seed)`.
    static func indices(population: Int, size: Int, seed: UInt64) -> [Int] {
        let m = min(max(0, size), population)
        guard m < population else { return Array(0..<population) }
        var generator = SplitMix64(seed: seed)
        var chosen = Set<Int>(minimumCapacity: m)
        for j in (population - m)..<population {
            let t = generator.uniformIndex(below: j + 1)
            if chosen.contains(t) { chosen.insert(j) } else { chosen.insert(t) }
        }
        return chosen.sorted()
    }
}
