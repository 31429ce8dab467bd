import Dispatch
import Synchronization

/// A bounded, ordered hand-over of values from one producer thread to one consumer: the producer
/// waits when `depth` values are waiting, the consumer when none is. So parsing can run on the
/// spare core while the consumer's thread writes to SQLite, with at most `depth` batches in memory.
/// `cancel()` (the consumer giving up) releases a waiting producer, whose `put` then returns false.
package final class BatchChannel<Value: Sendable>: Sendable {
    private let items = Mutex<[Value]>([])
    private let cancelled = Mutex(false)
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let depth: Int

    package init(depth: Int) {
        self.depth = max(1, depth)
        free = DispatchSemaphore(value: self.depth)
    }

    /// Hands `value` over; false when the consumer has cancelled (stop producing).
    package func put(_ value: Value) -> Bool {
        free.wait()
        if cancelled.withLock({ $0 }) { return false }
        items.withLock { $0.append(value) }
        filled.signal()
        return true
    }

    /// The next value, in the order put.
    package func take() -> Value {
        filled.wait()
        let value = items.withLock { $0.removeFirst() }
        free.signal()
        return value
    }

    /// Stops the producer: its current or next `put` returns false.
    package func cancel() {
        cancelled.withLock { $0 = true }
        for _ in 0...depth { free.signal() }
    }
}
