#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness

/// The number of posts a user has liked: a zero-inflated, discretised, clipped log-normal.
///
/// With probability `lurkerShare` the user is a lurker with 0 likes. Otherwise
/// `n = clamp(round(median · exp(σ·z)), 1, maximum)` with `z ~ N(0, 1)`; so active users have at
/// least one like and the median of active users is `median`.
///
/// Before rounding and clipping `E[n] = (1 − lurkerShare) · median · e^{σ²/2}` and the
/// log-normal's skewness is `(e^{σ²} + 2)·√(e^{σ²} − 1)` (6.2 for σ = 1).
///
/// Standard parameters: median 40, σ = 1.0, lurkers 2 %, maximum 20,000 (approximate mean
/// 0.98 · 40 · e^{0.5} = 64.6). Measured on 100,000 users: mean 65.1, median 39, sd 89.6, sample
/// skewness 7.3, maximum 3,833, lurkers 1.96 %. With the standard personas a user has 7.7 like rows
/// (distinct subcategories) on average.
public struct LikedPostsDistribution: Sendable, Equatable {
    /// Median of active (non-lurker) users, in posts.
    public let median: Double
    /// Standard deviation σ of `log n` for active users.
    public let sigma: Double
    /// Probability of a lurker with 0 likes, in [0, 1).
    public let lurkerShare: Double
    /// Upper clip, in posts.
    public let maximum: Int

    /// - Precondition: `median >= 1`, `sigma >= 0`, `0 <= lurkerShare < 1`, `maximum >= 1`.
    public init(median: Double, sigma: Double, lurkerShare: Double, maximum: Int) {
        precondition(median >= 1 && median.isFinite, "LikedPostsDistribution needs a finite median >= 1, got \(median)")
        precondition(sigma >= 0 && sigma.isFinite, "LikedPostsDistribution needs a finite sigma >= 0, got \(sigma)")
        precondition(lurkerShare >= 0 && lurkerShare < 1, "LikedPostsDistribution needs 0 <= lurkerShare < 1, got \(lurkerShare)")
        precondition(maximum >= 1 && maximum <= Int(Int32.max), "LikedPostsDistribution needs 1 <= maximum <= Int32.max, got \(maximum)")
        self.median = median
        self.sigma = sigma
        self.lurkerShare = lurkerShare
        self.maximum = maximum
    }

    /// Median 40, σ = 1.0, 2 % lurkers, at most 20,000.
    public static let standard = LikedPostsDistribution(median: 40, sigma: 1.0, lurkerShare: 0.02, maximum: 20_000)

    /// Mean of the unrounded, unclipped model, `(1 − lurkerShare) · median · e^{σ²/2}`.
    public var approximateMean: Double { (1 - lurkerShare) * median * exp(sigma * sigma / 2) }

    /// One count in `0…maximum`: one uniform, plus one ziggurat normal for active users.
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        if generator.uniform01() < lurkerShare { return 0 }
        let posts = (median * exp(sigma * generator.zigguratNormal())).rounded()
        if posts <= 1 { return 1 }
        if posts >= Double(maximum) { return maximum }
        return Int(posts)
    }
}
