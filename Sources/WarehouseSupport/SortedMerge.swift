/// Calls `body(i, j)` for every id both ascending lists hold, `a[i] == b[j]`, in ascending
/// order: the merge of two sorted id lists, O(|a| + |b|), no allocation.
package func forEachCommonIndex(_ a: [Int64], _ b: [Int64], _ body: (Int, Int) -> Void) {
    var i = 0, j = 0
    while i < a.count && j < b.count {
        if a[i] < b[j] {
            i += 1
        } else if a[i] > b[j] {
            j += 1
        } else {
            body(i, j)
            i += 1
            j += 1
        }
    }
}
