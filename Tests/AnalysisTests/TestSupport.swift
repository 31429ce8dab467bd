@testable import Analysis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny seeded generator for fixtures (a 64-bit LCG with an output mix), so the tests depend
/// only on `Analysis`.
struct FixtureRandom {
    var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var z = state
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        return z ^ (z >> 33)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal by Box–Muller.
    mutating func normal() -> Double {
        let u1 = (Double(next() >> 11) + 0.5) * 0x1.0p-53
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    mutating func index(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Gaussian blobs: `sizes[c]` rows around `centres[c]` with standard deviation `spread`,
/// rows shuffled. Returns the data and the true blob of each row.
func makeBlobs(centres: [[Double]], sizes: [Int], spread: Double, seed: UInt64) -> (Matrix, [Int32]) {
    var random = FixtureRandom(seed)
    var rows: [([Double], Int32)] = []
    for (c, centre) in centres.enumerated() {
        for _ in 0..<sizes[c] {
            rows.append((centre.map { $0 + spread * random.normal() }, Int32(c)))
        }
    }
    for i in stride(from: rows.count - 1, to: 0, by: -1) {
        rows.swapAt(i, random.index(below: i + 1))
    }
    return (Matrix(rows.map(\.0)), rows.map(\.1))
}

func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var random = FixtureRandom(seed)
    return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in random.normal() })
}

func approximatelyEqual(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// The thrown error's description, or nil when nothing was thrown.
func errorDescription(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as AnalysisError {
        return error.description
    } catch {
        return "\(error)"
    }
}
