import ArgumentParser
import Dispatch
import WarehouseKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM: one line on stderr and the shell's exit code for the signal
/// (128 + its number: 130, 143), instead of a silent death.
///
/// Nothing needs undoing in the database: every write is one transaction, and a process that
/// ends before COMMIT leaves only uncommitted WAL frames (or a hot journal), which the next
/// connection ignores (rolls back). What does need undoing are files: partial outputs registered
/// in `PartialOutputs` (an export's hidden staging directory) are removed first.
///
/// The signals are blocked from their default action and delivered to a dispatch source on a
/// background queue: the handler runs as ordinary code on its own thread (not in signal context),
/// while the main thread may be anywhere inside a transaction, so it never returns to it: it
/// ends the process with `_exit`, which runs no atexit handlers or deinits that could touch the
/// database half-way.
///
/// One window remains: a signal that arrives after COMMIT returned and before the process ends
/// by itself still prints "nothing was written", though the transaction is in the file (whole:
/// SQLite's commit is atomic either way). The window is the time it takes to print a summary.
enum Interruption {
    /// What an interrupted command leaves behind, which decides the line printed.
    enum Effect: Equatable {
        /// Reads only: "interrupted".
        case reads
        /// One transaction or one atomic file: "interrupted: nothing was written".
        case writes
        /// Several steps, each committed on its own (`pipeline`).
        case steps
    }

    static func effect(of command: ParsableCommand.Type) -> Effect {
        switch command {
        case is WarehouseCommand.Info.Type, is WarehouseCommand.Runs.Type, is WarehouseCommand.Compare.Type,
             is WarehouseCommand.Recommend.Type, is WarehouseCommand.Check.Type:
            .reads
        case is WarehouseCommand.Pipeline.Type:
            .steps
        default:
            .writes
        }
    }

    /// What is said on an interruption.
    static func message(for effect: Effect) -> String {
        switch effect {
        case .reads: "interrupted"
        case .writes: "interrupted: nothing was written"
        case .steps: "interrupted: the step in progress was not written (finished steps are kept)"
        }
    }

    /// The line printed on an interruption: `warehouse: <message>`, or with `--json` the error object.
    static func line(for effect: Effect, json: Bool) -> String {
        json ? CommandLineError.jsonLine(message(for: effect)) : "warehouse: " + message(for: effect)
    }

    /// The signals handled, with their exit codes.
    static let signals: [(signal: Int32, exitCode: Int32)] = [(SIGINT, 128 + SIGINT), (SIGTERM, 128 + SIGTERM)]

    /// The installed sources: written once, on the main thread, before any can fire.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers for `command`; call once, before running it.
    static func install(for command: ParsableCommand, json: Bool) {
        let notice = line(for: effect(of: type(of: command)), json: json)
        let queue = DispatchQueue(label: "warehouse.interruption")
        for (number, exitCode) in signals {
            // The default action would end the process at once: ignore it, let the source see it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                PartialOutputs.removeAll()
                // Start on a fresh line when a progress bar may be drawn on the terminal.
                writeStandardError((standardErrorIsTerminal ? "\r\u{1B}[2K" : "") + notice + "\n")
                _exit(exitCode)
            }
            source.resume()
            sources.append(source)
        }
    }
}
