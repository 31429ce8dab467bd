import Analysis
import WarehouseTables

/// A k-means result rebuilt from an engine's labels on our PCA scores, so an imported run has
/// every number a native run has, in the same basis:
///
///     centroid_j  = mean of the scores of the users labelled j
///     distance_i  = ‖score_i − centroid_label(i)‖
///     inertia     = Σ distance_i²            (summed in row order)
///
/// The engine's labels are kept as they are (not reassigned to the nearest centroid): the run
/// is the engine's partition. For a converged k-means they are the nearest anyway.
///
/// Segments are then numbered as our runs number them (`fitKMeans`' canonical order): size
/// descending, then centroid coordinates ascending, then the engine's label. So segment 1 is
/// the largest, and the same partition gets the same numbers whichever engine found it.
enum ImportedClustering {
    /// - Throws: `WarehouseError.invalidArgument` when a segment has no user.
    /// - Precondition: `labels.count == scores.rows`, labels in 0..<k.
    static func rebuild(scores: Matrix, labels engineLabels: [Int32], k: Int, iterations: Int) throws -> KMeansResult {
        let n = scores.rows, m = scores.columns
        precondition(engineLabels.count == n, "one label per row")
        var sizes = [Int](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * m)
        for row in 0..<n {
            let label = Int(engineLabels[row])
            sizes[label] += 1
            for t in 0..<m { sums[label * m + t] += scores.values[row * m + t] }
        }
        if let empty = sizes.firstIndex(of: 0) {
            throw WarehouseError.invalidArgument(
                "segment \(empty + 1) of \(k) has no user in the assignments; a run needs every segment (k in meta.json) to have users")
        }
        var centroids = sums
        for label in 0..<k {
            for t in 0..<m { centroids[label * m + t] /= Double(sizes[label]) }
        }
        let order = (0..<k).sorted { a, b in
            if sizes[a] != sizes[b] { return sizes[a] > sizes[b] }
            for t in 0..<m where centroids[a * m + t] != centroids[b * m + t] {
                return centroids[a * m + t] < centroids[b * m + t]
            }
            return a < b
        }
        var newLabel = [Int32](repeating: 0, count: k)
        var orderedCentroids = [Double](repeating: 0, count: k * m)
        var orderedSizes = [Int](repeating: 0, count: k)
        for (new, old) in order.enumerated() {
            newLabel[old] = Int32(new)
            orderedSizes[new] = sizes[old]
            for t in 0..<m { orderedCentroids[new * m + t] = centroids[old * m + t] }
        }
        var labels = [Int32](repeating: 0, count: n)
        var distances = [Double](repeating: 0, count: n)
        var inertia = 0.0
        for row in 0..<n {
            let label = Int(newLabel[Int(engineLabels[row])])
            labels[row] = Int32(label)
            var squared = 0.0
            for t in 0..<m {
                let difference = scores.values[row * m + t] - orderedCentroids[label * m + t]
                squared += difference * difference
            }
            distances[row] = squared.squareRoot()
            inertia += squared
        }
        return KMeansResult(centroids: Matrix(rows: k, columns: m, values: orderedCentroids), labels: labels,
                            distances: distances, inertia: inertia, iterations: iterations, clusterSizes: orderedSizes)
    }
}
