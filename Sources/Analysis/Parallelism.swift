#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread-count default used by every configuration in this module.
public enum Parallelism {
    /// The number of online processors (at least 1), from `sysconf(_SC_NPROCESSORS_ONLN)`.
    public static var activeProcessorCount: Int {
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// `body(index)` for every index in `0..<count` on up to `threads` threads, results in index
    /// order. Each index's result depends only on `body`, so the array is the same whatever the
    /// thread count.
    public static func map<T: Sendable>(_ count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UncheckedSendableBox(buffer)
            forEachChunk(count, threads: threads) { index in slots.value[index] = body(index) }
        }
        let filled = results.compactMap { $0 }
        precondition(filled.count == count, "every index is computed once")
        return filled
    }
}
