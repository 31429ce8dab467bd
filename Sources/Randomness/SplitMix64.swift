/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by the golden-ratio increment
/// `0x9E3779B97F4A7C15` and passed through a bijective finaliser (Stafford's "Mix13").
///
/// It passes BigCrush, is seedable with any 64-bit value (zero included), and its finaliser is
/// also a good stateless hash, which `derived(_:_:)` uses to give every (seed, key, field) its own
/// independent stream. Never the system generator: results depend only on the seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The golden-ratio increment, ⌊2⁶⁴/φ⌋ rounded to odd.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    @usableFromInline
    var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator whose stream is a pure function of `(seed, keys…)`: the stream for user 42's
    /// age does not depend on how many numbers any other user consumed, so generation can be
    /// split across threads or appended later and still give identical values.
    public init(seed: UInt64, _ keys: UInt64...) {
        var h = SplitMix64.mix(seed &+ SplitMix64.increment)
        for key in keys {
            h = SplitMix64.mix(h ^ SplitMix64.mix(key &+ SplitMix64.increment))
        }
        state = h
    }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// Stafford's Mix13 finaliser: a bijection on 64-bit words with full avalanche.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
