#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness

/// The gamma distribution Gamma(k, 1) with shape `k > 0` and unit scale (density
/// `x^{k−1} e^{−x} / Γ(k)`, mean `k`, variance `k`).
///
/// Sampled by Marsaglia and Tsang (2000): for `k ≥ 1`, with `d = k − 1/3` and `c = 1/√(9d)`, draw
/// `x ~ N(0,1)`, `v = (1 + c·x)³`, `u ~ U(0,1)` until `v > 0` and either the squeeze
/// `u < 1 − 0.0331·x⁴` or `log u < x²/2 + d(1 − v + log v)` holds, then return `d·v` (acceptance
/// ≥ 95 %), with `x` from the ziggurat normal. For `k < 1` the boost
/// `Gamma(k) = Gamma(k + 1) · U^{1/k}` is used; when `1/k` is a whole number `m ≤ 16` (e.g.
/// `k = 1/6`) `U^m` is computed by repeated squaring instead of `exp(log(U)/k)`: the same
/// distribution (up to the rounding of `1/k` to `m`) for a fraction of the cost.
public struct Gamma: Sendable, Equatable {
    /// Shape k > 0.
    public let shape: Double
    /// d = k' − 1/3 with k' = max(k, k + 1 if k < 1).
    let d: Double
    /// c = 1 / √(9d).
    let c: Double
    /// 1/k when boosting (k < 1), else 0.
    let boostExponent: Double
    /// `1/k` when it is a whole number in 2…16 (then `U^{1/k}` is computed by multiplication),
    /// else 0.
    let integerBoostExponent: Int

    /// - Precondition: `shape > 0` and finite.
    public init(shape: Double) {
        precondition(shape > 0 && shape.isFinite, "Gamma needs a finite shape > 0, got \(shape)")
        self.shape = shape
        let boosted = shape < 1 ? shape + 1 : shape
        d = boosted - 1.0 / 3.0
        c = 1 / (9 * d).squareRoot()
        boostExponent = shape < 1 ? 1 / shape : 0
        let whole = boostExponent.rounded()
        integerBoostExponent = whole >= 2 && whole <= 16 && abs(boostExponent - whole) <= 1e-9 * whole ? Int(whole) : 0
    }

    /// One draw, ≥ 0 (it can underflow to 0 only for tiny shapes).
    @inline(__always)
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        var value: Double
        while true {
            let x = generator.zigguratNormal()
            var v = 1 + c * x
            if v <= 0 { continue }
            v = v * v * v
            let u = generator.uniformOpen01()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v)) {
                value = d * v
                break
            }
        }
        if integerBoostExponent != 0 {
            value *= Self.power(generator.uniformOpen01(), integerBoostExponent)
        } else if boostExponent != 0 {
            value *= exp(log(generator.uniformOpen01()) * boostExponent)
        }
        return value
    }

    /// `base^exponent` for `exponent ≥ 1` by repeated squaring.
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        var factor = base
        var rest = exponent
        while rest > 0 {
            if rest & 1 == 1 { result *= factor }
            factor *= factor
            rest >>= 1
        }
        return result
    }
}
