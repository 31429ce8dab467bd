import Dispatch
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
        let line = "\(label) \(bar) \(done)/\(total) \(unit) · \(formatCount(rate))/s · \(formatSeconds(left)) left"
        writeStandardError("\r\u{1B}[2K" + line)
        if done >= total { finish() }
    }

    func finish() {
        guard enabled else { return }
        writeStandardError("\r\u{1B}[2K")
    }
}

/// 1234567 → "1.23M"; 9876 → "9.9k".
func formatCount(_ value: Double) -> String {
    switch value {
    case 1e9...: return String(format1: value / 1e9) + "G"
    case 1e6...: return String(format1: value / 1e6) + "M"
    case 1e3...: return String(format1: value / 1e3) + "k"
    default: return String(Int(value.rounded()))
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds < 60 ? String(format1: seconds) + " s" : "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
}

extension String {
    /// One decimal, '.' separator, no locale: 1.25 → "1.3" (round half away from zero).
    init(format1 value: Double) {
        guard value.isFinite else { self = String(value); return }
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10)
        let fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        self = (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }
}
