import Dispatch
import Synchronization

/// Computes values `0..<count` on background threads, up to `depth` ahead of the consumer, and
/// hands them over strictly in order: so generation runs on the spare core while the caller's
/// thread writes to SQLite. The values depend only on their index, so the result is the same
/// whatever the scheduling.
package final class Prefetcher<Value: Sendable>: Sendable {
    private let slots: [Slot]
    private let produce: @Sendable (Int) -> Value
    private let count: Int
    private let depth: Int
    private let nextToStart = Mutex(0)

    /// One value in flight: filled once by a worker, taken once by the consumer.
    private final class Slot: Sendable {
        package let value = Mutex<Value?>(nil)
        package let ready = DispatchSemaphore(value: 0)
    }

    package init(count: Int, depth: Int, produce: @escaping @Sendable (Int) -> Value) {
        self.count = count
        self.depth = max(1, depth)
        self.produce = produce
        slots = (0..<count).map { _ in Slot() }
        for _ in 0..<min(self.depth, count) { startNext() }
    }

    private func startNext() {
        let index: Int? = nextToStart.withLock { next in
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
        guard let index else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let value = produce(index)
            slots[index].value.withLock { $0 = value }
            slots[index].ready.signal()
        }
    }

    /// Waits for value `index` (call with 0, 1, 2, … in order) and starts the next one.
    package func take(_ index: Int) -> Value {
        let slot = slots[index]
        slot.ready.wait()
        startNext()
        return slot.value.withLock { value in
            defer { value = nil }
            guard let taken = value else { preconditionFailure("prefetched value \(index) taken twice") }
            return taken
        }
    }
}
