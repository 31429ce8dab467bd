/// Evenly spaced bands for categories (bars), like d3's band scale with centred alignment.
///
/// With n bands, `step = (r₁ − r₀) / max(1, n − pᵢ + 2·pₒ)`, `bandwidth = step·(1 − pᵢ)` and band i
/// starts at `r₀ + pₒ·step + i·step`, where pᵢ (inner padding) and pₒ (outer padding) are fractions
/// of a step. Units are those of the range (SVG user units). Invariant: `0 ≤ pᵢ < 1`, `pₒ ≥ 0`.
public struct BandScale: Sendable, Equatable {
    public let count: Int
    public let rangeStart: Double
    public let rangeEnd: Double
    public let paddingInner: Double
    public let paddingOuter: Double

    public init(count: Int, range: (start: Double, end: Double), paddingInner: Double = 0.2, paddingOuter: Double = 0.1) {
        precondition(count >= 0, "count=\(count) should be >= 0")
        precondition(paddingInner >= 0 && paddingInner < 1, "paddingInner=\(paddingInner) should be in [0, 1)")
        precondition(paddingOuter >= 0, "paddingOuter=\(paddingOuter) should be >= 0")
        self.count = count
        rangeStart = range.start
        rangeEnd = range.end
        self.paddingInner = paddingInner
        self.paddingOuter = paddingOuter
    }

    /// Distance between the starts of neighbouring bands.
    public var step: Double {
        (rangeEnd - rangeStart) / max(1, Double(count) - paddingInner + 2 * paddingOuter)
    }

    /// Width of one band.
    public var bandwidth: Double { step * (1 - paddingInner) }

    /// Start of band `index` (any integer; indices outside 0..<count extrapolate).
    public func start(_ index: Int) -> Double {
        rangeStart + paddingOuter * step + Double(index) * step
    }

    /// Centre of band `index`.
    public func center(_ index: Int) -> Double { start(index) + bandwidth / 2 }
}
