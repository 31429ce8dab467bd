import Dispatch
import WarehouseKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on stderr (done/total, rate, time left), redrawn at most ten times a
/// second; silent when stderr is not a terminal or when quiet.
final class ProgressBar {
    private let label: String
    private let unit: String
    private let enabled: Bool
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0

    init(label: String, unit: String, quiet: Bool) {
        self.label = label
        self.unit = unit
        enabled = !quiet && standardErrorIsTerminal
    }

    func update(done: Int, total: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard done >= total || now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        let elapsed = Double(now - started) / 1e9
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 30
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = "\(label) \(bar) \(Format.count(done))/\(Format.count(total)) \(unit) · \(Format.rate(rate))/s · \(Format.seconds(left)) left"
        writeStandardError("\r\u{1B}[2K" + line)
        if done >= total { finish() }
    }

    func finish() {
        guard enabled else { return }
        writeStandardError("\r\u{1B}[2K")
    }
}
