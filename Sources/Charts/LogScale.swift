import Foundation

/// A base-10 logarithmic map: `y = r₀ + (log₁₀x − log₁₀d₀)·(r₁ − r₀)/(log₁₀d₁ − log₁₀d₀)`.
///
/// Invariant: both domain bounds are finite and > 0 (the initialiser fails otherwise).
/// Values ≤ 0 or non-finite have no position: ``map(_:)`` returns `nil` for them, and charts skip them.
public struct LogScale: Sendable, Equatable {
    public let domainStart: Double
    public let domainEnd: Double
    public let rangeStart: Double
    public let rangeEnd: Double

    /// `nil` when a domain bound is ≤ 0 or not finite.
    public init?(domain: (start: Double, end: Double), range: (start: Double, end: Double)) {
        guard domain.start.isFinite, domain.end.isFinite, domain.start > 0, domain.end > 0 else { return nil }
        domainStart = domain.start
        domainEnd = domain.end
        rangeStart = range.start
        rangeEnd = range.end
    }

    /// Data value → pixel; `nil` for values ≤ 0 or not finite.
    public func map(_ value: Double) -> Double? {
        guard value.isFinite, value > 0 else { return nil }
        let width = log10(domainEnd) - log10(domainStart)
        guard width != 0 else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (log10(value) - log10(domainStart)) / width * (rangeEnd - rangeStart)
    }

    /// Pixel → data value (always > 0).
    public func invert(_ pixel: Double) -> Double {
        let height = rangeEnd - rangeStart
        guard height != 0 else { return domainStart }
        let exponent = log10(domainStart) + (pixel - rangeStart) / height * (log10(domainEnd) - log10(domainStart))
        return pow(10, exponent)
    }

    /// Ticks at powers of ten (see ``logTicks(lower:upper:count:)``).
    public func ticks(count: Int = 6) -> TickSet {
        logTicks(lower: domainStart, upper: domainEnd, count: count)
    }
}
