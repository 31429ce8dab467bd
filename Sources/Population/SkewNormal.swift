/// Azzalini's skew-normal distribution SN(ξ, ω, α).
///
/// Density `2/ω · φ((x−ξ)/ω) · Φ(α(x−ξ)/ω)`. Sampled by the convolution representation: with
/// `δ = α / √(1+α²)` and independent standard normals `u₀, u₁`,
/// `z = δ·|u₀| + √(1−δ²)·u₁ ~ SN(0, 1, α)` and `x = ξ + ω·z`.
///
/// Moments: `E[x] = ξ + ωδ√(2/π)`, `Var[x] = ω²(1 − 2δ²/π)`; `α > 0` skews right.
public struct SkewNormal: Sendable, Equatable {
    /// Location ξ (same unit as the samples).
    public let location: Double
    /// Scale ω > 0 (same unit as the samples).
    public let scale: Double
    /// Shape α (dimensionless); 0 gives the normal distribution.
    public let shape: Double

    /// - Precondition: `scale > 0` and all parameters finite.
    public init(location: Double, scale: Double, shape: Double) {
        precondition(location.isFinite && shape.isFinite, "SkewNormal needs finite parameters, got ξ=\(location) α=\(shape)")
        precondition(scale > 0 && scale.isFinite, "SkewNormal needs a finite scale ω > 0, got ω=\(scale)")
        self.location = location
        self.scale = scale
        self.shape = shape
    }

    /// δ = α / √(1+α²), in (−1, 1).
    public var delta: Double { shape / (1 + shape * shape).squareRoot() }

    /// E[x] = ξ + ωδ√(2/π).
    public var mean: Double { location + scale * delta * (2 / Double.pi).squareRoot() }

    /// Var[x] = ω²(1 − 2δ²/π).
    public var variance: Double { scale * scale * (1 - 2 * delta * delta / Double.pi) }

    /// One draw, from two ziggurat normals.
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        let d = shape / (1 + shape * shape).squareRoot()
        let u0 = generator.zigguratNormal()
        let u1 = generator.zigguratNormal()
        let z = d * abs(u0) + (1 - d * d).squareRoot() * u1
        return location + scale * z
    }
}
