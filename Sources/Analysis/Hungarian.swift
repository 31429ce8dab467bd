/// Minimum-cost assignment of rows to distinct columns (Kuhn–Munkres, in the O(r²·c)
/// shortest-augmenting-path form with row and column potentials u, v).
///
/// Rows are added one at a time; each addition grows a Dijkstra-like tree over columns using
/// reduced costs cost[i][j] − u[i] − v[j] ≥ 0 until it reaches a free column, then flips the
/// path. The potentials keep every reduced cost non-negative, so the final matching is optimal
/// (its cost equals Σu + Σv). Typical use: matching segments of two clusterings by centroid
/// distance or by negated overlap.
///
/// - Returns: `result[i]` = the column assigned to row i, all distinct; Σᵢ cost[i][result[i]] is
///   minimal. Ties are resolved deterministically (lowest column index first).
/// - Precondition: `cost.rows <= cost.columns`, all entries finite.
public func hungarianAssignment(cost: Matrix) -> [Int] {
    let rows = cost.rows, columns = cost.columns
    precondition(rows <= columns, "hungarianAssignment needs rows <= columns, got \(rows)×\(columns)")
    precondition(cost.values.allSatisfy(\.isFinite), "cost matrix must be finite")
    guard rows > 0 else { return [] }
    // 1-based arrays with a virtual column 0 that holds the row being inserted.
    var u = [Double](repeating: 0, count: rows + 1)
    var v = [Double](repeating: 0, count: columns + 1)
    var matchedRow = [Int](repeating: 0, count: columns + 1)  // column j → row (0 = free)
    var previous = [Int](repeating: 0, count: columns + 1)
    for row in 1...rows {
        matchedRow[0] = row
        var column = 0
        var slack = [Double](repeating: .infinity, count: columns + 1)
        var used = [Bool](repeating: false, count: columns + 1)
        repeat {
            used[column] = true
            let i = matchedRow[column]
            var delta = Double.infinity
            var next = 0
            for j in 1...columns where !used[j] {
                let reduced = cost.values[(i - 1) * columns + (j - 1)] - u[i] - v[j]
                if reduced < slack[j] {
                    slack[j] = reduced
                    previous[j] = column
                }
                if slack[j] < delta {
                    delta = slack[j]
                    next = j
                }
            }
            for j in 0...columns {
                if used[j] {
                    u[matchedRow[j]] += delta
                    v[j] -= delta
                } else {
                    slack[j] -= delta
                }
            }
            column = next
        } while matchedRow[column] != 0
        // Flip the augmenting path back to the virtual column.
        repeat {
            let before = previous[column]
            matchedRow[column] = matchedRow[before]
            column = before
        } while column != 0
    }
    var assignment = [Int](repeating: -1, count: rows)
    for j in 1...columns where matchedRow[j] != 0 {
        assignment[matchedRow[j] - 1] = j - 1
    }
    return assignment
}
