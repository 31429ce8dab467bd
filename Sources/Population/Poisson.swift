#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness

/// Poisson draws for event counts.
///
/// For `λ < 30`, inversion by sequential search (exact; about `λ + 1` uniforms' worth of
/// arithmetic, one uniform); above, the normal approximation `round(λ + √λ·z)` clipped at 0
/// (total variation below 2 % at λ = 30, falling as `1/√λ`), two words. Either way a draw
/// consumes a fixed number of words for a given branch, so a stream stays reproducible.
enum Poisson {
    static func sample(mean lambda: Double, using generator: inout SplitMix64) -> Int {
        guard lambda > 0, lambda.isFinite else { return 0 }
        if lambda < 30 {
            let u = generator.uniform01()
            var k = 0
            var probability = exp(-lambda)
            var cumulative = probability
            while u >= cumulative && k < 1_000 {
                k += 1
                probability *= lambda / Double(k)
                cumulative += probability
            }
            return k
        }
        let draw = (lambda + lambda.squareRoot() * generator.standardNormal()).rounded()
        return draw <= 0 ? 0 : Int(min(draw, 1e9))
    }
}
