import Randomness

/// A uniform random subset of `count` distinct indices from `0..<population`, ascending.
///
/// Robert Floyd's algorithm: for j = population − count … population − 1 draw t uniform in 0…j
/// and take t, or j if t is already taken. Every subset of size `count` is equally likely; it
/// costs `count` draws and O(count) memory whatever the population. The result depends only on
/// the generator's state (the set is sorted before it is returned).
///
/// - Precondition: `0 <= count <= population`.
public func sampleIndices<G: RandomNumberGenerator>(population: Int, count: Int, generator: inout G) -> [Int] {
    precondition(count >= 0 && count <= population, "cannot sample \(count) of \(population) indices")
    if count == population { return Array(0..<population) }
    var chosen = Set<Int>(minimumCapacity: count)
    for j in (population - count)..<population {
        let t = generator.uniformIndex(below: j + 1)
        if chosen.contains(t) {
            chosen.insert(j)
        } else {
            chosen.insert(t)
        }
    }
    return chosen.sorted()
}

/// Stream keys for the generators the module derives from one user seed with
/// `SplitMix64(seed:_:)`, so that no two uses share a stream.
enum StreamKey {
    static let elbowFitSample: UInt64 = 0xE1B0_0001
    static let elbowSilhouetteSample: UInt64 = 0xE1B0_0002
    static let elbowRun: UInt64 = 0xE1B0_0003
    static let silhouetteSample: UInt64 = 0x5117_0001
}
