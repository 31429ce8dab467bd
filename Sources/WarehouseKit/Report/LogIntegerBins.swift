import Foundation

/// Bins for positive integers (liked posts) that are about equally wide on a log axis.
///
/// Edges are `round(10^(i/perDecade))` for i = 0, 1, 2, …, with repeats dropped, until an edge
/// exceeds `maximum`: with 10 per decade, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63,
/// 79, 100, … Bin i holds the integers in `[edges[i], edges[i+1])`. From about 10 upwards every bin
/// spans ≈ 1/perDecade decade; the first few are wider (the bin [1, 2) spans log₁₀2 ≈ 0.30 decade),
/// so charts compare bins by ``density(count:bin:)``, not by raw count.
struct LogIntegerBins: Sendable, Equatable {
    /// Increasing edges, the first 1, the last > `maximum`.
    let edges: [Int]
    let perDecade: Int

    /// - Precondition: `maximum >= 1`, `perDecade >= 1`.
    init(maximum: Int, perDecade: Int) {
        precondition(maximum >= 1, "maximum=\(maximum) should be >= 1")
        precondition(perDecade >= 1, "perDecade=\(perDecade) should be >= 1")
        var edges = [1]
        var i = 1
        while let last = edges.last, last <= maximum {
            let edge = Int(pow(10, Double(i) / Double(perDecade)).rounded())
            if edge > last { edges.append(edge) }
            i += 1
        }
        self.edges = edges
        self.perDecade = perDecade
    }

    var count: Int { edges.count - 1 }

    /// The bin holding `value`, by binary search; nil for values outside `[1, edges.last)`.
    func index(of value: Int) -> Int? {
        guard let first = edges.first, let last = edges.last, value >= first, value < last else { return nil }
        var low = 0, high = edges.count - 1  // edges[low] <= value < edges[high]
        while high - low > 1 {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle } else { high = middle }
        }
        return low
    }

    /// Width of bin `bin` in decades: log₁₀(upper / lower).
    func widthInDecades(_ bin: Int) -> Double {
        log10(Double(edges[bin + 1]) / Double(edges[bin]))
    }

    /// `count` users in bin `bin` as users per 1/perDecade decade: count · (1/perDecade) / width.
    /// Equal to the count for a bin of the nominal width; smaller for the wide bins near 1.
    func density(count: Double, bin: Int) -> Double {
        count / (widthInDecades(bin) * Double(perDecade))
    }
}
