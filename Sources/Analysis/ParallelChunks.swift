import Dispatch

/// A fixed partition of `0..<count` rows into consecutive chunks of `size` rows (the last one
/// shorter).
///
/// Determinism rests on this type: chunk boundaries depend only on `count` and `size`, never on
/// the thread count. Kernels compute one partial result per chunk (summing the chunk's rows in
/// order) and the caller reduces the partials in chunk order, so every floating-point sum is the
/// same sequence of additions whether 1 or 64 threads ran it.
struct RowChunks: Sendable {
    /// Rows per chunk for streaming kernels: 8192 rows × a few doubles stays in L2 and gives
    /// about 120 chunks per million rows, plenty to balance two to a few dozen threads.
    static let standardSize = 8192

    let count: Int
    let size: Int

    init(count: Int, size: Int = RowChunks.standardSize) {
        precondition(count >= 0 && size >= 1, "RowChunks needs count >= 0 and size >= 1, got \(count), \(size)")
        self.count = count
        self.size = size
    }

    var chunkCount: Int { (count + size - 1) / size }

    /// The rows of chunk `index`.
    func range(_ index: Int) -> Range<Int> {
        let start = index * size
        return start..<min(start + size, count)
    }
}

/// Runs `body(chunk)` once for every chunk index in `0..<chunkCount`, on up to `threads` threads.
///
/// Worker `w` of `W = min(threads, chunkCount)` takes chunks `w, w + W, w + 2W, …`; with equal
/// chunk sizes this balances well without a shared counter. `body` must write only to the
/// outputs of its own chunk: that is what makes the result independent of `threads`.
/// `threads < 1` is treated as 1.
@inline(__always)
func forEachChunk(_ chunkCount: Int, threads: Int, _ body: (Int) -> Void) {
    let workers = min(max(threads, 1), chunkCount)
    if workers <= 1 {
        for chunk in 0..<chunkCount { body(chunk) }
        return
    }
    // `concurrentPerform` wants a @Sendable closure; `body` only touches the per-chunk outputs
    // its caller allocated for it (see above), which is the invariant the box vouches for.
    withoutActuallyEscaping(body) { escapable in
        let box = UncheckedSendableBox(escapable)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunkCount {
                box.value(chunk)
                chunk += workers
            }
        }
    }
}

/// Carries a value across a `@Sendable` boundary when the caller guarantees race freedom by
/// construction (disjoint per-chunk writes); never used for shared mutable state.
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
