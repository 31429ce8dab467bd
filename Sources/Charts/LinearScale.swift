/// A linear map from a data domain to a pixel range: `y = r₀ + (x − d₀)·(r₁ − r₀)/(d₁ − d₀)`.
///
/// The range may be reversed (`r₀ > r₁`), as for a y axis whose pixel coordinate grows downwards.
/// A zero-width domain maps every value to the middle of the range; a zero-width range inverts
/// every pixel to `d₀`. Neither traps or divides by zero.
public struct LinearScale: Sendable, Equatable {
    public let domainStart: Double
    public let domainEnd: Double
    public let rangeStart: Double
    public let rangeEnd: Double

    public init(domain: (start: Double, end: Double), range: (start: Double, end: Double)) {
        domainStart = domain.start
        domainEnd = domain.end
        rangeStart = range.start
        rangeEnd = range.end
    }

    /// Data value → pixel (SVG user units). Values outside the domain extrapolate linearly.
    public func map(_ value: Double) -> Double {
        let width = domainEnd - domainStart
        guard width != 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (value - domainStart) / width * (rangeEnd - rangeStart)
    }

    /// Pixel → data value; `invert(map(x)) ≈ x` for a non-degenerate scale.
    public func invert(_ pixel: Double) -> Double {
        let height = rangeEnd - rangeStart
        guard height != 0 else { return domainStart }
        return domainStart + (pixel - rangeStart) / height * (domainEnd - domainStart)
    }

    /// Nice ticks covering the domain (see ``niceTickSet(lower:upper:count:)``).
    public func ticks(count: Int = 5) -> TickSet {
        niceTickSet(lower: domainStart, upper: domainEnd, count: count)
    }

    /// The same scale with its domain widened to the first and last nice tick.
    public func niced(count: Int = 5) -> LinearScale {
        let values = ticks(count: count).values
        guard let first = values.first, let last = values.last, first < last else { return self }
        let ascending = domainStart <= domainEnd
        return LinearScale(domain: ascending ? (first, last) : (last, first), range: (rangeStart, rangeEnd))
    }
}
