import Dispatch

/// Wall-clock time of named stages, in seconds, in the order they ran.
package struct Stopwatch {
    package init() {}

    package private(set) var stages: [(stage: String, seconds: Double)] = []
    private var mark = DispatchTime.now().uptimeNanoseconds

    /// Ends the current stage under `name` and starts the next one.
    package mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((name, Double(now - mark) / 1e9))
        mark = now
    }
}
