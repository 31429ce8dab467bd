/// Compile-time feature counts for the hot distance kernels.
///
/// A kernel written generically over `D: Dimension` is specialised by the optimiser for each
/// concrete type; for `Dimension3` the loops over features have the constant trip count 3 and
/// are fully unrolled into registers (PCA scores fed to k-means usually have d ≤ 8). Read
/// `dimension.count` inside the innermost closure, not captured from outside, or the constant
/// is lost. `DynamicDimension` covers every other d with the same code.
protocol Dimension {
    var count: Int { get }
}

struct Dimension1: Dimension { var count: Int { 1 } }
struct Dimension2: Dimension { var count: Int { 2 } }
struct Dimension3: Dimension { var count: Int { 3 } }
struct Dimension4: Dimension { var count: Int { 4 } }
struct Dimension5: Dimension { var count: Int { 5 } }
struct Dimension6: Dimension { var count: Int { 6 } }
struct Dimension7: Dimension { var count: Int { 7 } }
struct Dimension8: Dimension { var count: Int { 8 } }
struct DynamicDimension: Dimension { let count: Int }

/// A computation to run with a specialised `Dimension`.
protocol DimensionVisitor {
    associatedtype Output
    func visit<D: Dimension>(_ dimension: D) -> Output
}

/// Calls `visitor.visit` with the specialised dimension type for `d` (1…8), else a dynamic one.
@inline(__always)
func withDimension<V: DimensionVisitor>(_ d: Int, _ visitor: V) -> V.Output {
    switch d {
    case 1: return visitor.visit(Dimension1())
    case 2: return visitor.visit(Dimension2())
    case 3: return visitor.visit(Dimension3())
    case 4: return visitor.visit(Dimension4())
    case 5: return visitor.visit(Dimension5())
    case 6: return visitor.visit(Dimension6())
    case 7: return visitor.visit(Dimension7())
    case 8: return visitor.visit(Dimension8())
    default: return visitor.visit(DynamicDimension(count: d))
    }
}

/// ‖a − b‖² over `dimension.count` coordinates, summed in coordinate order.
@inline(__always)
func squaredDistance<D: Dimension>(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ dimension: D) -> Double {
    var sum = 0.0
    for t in 0..<dimension.count {
        let diff = a[t] - b[t]
        sum += diff * diff
    }
    return sum
}
