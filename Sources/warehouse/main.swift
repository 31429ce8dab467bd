import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parse and run by hand so that every failure is ONE line on stderr in one voice (the option,
// the value and the reason; `CommandLineError`), or one JSON object with --json, with
// ArgumentParser's exit codes; help and version still print in full.
// A file-size limit (`ulimit -f`) must not kill the process by SIGXFSZ half-way (no message,
// temporary files left): ignored, the write that passes the limit fails with EFBIG instead, and
// the command's own failure path reports it and cleans up, as for a full disk.
signal(SIGXFSZ, SIG_IGN)
let arguments = Array(CommandLine.arguments.dropFirst())
let json = CommandLineError.wantsJSON(arguments)
if let typo = CommandSuggestion.message(for: arguments) {
    CommandLineError(message: typo, exitCode: ExitCode.validationFailure.rawValue).report(json: json)
    exit(ExitCode.validationFailure.rawValue)
}
do {
    var command = try WarehouseCommand.parseAsRoot(arguments)
    Interruption.install(for: command, json: json)
    try command.run()
} catch {
    if WarehouseCommand.exitCode(for: error).isSuccess {
        WarehouseCommand.exit(withError: error)
    }
    let failure = CommandLineError(error, arguments: arguments)
    failure.report(json: json)
    exit(failure.exitCode)
}
